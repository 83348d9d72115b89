package io.siprtc.chat.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.siprtc.api.chat.ChatListener;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ChatService;
import io.siprtc.api.chat.ConnectionEvent;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.StatusUpdate;
import io.siprtc.chat.mqtt.internal.Felix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The launcher's default, inside a real Felix: this bundle's broker (Moquette) runs only once
 * configured, on 127.0.0.1, and the chat bundle's accounts alice and bob chat through it.
 */
class ChatBrokerIT {

    @TempDir
    Path dir;

    /** Collects what the chat bundle reports. */
    static final class Events implements ChatListener {
        final CountDownLatch connected = new CountDownLatch(2);
        final CountDownLatch delivered = new CountDownLatch(1);
        final List<ChatMessage> messages = new ArrayList<>();

        @Override
        public void onConnection(ConnectionEvent e) {
            if (e.state() == ConnectionState.CONNECTED) {
                connected.countDown();
            }
        }

        @Override
        public synchronized void onMessage(ChatMessage m) {
            messages.add(m);
            notifyAll();
        }

        @Override
        public void onStatus(StatusUpdate u) {
            if (u.status() == MessageStatus.DELIVERED) {
                delivered.countDown();
            }
        }
    }

    @Test
    void aliceAndBobChatThroughTheEmbeddedBroker() throws Exception {
        int port = MoquetteBrokerTest.freePort();
        try (Felix felix = new Felix(dir.resolve("felix"))) {
            Bundle broker = felix.install(Felix.jar("bundle.under.test"));
            broker.start();
            Thread.sleep(300);
            assertThrows(IOException.class, () -> connect(port), "no configuration, no broker");

            Hashtable<String, Object> b = new Hashtable<>();
            b.put("port", port);
            felix.configure(EmbeddedBroker.PID, null, b);
            awaitListening(port);

            Bundle chat = felix.install(Felix.jar("chat.mqtt.jar"));
            chat.start();
            Events events = new Events();
            felix.context().registerService(ChatListener.class, events, null);
            for (String user : List.of("alice", "bob")) {
                Hashtable<String, Object> p = new Hashtable<>();
                p.put("user", user);
                p.put("broker.uri", "tcp://127.0.0.1:" + port);
                felix.configure("io.siprtc.chat.mqtt", user, p);
            }
            // nothing uses the chat service yet: the accounts connect all the same (immediate components)
            assertTrue(events.connected.await(20, TimeUnit.SECONDS), "both accounts connected (MQTT 5)");
            ChatService service = felix.await(ChatService.class, 10_000);
            ChatMessage m = service.send("alice", Conversation.direct("bob"), "hello bob, via Moquette", MessageKind.TEXT);
            assertTrue(events.delivered.await(20, TimeUnit.SECONDS), "delivery receipt");
            synchronized (events) {
                assertEquals(1, events.messages.size());
                assertEquals(m.id(), events.messages.get(0).id());
                assertEquals("bob", events.messages.get(0).account());
            }
            Path area = dir.resolve("felix").resolve("bundle" + broker.getBundleId()).resolve("data").resolve("broker");
            assertTrue(Files.isDirectory(area), "broker data in its bundle data area");

            chat.stop();
            broker.stop();
            Thread.sleep(500);
            assertThrows(IOException.class, () -> connect(port), "stopped with its bundle");
            // Netty's globalEventExecutor ends itself about a second after its last task: wait for it
            List<String> left = otherThreads();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!left.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(100);
                left = otherThreads();
            }
            assertEquals(List.of(), left, "threads left after both bundles stopped");
        }
    }

    /** Threads that are neither the JVM's, the test's, nor the framework's (Felix, SCR, ConfigAdmin). */
    static List<String> otherThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> !n.startsWith("Felix") && !n.startsWith("CM ") && !n.startsWith("SCR ")
                        && !n.startsWith("surefire") && !List.of("main", "Finalizer", "Reference Handler",
                                "Signal Dispatcher", "Common-Cleaner", "Notification Thread").contains(n))
                .sorted().toList();
    }

    static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        }
    }

    static void awaitListening(int port) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            try {
                connect(port);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the embedded broker did not listen on 127.0.0.1:" + port);
    }
}
