package io.siprtc.shell.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.siprtc.api.chat.ChatAccount;
import io.siprtc.api.chat.ChatException;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ChatService;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.HistoryPage;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.Presence;

/** A chat service that records what it is asked and answers from lists the test fills. */
final class FakeChatService implements ChatService {

    final List<ChatAccount> accounts = new ArrayList<>();
    final List<ChatMessage> sent = new ArrayList<>();
    final Map<String, List<ChatMessage>> histories = new LinkedHashMap<>();
    final Map<String, Map<String, Presence>> seen = new LinkedHashMap<>();

    private ChatAccount account(String user) throws ChatException {
        for (ChatAccount a : accounts) {
            if (a.user().equals(user)) {
                return a;
            }
        }
        throw new ChatException("no chat account '" + user + "'");
    }

    @Override
    public List<ChatAccount> accounts() {
        return accounts;
    }

    @Override
    public ChatMessage send(String account, Conversation c, String text, MessageKind kind) throws ChatException {
        account(account);
        if (text.isEmpty()) {
            throw new ChatException("the message is empty");
        }
        ChatMessage m = new ChatMessage("m" + (sent.size() + 1), account, c, account, Instant.now(), text, kind,
                MessageStatus.QUEUED);
        sent.add(m);
        return m;
    }

    @Override
    public Conversation group(String account, String groupId, Set<String> members) {
        return Conversation.group(groupId);
    }

    @Override
    public Set<String> members(String account, Conversation group) {
        return Set.of();
    }

    @Override
    public List<Conversation> conversations(String account) {
        return List.of();
    }

    @Override
    public HistoryPage history(String account, Conversation c, String beforeId, int limit) throws ChatException {
        account(account);
        List<ChatMessage> all = histories.getOrDefault(account + ">" + c, List.of());
        int from = Math.max(0, all.size() - limit);
        return new HistoryPage(all.subList(from, all.size()), from > 0);
    }

    @Override
    public void markRead(String account, Conversation c, String messageId) {
    }

    @Override
    public void typing(String account, Conversation c, boolean active) {
    }

    @Override
    public void setPresence(String account, Presence presence) {
    }

    @Override
    public Map<String, Presence> presence(String account) throws ChatException {
        account(account);
        return seen.getOrDefault(account, Map.of());
    }

    static ChatAccount account(String user, ConnectionState state) {
        return new ChatAccount(user, state, Presence.ONLINE, 0);
    }
}
