package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.siprtc.api.chat.ChatListener;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.StatusUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a unit test (surefire leaves it out): message round trip (send to delivery
 * receipt) through the real mosquitto on loopback, and 1,000 messages in one burst with none
 * lost. Run: {@code ./mvnw -B verify -pl bundles/chat-mqtt -Dtest=ChatBench -Dit.test=NoSuchIT
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}; figures go
 * to the output and to target/chat-bench.txt.
 */
class ChatBench {

    static final int WARMUP = 300;
    static final int ROUND_TRIPS = 1000;
    static final int BURST = 1000;

    @TempDir
    Path dir;

    /** Notes when each message's delivery receipt arrives, and what the peer receives. */
    static final class Clock implements ChatListener {
        final Map<String, Long> delivered = new ConcurrentHashMap<>();
        final List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch latch = new CountDownLatch(0);
        final CountDownLatch connected = new CountDownLatch(1);

        @Override
        public void onStatus(StatusUpdate u) {
            if (u.status() == MessageStatus.DELIVERED && delivered.putIfAbsent(u.messageId(), System.nanoTime()) == null) {
                latch.countDown();
            }
        }

        @Override
        public void onMessage(ChatMessage m) {
            received.add(m.id());
        }

        @Override
        public void onConnection(io.siprtc.api.chat.ConnectionEvent e) {
            if (e.state() == ConnectionState.CONNECTED) {
                connected.countDown();
            }
        }
    }

    @Test
    void roundTripAndBurst() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(String.format("chat bench: mosquitto %s on 127.0.0.1, %d cores, Java %s%n", mosquittoVersion(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")), ChatFixture.USERS)) {
            for (boolean sync : new boolean[] { true, false }) {
                report.append(run(broker, sync));
            }
        }
        System.out.println(report);
        Path out = Path.of("target", "chat-bench.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private String run(Mosquitto broker, boolean sync) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data-" + sync));
        ChatFixture f = new ChatFixture(broker, data);
        Clock aliceClock = new Clock();
        Clock bobClock = new Clock();
        try (ChatClient alice = new ChatClient(f.settings("alice").syncWrites(sync).build(), aliceClock);
                ChatClient bob = new ChatClient(f.settings("bob").syncWrites(sync).build(), bobClock)) {
            alice.start();
            bob.start();
            aliceClock.connected.await(10, TimeUnit.SECONDS);
            bobClock.connected.await(10, TimeUnit.SECONDS);
            Conversation toBob = Conversation.direct("bob");

            long[] rtt = new long[ROUND_TRIPS];
            for (int i = 0; i < WARMUP + ROUND_TRIPS; i++) {
                aliceClock.latch = new CountDownLatch(1);
                long start = System.nanoTime();
                ChatMessage m = alice.send(toBob, "round trip " + i, MessageKind.TEXT);
                if (!aliceClock.latch.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("no delivery receipt for message " + i);
                }
                if (i >= WARMUP) {
                    rtt[i - WARMUP] = aliceClock.delivered.get(m.id()) - start;
                }
            }
            Arrays.sort(rtt);

            bobClock.received.clear();
            aliceClock.latch = new CountDownLatch(BURST);
            List<String> burst = new ArrayList<>(BURST);
            long start = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                burst.add(alice.send(toBob, "burst " + i, MessageKind.TEXT).id());
            }
            long queued = System.nanoTime() - start;
            if (!aliceClock.latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("burst: only " + (BURST - aliceClock.latch.getCount()) + " of " + BURST
                        + " delivered within 60 s");
            }
            long all = System.nanoTime() - start;
            Thread.sleep(300);
            assertEquals(burst, new ArrayList<>(bobClock.received), "burst: every message once, in order");
            assertEquals(0, alice.info().outbox());

            return String.format("%nsync writes %s:%n  round trip send -> delivery receipt, %d messages after %d warm-up: "
                    + "median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n"
                    + "  burst of %d: all queued (on disk) in %d ms, all delivered and receipted in %d ms "
                    + "(%.0f msg/s), received %d, lost 0, duplicates 0, out of order 0%n",
                    sync ? "on (default)" : "off", ROUND_TRIPS, WARMUP, ms(rtt[ROUND_TRIPS / 2]),
                    ms(rtt[ROUND_TRIPS * 90 / 100]), ms(rtt[ROUND_TRIPS * 99 / 100]), ms(rtt[ROUND_TRIPS - 1]),
                    BURST, queued / 1_000_000, all / 1_000_000, BURST / (all / 1e9), bobClock.received.size());
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String mosquittoVersion() {
        try {
            Process p = new ProcessBuilder("/usr/sbin/mosquitto", "-h").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            for (String line : out.split("\n")) {
                if (line.startsWith("mosquitto version")) {
                    return line.substring("mosquitto version".length()).trim();
                }
            }
        } catch (Exception e) {
            // unknown
        }
        return "?";
    }
}
