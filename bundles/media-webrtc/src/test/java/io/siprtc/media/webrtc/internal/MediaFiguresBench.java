package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.AudioFrameListener;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaSessionListener;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's figures (not a unit test: no timed assertion; run it by name, see the module
 * README, section Figures), engine to engine in one JVM on 127.0.0.1:
 * <ol>
 * <li>Dial to first audio: from the caller's {@code createSession} to the first decoded audio
 * with signal at the callee ({@link MediaSessionListener#onFirstAudio}), through offer, answer,
 * ICE and DTLS; median, 90th percentile and maximum of {@code -Dbench.dial.calls} calls (default
 * 50) after 5 warm-up calls, with the steps on the way. No SIP: what the engine adds to a call
 * set-up.</li>
 * <li>{@code -Dbench.concurrent} calls (default 20) at once for {@code -Dbench.seconds} (default
 * 20): every received 10 ms frame of every session is checked for the far end's tone (peak at
 * least {@link ToneAnalyzer#SIGNAL_THRESHOLD}); a gap is a run of frames without it after the
 * first tone, and a late frame one that came more than 30 ms after the one before (the audio
 * device module's playout thread pulls every 10 ms). Process CPU time (all threads, both ends
 * of every call) over the interval per call, and RSS with the calls up minus RSS before, per
 * call.</li>
 * </ol>
 * Prints the figures and writes them to {@code target/media-figures.txt}.
 */
class MediaFiguresBench {

    private static final int WARM_UP = 5;

    @Test
    void figures() throws Exception {
        int dialCalls = Integer.getInteger("bench.dial.calls", 50);
        int concurrent = Integer.getInteger("bench.concurrent", 20);
        int seconds = Integer.getInteger("bench.seconds", 20);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%s, Java %s, %d cores, load average at start %s%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage()));
        WebRtcMediaEngine engine = new WebRtcMediaEngine();
        engine.activate(new LoopbackCalls.Config());
        try {
            report.append(dialToFirstAudio(engine, dialCalls));
            report.append(concurrentCalls(engine, concurrent, seconds));
        } finally {
            engine.deactivate();
        }
        report.append("load average at end ").append(loadAverage()).append('\n');
        System.out.print(report);
        Path out = Paths.get("target", "media-figures.txt");
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath());
    }

    // ---- (a) dial to first audio ----

    private static String dialToFirstAudio(WebRtcMediaEngine engine, int count) throws Exception {
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < WARM_UP + count; i++) {
            double[] steps = dial(engine, i);
            if (i >= WARM_UP) {
                samples.add(steps);
            }
            Thread.sleep(50);
        }
        String[] names = {"offer complete (caller)", "answer complete (callee)", "callee connected (ICE+DTLS)",
            "first audio at the callee", "first audio at the caller"};
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "dial to first audio, engine to engine on 127.0.0.1, %d calls after %d warm-up, ms from the caller's "
                        + "createSession:%n", count, WARM_UP));
        for (int k = 0; k < names.length; k++) {
            List<Double> v = new ArrayList<>();
            for (double[] s : samples) {
                v.add(s[k]);
            }
            Collections.sort(v);
            b.append(String.format(Locale.ROOT, "  %-30s median %6.1f  p90 %6.1f  min %6.1f  max %6.1f%n", names[k],
                    v.get(v.size() / 2), v.get((int) Math.ceil(v.size() * 0.9) - 1), v.get(0), v.get(v.size() - 1)));
        }
        System.out.print(b);
        return b.toString();
    }

    /** One call; the times (ms after the dial) of its steps. */
    private static double[] dial(WebRtcMediaEngine engine, int i) throws Exception {
        long t0 = System.nanoTime();
        MediaSession alice = engine.createSession(new MediaSessionConfig("alice" + i, ALICE_HZ, LOOPBACK));
        MediaSession bob = engine.createSession(new MediaSessionConfig("bob" + i, BOB_HZ, LOOPBACK));
        try {
            CompletableFuture<Long> bobHears = new CompletableFuture<>();
            CompletableFuture<Long> aliceHears = new CompletableFuture<>();
            CompletableFuture<Long> bobConnected = new CompletableFuture<>();
            alice.addListener(firstAudio(aliceHears, null));
            bob.addListener(firstAudio(bobHears, bobConnected));
            SessionDescription offer = get(alice.createOffer());
            long tOffer = System.nanoTime();
            get(bob.setRemoteDescription(offer));
            SessionDescription answer = get(bob.createAnswer());
            long tAnswer = System.nanoTime();
            get(alice.setRemoteDescription(answer));
            long heard = bobHears.get(10, TimeUnit.SECONDS);
            long connected = bobConnected.get(10, TimeUnit.SECONDS);
            long callerHeard = aliceHears.get(10, TimeUnit.SECONDS);
            return new double[] {ms(tOffer - t0), ms(tAnswer - t0), ms(connected - t0), ms(heard - t0), ms(callerHeard - t0)};
        } finally {
            alice.close();
            bob.close();
        }
    }

    private static MediaSessionListener firstAudio(CompletableFuture<Long> heard, CompletableFuture<Long> connected) {
        return new MediaSessionListener() {
            @Override
            public void onFirstAudio(long nanoTime) {
                heard.complete(nanoTime);
            }

            @Override
            public void onConnectionStateChanged(MediaState.Connection state) {
                if (connected != null && state == MediaState.Connection.CONNECTED) {
                    connected.complete(System.nanoTime());
                }
            }
        };
    }

    // ---- (b) concurrent calls: gaps, CPU, RSS ----

    private static String concurrentCalls(WebRtcMediaEngine engine, int calls, int seconds) throws Exception {
        settle();
        long rssBefore = rssKb();
        List<MediaSession> sessions = new ArrayList<>();
        List<FrameWatch> watches = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                MediaSession alice = engine.createSession(new MediaSessionConfig("alice" + i, ALICE_HZ, LOOPBACK));
                MediaSession bob = engine.createSession(new MediaSessionConfig("bob" + i, BOB_HZ, LOOPBACK));
                sessions.add(alice);
                sessions.add(bob);
                FrameWatch a = new FrameWatch();
                FrameWatch b = new FrameWatch();
                alice.addAudioFrameListener(a);
                bob.addAudioFrameListener(b);
                watches.add(a);
                watches.add(b);
                negotiate(alice, bob);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (watches.stream().anyMatch(w -> w.firstTone == 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(watches.stream().allMatch(w -> w.firstTone != 0), "every session hears its far end");
            Thread.sleep(1000); // steady state
            List<MediaStats> statsBefore = freshStats(sessions);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            watches.forEach(FrameWatch::start);
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long cpu1 = os.getProcessCpuTime();
            long wall1 = System.nanoTime();
            watches.forEach(FrameWatch::stop);
            long rssWith = rssKb();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long lost = 0;
            long received = 0;
            double worstJitter = 0;
            List<MediaStats> statsAfter = freshStats(sessions);
            for (int i = 0; i < sessions.size(); i++) {
                MediaStats s = statsAfter.get(i);
                lost += s.packetsLost() - statsBefore.get(i).packetsLost();
                received += s.packetsReceived() - statsBefore.get(i).packetsReceived();
                worstJitter = Math.max(worstJitter, s.jitterMs());
            }

            long frames = 0;
            long toneless = 0;
            long gaps = 0;
            long longestGap = 0;
            long late = 0;
            long maxInterval = 0;
            int sessionsWithGaps = 0;
            for (FrameWatch w : watches) {
                frames += w.frames;
                toneless += w.toneless;
                gaps += w.gaps;
                longestGap = Math.max(longestGap, w.longestGap);
                late += w.late;
                maxInterval = Math.max(maxInterval, w.maxInterval);
                sessionsWithGaps += w.gaps > 0 ? 1 : 0;
            }
            double wallS = (wall1 - wall0) / 1e9;
            double cpuShare = (cpu1 - cpu0) / 1e9 / wallS; // cores busy on average
            String b = String.format(Locale.ROOT,
                    "%d concurrent calls (%d sessions, each end of every call in this JVM), %.1f s:%n"
                            + "  received frames %d (%.1f per session per second; 100 expected), without the tone %d "
                            + "(%.3f %%), gaps %d in %d of %d sessions, longest gap %d ms%n"
                            + "  late frames (> 30 ms after the previous) %d, longest interval %.1f ms%n"
                            + "  RTP packets received %d (about the same interval), lost %d; worst jitter %.1f ms%n"
                            + "  process CPU %.1f %% of one core = %.2f %% per call (both ends) = %.2f %% per session; "
                            + "Java threads %d%n"
                            + "  RSS before %.1f MB, with the calls %.1f MB: %.0f kB per call%n",
                    calls, sessions.size(), wallS, frames, frames / wallS / sessions.size(), toneless,
                    frames == 0 ? 0 : 100.0 * toneless / frames, gaps, sessionsWithGaps, sessions.size(), longestGap * 10,
                    late, maxInterval / 1e6, received, lost, worstJitter, cpuShare * 100, cpuShare * 100 / calls,
                    cpuShare * 100 / sessions.size(), threads, rssBefore / 1024.0, rssWith / 1024.0,
                    (rssWith - rssBefore) / (double) calls);
            System.out.print(b);
            return b;
        } finally {
            sessions.forEach(MediaSession::close);
        }
    }

    /** Checks each received 10 ms frame for the far end's tone while measuring. */
    private static final class FrameWatch implements AudioFrameListener {
        volatile long firstTone;
        private volatile boolean measuring;
        long frames;
        long toneless;
        long gaps;
        long longestGap;
        long late;
        long maxInterval;
        private long run;
        private long lastFrame;

        void start() {
            measuring = true;
        }

        void stop() {
            measuring = false;
        }

        @Override
        public void onAudioFrame(short[] samples, int sampleRate, int channels) {
            long now = System.nanoTime();
            int peak = 0;
            for (short s : samples) {
                peak = Math.max(peak, Math.abs(s));
            }
            boolean tone = peak >= ToneAnalyzer.SIGNAL_THRESHOLD;
            if (tone && firstTone == 0) {
                firstTone = now;
            }
            if (!measuring) {
                lastFrame = 0;
                run = 0;
                return;
            }
            frames++;
            if (lastFrame != 0) {
                long interval = now - lastFrame;
                maxInterval = Math.max(maxInterval, interval);
                if (interval > 30_000_000L) {
                    late++;
                }
            }
            lastFrame = now;
            if (tone) {
                run = 0;
            } else {
                toneless++;
                if (run++ == 0) {
                    gaps++;
                }
                longestGap = Math.max(longestGap, run);
            }
        }
    }

    /** Stats of every session from reports asked for now, all at once (stats() returns the previous report). */
    private static List<MediaStats> freshStats(List<MediaSession> sessions) throws InterruptedException {
        sessions.forEach(MediaSession::stats);
        Thread.sleep(300);
        List<MediaStats> all = new ArrayList<>();
        for (MediaSession s : sessions) {
            all.add(s.stats());
        }
        return all;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(500);
        System.gc();
        Thread.sleep(200);
    }

    private static long rssKb() throws IOException {
        for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
