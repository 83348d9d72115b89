package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaSessionListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Native resources of many calls: 200 sequential calls between two sessions of one engine on
 * 127.0.0.1 (offer/answer, both sides hear audio, both close) leave the process's threads and
 * file descriptors (sockets included) where they were after a warm-up, and no session open or
 * reachable. RSS is reported (printed and written to {@code target/native-lifecycle.txt}), not
 * asserted: libwebrtc and the JVM keep freed memory in their allocators, and webrtc-java 0.14
 * never releases a closed peer connection's native object (its {@code close()} has no
 * {@code Release()}), so some growth per call is expected and measured here.
 *
 * <p>Margins: the warm-up brings up every thread the engine keeps (one factory per tone: its
 * network, signaling and worker threads; the headless audio device module's playout and capture
 * threads; the engine's executor and timer). What may still differ later without a leak: the
 * engine's cached executor grows by a thread or two in a burst of callbacks and keeps an idle
 * thread for 60 s, and the JVM starts and stops JIT compiler and GC worker threads on its own
 * (both in /proc/self/task). A leak of one thread or one socket per call would show as about
 * 190 more; the margins (8 threads, 6 descriptors) are far below that and above the noise seen
 * here.
 */
class NativeLifecycleTest {

    private static final int CALLS = Integer.getInteger("lifecycle.calls", 200);
    private static final int WARM_UP = 10;
    private static final int THREAD_MARGIN = 8;
    private static final int FD_MARGIN = 6;

    @Test
    void twoHundredCallsLeaveThreadsAndDescriptorsFlat() throws Exception {
        WebRtcMediaEngine engine = new WebRtcMediaEngine();
        engine.activate(new LoopbackCalls.Config());
        StringBuilder report = new StringBuilder();
        List<WeakReference<MediaSession>> closed = new ArrayList<>();
        try {
            Figures base = null;
            long t0 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                MediaSession[] call = call(engine, i);
                if (i >= CALLS - 20) {
                    closed.add(new WeakReference<>(call[0]));
                    closed.add(new WeakReference<>(call[1]));
                }
                if (i == WARM_UP - 1) {
                    settle();
                    base = Figures.now();
                    report.append(line("after " + WARM_UP + " warm-up calls", base));
                    t0 = System.nanoTime();
                }
            }
            double perCallMs = (System.nanoTime() - t0) / 1e6 / (CALLS - WARM_UP);
            assertEquals(0, engine.openSessions(), "sessions left open");

            Figures end = settleUntilFlat(base);
            report.append(line("after " + CALLS + " calls (+ settle, GC)", end));
            report.append(String.format(Locale.ROOT, "%d calls after warm-up, %.1f ms per call (offer/answer, audio both "
                    + "ways, close); RSS %+.1f MB = %+.1f kB per call; heap after GC %+.1f MB%n", CALLS - WARM_UP, perCallMs,
                    (end.rssKb - base.rssKb) / 1024.0, (end.rssKb - base.rssKb) / (double) (CALLS - WARM_UP),
                    (end.heapBytes - base.heapBytes) / 1048576.0));
            System.out.print(report);
            Files.writeString(Paths.get("target", "native-lifecycle.txt"), report.toString(), StandardCharsets.UTF_8);

            assertTrue(end.osThreads <= base.osThreads + THREAD_MARGIN, "OS threads grew: " + report);
            assertTrue(end.javaThreads <= base.javaThreads + THREAD_MARGIN, "Java threads grew: " + report);
            assertTrue(end.fds <= base.fds + FD_MARGIN, "file descriptors grew: " + report);
            assertTrue(end.sockets <= base.sockets + FD_MARGIN, "sockets grew: " + report);
            // nothing native keeps a closed session (its listeners, analyzer, stats) reachable
            long alive = closed.stream().filter(r -> r.get() != null).count();
            assertEquals(0, alive, alive + " of the last " + closed.size() + " closed sessions still reachable after GC");
        } finally {
            engine.deactivate();
        }
    }

    /** One call: offer/answer, wait (bounded) until each side hears audio, close both; returns them. */
    private static MediaSession[] call(WebRtcMediaEngine engine, int i) throws Exception {
        MediaSession alice = engine.createSession(new MediaSessionConfig("alice" + i, ALICE_HZ, LOOPBACK));
        MediaSession bob = engine.createSession(new MediaSessionConfig("bob" + i, BOB_HZ, LOOPBACK));
        try {
            CountDownLatch heard = new CountDownLatch(2);
            MediaSessionListener first = new MediaSessionListener() {
                @Override
                public void onFirstAudio(long nanoTime) {
                    heard.countDown();
                }
            };
            alice.addListener(first);
            bob.addListener(first);
            negotiate(alice, bob);
            assertTrue(heard.await(10, TimeUnit.SECONDS), "call " + i + ": no audio both ways: " + alice.stats()
                    + " / " + bob.stats());
        } finally {
            alice.close();
            bob.close();
        }
        return new MediaSession[] {alice, bob};
    }

    /** Lets closing finish (callbacks, idle threads) and collects garbage. */
    private static void settle() throws InterruptedException {
        Thread.sleep(500);
        System.gc();
        Thread.sleep(200);
    }

    /** Waits (at most 10 s) until threads and descriptors are back within the margins, then measures. */
    private static Figures settleUntilFlat(Figures base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Figures f;
        do {
            settle();
            f = Figures.now();
        } while ((f.osThreads > base.osThreads + THREAD_MARGIN || f.fds > base.fds + FD_MARGIN)
                && System.nanoTime() < deadline);
        return f;
    }

    private static String line(String when, Figures f) {
        return String.format(Locale.ROOT, "%-40s OS threads %3d, Java threads %3d, fds %3d (sockets %3d), RSS %7.1f MB, "
                + "heap %6.1f MB%n", when, f.osThreads, f.javaThreads, f.fds, f.sockets, f.rssKb / 1024.0,
                f.heapBytes / 1048576.0);
    }

    /** What the process holds now, from /proc/self and the JVM. */
    record Figures(int osThreads, int javaThreads, int fds, int sockets, long rssKb, long heapBytes) {

        static Figures now() throws IOException {
            int fds = 0;
            int sockets = 0;
            try (Stream<Path> s = Files.list(Paths.get("/proc/self/fd"))) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    fds++;
                    try {
                        if (Files.readSymbolicLink(p).toString().startsWith("socket:")) {
                            sockets++;
                        }
                    } catch (IOException gone) {
                        // closed meanwhile (e.g. the listing's own descriptor)
                    }
                }
            }
            int tasks;
            try (Stream<Path> s = Files.list(Paths.get("/proc/self/task"))) {
                tasks = (int) s.count();
            }
            Runtime rt = Runtime.getRuntime();
            return new Figures(tasks, ManagementFactory.getThreadMXBean().getThreadCount(), fds, sockets, readRssKb(),
                    rt.totalMemory() - rt.freeMemory());
        }

        static long readRssKb() throws IOException {
            for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        }
    }
}
