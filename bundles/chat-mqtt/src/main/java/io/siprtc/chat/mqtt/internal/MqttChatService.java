package io.siprtc.chat.mqtt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Logger;

import io.siprtc.api.chat.ChatAccount;
import io.siprtc.api.chat.ChatException;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ChatService;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.HistoryPage;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.Presence;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@link ChatService} over the configured MQTT chat accounts, bound as they come and go. */
@Component(service = ChatService.class, immediate = true)
public class MqttChatService implements ChatService {

    private static final Logger LOG = Logger.getLogger(MqttChatService.class.getName());

    private final Map<String, ChatClient> accounts = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAccount(MqttChatAccount a) {
        add(a.client());
    }

    void removeAccount(MqttChatAccount a) {
        remove(a.client());
    }

    /** Also for tests without OSGi. */
    void add(ChatClient c) {
        ChatClient before = accounts.putIfAbsent(c.user(), c);
        if (before != null && before != c) {
            LOG.warning(() -> "chat account " + c.user() + " is configured twice; the second one is ignored");
        }
    }

    void remove(ChatClient c) {
        accounts.remove(c.user(), c);
    }

    private ChatClient account(String user) throws ChatException {
        if (user == null) {
            throw new ChatException("no account given");
        }
        ChatClient c = accounts.get(user);
        if (c == null) {
            throw new ChatException("no chat account '" + Names.shorten(user) + "'"
                    + (accounts.isEmpty() ? " (none configured: factory PID " + MqttChatAccount.PID + ")"
                            : "; configured: " + String.join(", ", accounts.keySet())));
        }
        return c;
    }

    @Override
    public List<ChatAccount> accounts() {
        List<ChatAccount> list = new ArrayList<>();
        for (ChatClient c : accounts.values()) {
            list.add(c.info());
        }
        return list;
    }

    @Override
    public ChatMessage send(String account, Conversation conversation, String text, MessageKind kind)
            throws ChatException {
        return account(account).send(conversation, text, kind);
    }

    @Override
    public Conversation group(String account, String groupId, Set<String> members) throws ChatException {
        return account(account).group(groupId, members);
    }

    @Override
    public Set<String> members(String account, Conversation group) throws ChatException {
        return account(account).members(group);
    }

    @Override
    public List<Conversation> conversations(String account) throws ChatException {
        return account(account).conversations();
    }

    @Override
    public HistoryPage history(String account, Conversation conversation, String beforeId, int limit)
            throws ChatException {
        return account(account).history(conversation, beforeId, limit);
    }

    @Override
    public void markRead(String account, Conversation conversation, String messageId) throws ChatException {
        account(account).markRead(conversation, messageId);
    }

    @Override
    public void typing(String account, Conversation conversation, boolean active) throws ChatException {
        account(account).typing(conversation, active);
    }

    @Override
    public void setPresence(String account, Presence presence) throws ChatException {
        account(account).setPresence(presence);
    }

    @Override
    public Map<String, Presence> presence(String account) throws ChatException {
        return account(account).presence();
    }
}
