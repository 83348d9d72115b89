package io.siprtc.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.siprtc.api.chat.ChatAccount;
import io.siprtc.api.chat.ChatException;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ChatService;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.HistoryPage;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.Presence;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo chat commands in scope {@code siprtc}: {@code chat}, {@code history}, {@code presence}.
 * Without an account argument they act for the first chat account. A peer named
 * {@code group:<id>} is a group conversation. Errors come back as one readable line.
 */
@Component(service = ChatCommands.class, property = {
        "osgi.command.scope=siprtc",
        "osgi.command.function=chat", "osgi.command.function=history", "osgi.command.function=presence" })
public class ChatCommands {

    static final int HISTORY_LINES = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ChatService chat;

    /** {@code siprtc:chat <user> <text>} from the first account; quote a text with spaces. */
    public String chat(String peer, String text) {
        ChatService s = chat;
        if (s == null) {
            return noChat();
        }
        String account = firstAccount(s);
        return account == null ? noAccounts() : chat(account, peer, text);
    }

    /** {@code siprtc:chat <account> <user> <text>}. */
    public String chat(String account, String peer, String text) {
        ChatService s = chat;
        if (s == null) {
            return noChat();
        }
        try {
            ChatMessage m = s.send(account, conversation(peer), text, MessageKind.TEXT);
            return account + " -> " + m.conversation() + ": queued " + m.id();
        } catch (ChatException | RuntimeException e) {
            return error(e);
        }
    }

    /** {@code siprtc:history <user>}: the first account's newest messages with that user. */
    public String history(String peer) {
        ChatService s = chat;
        if (s == null) {
            return noChat();
        }
        String account = firstAccount(s);
        return account == null ? noAccounts() : history(account, peer);
    }

    /** {@code siprtc:history <account> <user>}. */
    public String history(String account, String peer) {
        ChatService s = chat;
        if (s == null) {
            return noChat();
        }
        try {
            HistoryPage page = s.history(account, conversation(peer), null, HISTORY_LINES);
            if (page.messages().isEmpty()) {
                return "no messages between " + account + " and " + peer;
            }
            String lines = page.messages().stream().map(ChatCommands::line).collect(Collectors.joining("\n"));
            return (page.more() ? "(older messages not shown)\n" : "") + lines;
        } catch (ChatException | RuntimeException e) {
            return error(e);
        }
    }

    /** {@code siprtc:presence}: every account's connection and presence, and whom each account sees. */
    public String presence() {
        ChatService s = chat;
        if (s == null) {
            return noChat();
        }
        List<ChatAccount> accounts = s.accounts();
        if (accounts.isEmpty()) {
            return noAccounts();
        }
        StringBuilder sb = new StringBuilder();
        for (ChatAccount a : accounts) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(String.format("%-12s %-8s %-12s outbox %d", a.user(), lower(a.presence()), lower(a.state()),
                    a.outbox()));
            try {
                Map<String, Presence> others = s.presence(a.user());
                for (Map.Entry<String, Presence> e : others.entrySet()) {
                    sb.append(String.format("%n  sees %-12s %s", e.getKey(), lower(e.getValue())));
                }
            } catch (ChatException | RuntimeException e) {
                sb.append("\n  ").append(error(e));
            }
        }
        return sb.toString();
    }

    static Conversation conversation(String peer) {
        if (peer != null && peer.startsWith("group:")) {
            return Conversation.group(peer.substring("group:".length()));
        }
        return Conversation.direct(peer);
    }

    private static String line(ChatMessage m) {
        String status = m.outgoing() ? "  [" + lower(m.status()) + "]" : m.status() == MessageStatus.RECEIVED ? "  [new]" : "";
        String who = m.kind() == MessageKind.ACTION ? "* " + m.from() : m.from() + ":";
        return TIME.format(m.time()) + "  " + who + " " + m.text().replace("\n", "\n    ") + status;
    }

    private static String firstAccount(ChatService s) {
        List<ChatAccount> list = s.accounts();
        return list.isEmpty() ? null : list.get(0).user();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String noChat() {
        return "error: no chat service is running (the chat bundle io.siprtc.chat.mqtt)";
    }

    private static String noAccounts() {
        return "error: no chat accounts configured (factory PID io.siprtc.chat.mqtt, e.g. etc/io.siprtc.chat.mqtt-alice.cfg)";
    }

    private static String error(Exception e) {
        String m = e.getMessage();
        return "error: " + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }
}
