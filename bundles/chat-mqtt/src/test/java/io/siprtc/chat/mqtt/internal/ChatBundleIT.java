package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;

import io.siprtc.api.chat.ChatAccount;
import io.siprtc.api.chat.ChatListener;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ChatService;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.StatusUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The built bundle (Paho embedded) in a real Felix with SCR and ConfigAdmin: two accounts made
 * from factory configurations chat through the real mosquitto; the data goes to the bundle's
 * data area; stopping the bundle leaves no thread behind.
 */
class ChatBundleIT {

    static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void twoConfiguredAccountsChatInsideOsgi() throws Exception {
        Files.createDirectories(dir.resolve("broker"));
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), ChatFixture.USERS);
                Felix felix = new Felix(dir.resolve("felix"))) {
            Bundle chat = felix.install(Felix.jar("bundle.under.test"));
            chat.start();
            Recorder events = new Recorder();
            felix.context().registerService(ChatListener.class, events, null);
            for (String user : List.of("alice", "bob")) {
                Hashtable<String, Object> p = new Hashtable<>();
                p.put("user", user);
                p.put("broker.uri", broker.uri());
                p.put(".password", ChatFixture.USERS.get(user));
                p.put("client.id", "it-" + user);
                felix.configure(MqttChatAccount.PID, user, p);
            }
            // nothing uses the chat service yet: the accounts connect all the same (immediate components)
            events.await(io.siprtc.api.chat.ConnectionEvent.class, e -> e.state() == ConnectionState.CONNECTED, 2, T);
            ChatService service = felix.await(ChatService.class, 10_000);
            assertEquals(List.of("alice", "bob"), service.accounts().stream().map(ChatAccount::user).toList());

            ChatMessage m = service.send("alice", Conversation.direct("bob"), "hello from inside OSGi", MessageKind.TEXT);
            ChatMessage got = events.await(ChatMessage.class, x -> x.id().equals(m.id()) && x.account().equals("bob"), T);
            assertEquals("hello from inside OSGi", got.text());
            events.await(StatusUpdate.class, u -> u.messageId().equals(m.id()) && u.status() == MessageStatus.DELIVERED, T);

            Path area = dir.resolve("felix").resolve("bundle" + chat.getBundleId()).resolve("data").resolve("chat");
            assertTrue(Files.isDirectory(area.resolve("alice").resolve("history")), "history in the bundle data area");

            chat.stop();
            List<String> left = chatThreads();
            long end = System.nanoTime() + 5_000_000_000L;
            while (!left.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(50);
                left = chatThreads();
            }
            assertEquals(List.of(), left, "threads left after the bundle stopped");
            try (Stream<Path> s = Files.list(area.resolve("bob").resolve("history"))) {
                assertEquals(1, s.count());
            }
        }
    }

    static List<String> chatThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("siprtc-chat") || n.startsWith("MQTT")).toList();
    }
}
