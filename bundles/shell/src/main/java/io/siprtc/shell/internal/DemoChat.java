package io.siprtc.shell.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.siprtc.api.chat.ChatAccount;
import io.siprtc.api.chat.ChatException;
import io.siprtc.api.chat.ChatListener;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ChatService;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.StatusUpdate;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The demo's chat part: alice and bob as throw-away MQTT chat accounts on the embedded broker.
 * When no broker is configured the demo configures one on a free port of 127.0.0.1 (and removes
 * it afterwards); a configured broker is used as it is.
 */
final class DemoChat implements AutoCloseable {

    static final String BROKER_PID = "io.siprtc.chat.broker";
    static final String ACCOUNT_FACTORY_PID = "io.siprtc.chat.mqtt";
    private static final int DEFAULT_BROKER_PORT = 1883;

    private final ConfigurationAdmin configAdmin;
    private final ChatService chat;
    private final BundleContext context;
    private final List<Configuration> created = new ArrayList<>();

    DemoChat(ConfigurationAdmin configAdmin, ChatService chat, BundleContext context) {
        this.configAdmin = configAdmin;
        this.chat = chat;
        this.context = context;
    }

    /** Configures the broker (if none is) and the two accounts; returns the broker's port. */
    int create() throws IOException {
        Configuration broker = configAdmin.getConfiguration(BROKER_PID, "?");
        Dictionary<String, Object> existing = broker.getProperties();
        int port;
        if (existing == null) {
            port = freePort();
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("port", port);
            p.put("persistence", false);
            broker.update(p);
            created.add(broker);
        } else {
            Object configured = existing.get("port");
            port = configured == null ? DEFAULT_BROKER_PORT : Integer.parseInt(configured.toString());
        }
        account("demo-alice", "alice", port);
        account("demo-bob", "bob", port);
        return port;
    }

    private void account(String name, String user, int port) throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration(ACCOUNT_FACTORY_PID, name, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("user", user);
        p.put("broker.uri", "tcp://127.0.0.1:" + port);
        c.update(p);
        created.add(c);
    }

    /**
     * alice sends bob one message; prints progress; returns null when bob received it and alice
     * got bob's delivery receipt, else what went wrong.
     */
    String exchange(String text, Consumer<String> out, long timeoutMs) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String missing = awaitConnected(deadline, "alice", "bob");
        if (missing != null) {
            return "chat accounts not connected: " + missing;
        }
        out.accept(String.format("chat:  alice and bob connected to the MQTT broker in %.0f ms", ms(start)));
        BlockingQueue<ChatMessage> atBob = new LinkedBlockingQueue<>();
        BlockingQueue<StatusUpdate> atAlice = new LinkedBlockingQueue<>();
        ServiceRegistration<ChatListener> reg = context.registerService(ChatListener.class, new ChatListener() {
            @Override
            public void onMessage(ChatMessage m) {
                if (m.account().equals("bob") && !m.outgoing()) {
                    atBob.add(m);
                }
            }

            @Override
            public void onStatus(StatusUpdate u) {
                if (u.account().equals("alice") && u.status() == MessageStatus.DELIVERED) {
                    atAlice.add(u);
                }
            }
        }, new Hashtable<>());
        try {
            long sent = System.nanoTime();
            ChatMessage m;
            try {
                m = chat.send("alice", Conversation.direct("bob"), text, MessageKind.TEXT);
            } catch (ChatException | RuntimeException e) {
                return "alice could not send: " + e.getMessage();
            }
            out.accept("chat:  alice -> bob: \"" + text + "\"");
            ChatMessage received = poll(atBob, x -> x.id().equals(m.id()), deadline);
            if (received == null) {
                return "bob did not receive alice's message " + m.id();
            }
            out.accept(String.format("chat:  bob received \"%s\" from %s after %.1f ms", received.text(), received.from(),
                    ms(sent)));
            StatusUpdate receipt = poll(atAlice, u -> u.messageId().equals(m.id()), deadline);
            if (receipt == null) {
                return "alice got no delivery receipt for " + m.id();
            }
            out.accept(String.format("chat:  alice got bob's delivery receipt after %.1f ms", ms(sent)));
            return null;
        } finally {
            reg.unregister();
        }
    }

    private String awaitConnected(long deadline, String... users) throws InterruptedException {
        while (true) {
            List<String> missing = new ArrayList<>();
            for (String u : users) {
                boolean connected = chat.accounts().stream()
                        .anyMatch(a -> a.user().equals(u) && a.state() == ConnectionState.CONNECTED);
                if (!connected) {
                    missing.add(u + " (" + chat.accounts().stream().filter(a -> a.user().equals(u))
                            .map(ChatAccount::state).map(Object::toString).findFirst().orElse("no account") + ")");
                }
            }
            if (missing.isEmpty()) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                return String.join(", ", missing);
            }
            Thread.sleep(10);
        }
    }

    /** The first element of {@code q} that {@code wanted} accepts, or null at the deadline. */
    private static <T> T poll(BlockingQueue<T> q, Predicate<T> wanted, long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            T next = q.poll(left, TimeUnit.NANOSECONDS);
            if (next != null && wanted.test(next)) {
                return next;
            }
        }
        return null;
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Removes what the demo configured; the accounts and the broker stop asynchronously. */
    @Override
    public void close() {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                created.get(i).delete();
            } catch (IOException | IllegalStateException e) {
                // already gone
            }
        }
        created.clear();
    }
}
