package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siprtc.api.sip.SipStack;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a unit test (surefire leaves out classes not named *Test): SIPp calls one SIPRTC
 * account in auto-answer at a fixed rate, SIP only. The account runs on the real JAIN-SIP stack
 * and gateway, but the media engine is replaced by {@link SignallingOnlyEngine} (fixed SDP, no
 * media): the figure is the signalling path's, with the media engine off. Run it with
 * (bundles/gateway/README.md):
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests -pl bundles/api,bundles/sip-jainsip
 * ./mvnw -B test -pl bundles/gateway -Dtest=LoadBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.rate=50] [-Dbench.seconds=60] [-Dbench.hold.ms=1000] [-Dbench.trace=true]
 * </pre>
 *
 * SIPp ({@code sipp/load-call.xml}: INVITE with SDP, ACK, a pause, BYE) runs on 127.0.0.1 for
 * control, SIP and media ports. A warm-up of 5 s at the same rate comes first and is not counted.
 * During the measured run, every 5 s, a sampler forces a GC and records the heap used after it, the
 * live thread count, the calls the gateway holds and the open media sessions; one more sample right
 * after the last call and one {@value #STEADY_AFTER_SECONDS} s later, when the stack's transactions
 * have expired. The report (SIPp's created, successful and failed calls, retransmissions, the samples
 * and the least-squares trend of heap and threads in the steady state) goes to stdout and
 * {@code target/load-bench.txt}, SIPp's statistics to {@code target/load-bench-sipp-stats.csv}. It
 * fails when a call failed.
 */
class LoadBench {

    private static final int SAMPLE_SECONDS = 5;
    private static final int WARM_UP_SECONDS = 5;
    /**
     * JAIN-SIP keeps a finished transaction for 64*T1 = 32 s (Timer J for BYE, Timer H/I around the
     * INVITE; RFC 3261 section 17.2): the heap climbs for that long, then holds. The trend is taken
     * from here on, and the idle sample comes this long after the last call.
     */
    private static final int STEADY_AFTER_SECONDS = 35;

    /** One sample: seconds since the run started, heap used after GC, live threads, calls, open sessions. */
    private record Sample(double seconds, long heapBytes, int threads, int calls, int sessions) {
    }

    @Test
    void sippCallsOneAutoAnsweringAccount() throws Exception {
        Logger.getLogger("io.siprtc").setLevel(Level.WARNING);
        Logger.getLogger("gov.nist").setLevel(Level.WARNING);
        int rate = Integer.getInteger("bench.rate", 50);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int holdMs = Integer.getInteger("bench.hold.ms", 1000);
        int calls = rate * seconds;

        SipStack stack = JainSipStacks.start();
        SignallingOnlyEngine engine = new SignallingOnlyEngine();
        LiveAccount bob = new LiveAccount(stack, Map.of("id", "bob", "user", "bob", "register", false,
                "auto_answer", true));
        SipRtcGateway gateway = new SipRtcGateway();
        gateway.activate();
        gateway.bindMediaEngine(engine);
        gateway.bindUserAgent(bob.ua);
        String target = "127.0.0.1:" + bob.port();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("to", "bob");
        keys.put("hold_ms", Integer.toString(holdMs));
        StringBuilder report = new StringBuilder();
        try {
            Map<String, String> warm = runSipp(keys, target, rate, rate * WARM_UP_SECONDS, WARM_UP_SECONDS + 60, null);
            report.append(String.format(Locale.ROOT, "warm-up (not counted): %s calls, %s successful, %s failed%n",
                    warm.get("TotalCallCreated"), warm.get("SuccessfulCall(C)"), warm.get("FailedCall(C)")));
            awaitIdle(gateway, engine);

            List<Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            samples.add(sample(start, gateway, engine));
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "load-bench-sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> {
                Sample s = sample(start, gateway, engine);
                synchronized (samples) {
                    samples.add(s);
                }
            }, SAMPLE_SECONDS, SAMPLE_SECONDS, TimeUnit.SECONDS);
            Path stats = Paths.get("target", "load-bench-sipp-stats.csv");
            Map<String, String> run;
            try {
                run = runSipp(keys, target, rate, calls, seconds + 60, stats);
            } finally {
                sampler.shutdown();
                sampler.awaitTermination(10, TimeUnit.SECONDS);
            }
            awaitIdle(gateway, engine);
            Sample after = sample(start, gateway, engine);
            Thread.sleep(TimeUnit.SECONDS.toMillis(STEADY_AFTER_SECONDS));
            Sample idle = sample(start, gateway, engine);

            report.append(String.format(Locale.ROOT, "SIPp load-call.xml at %d calls/s for %d s (%d calls, hold %d ms) "
                    + "-> one SIPRTC account (auto-answer, JAIN-SIP UDP on 127.0.0.1), media engine off "
                    + "(signalling-only engine, fixed SDP)%n", rate, seconds, calls, holdMs));
            report.append(String.format(Locale.ROOT, "Java %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
            report.append(String.format(Locale.ROOT, "calls: %s created, %s successful, %s failed; retransmissions %s; "
                    + "INVITE->200 (SIPp rtd) mean %s; elapsed %s%n", run.get("TotalCallCreated"), run.get("SuccessfulCall(C)"),
                    run.get("FailedCall(C)"), run.get("Retransmissions(C)"), run.get("ResponseTime1(C)"),
                    run.get("ElapsedTime(C)")));
            report.append(String.format(Locale.ROOT, "%8s %14s %8s %6s %9s%n", "t (s)", "heap after GC", "threads",
                    "calls", "sessions"));
            List<Sample> during;
            synchronized (samples) {
                during = new ArrayList<>(samples);
            }
            for (Sample s : during) {
                report.append(line(s));
            }
            report.append("after the last call:\n").append(line(after));
            report.append(String.format(Locale.ROOT, "idle, %d s later (the stack's transactions expired):%n",
                    STEADY_AFTER_SECONDS)).append(line(idle));
            List<Sample> loaded = during.subList(1, during.size()); // t = 5 s onwards: calls in flight
            List<Sample> steady = during.stream().filter(x -> x.seconds >= STEADY_AFTER_SECONDS).toList();
            report.append(String.format(Locale.ROOT, "under load (t >= 5 s): heap %.2f-%.2f MB, threads %d-%d%n",
                    mb(min(loaded, Sample::heapBytes)), mb(max(loaded, Sample::heapBytes)),
                    (int) min(loaded, Sample::threads), (int) max(loaded, Sample::threads)));
            report.append(String.format(Locale.ROOT, "steady state (t >= %d s, %d samples), least-squares trend: heap %+.1f KB/min "
                    + "(%.2f-%.2f MB), threads %+.2f /min%n", STEADY_AFTER_SECONDS, steady.size(),
                    slope(steady, x -> x.heapBytes / 1024.0) * 60, mb(min(steady, Sample::heapBytes)),
                    mb(max(steady, Sample::heapBytes)), slope(steady, x -> x.threads) * 60));
            report.append(String.format(Locale.ROOT, "media sessions created %d, open after the run %d; calls held by the "
                    + "gateway after the run %d%n", engine.createdSessions(), engine.openSessions(), gateway.calls().size()));
            System.out.print(report);
            Path out = Paths.get("target", "load-bench.txt");
            Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
            System.out.println("written to " + out.toAbsolutePath() + " and " + stats.toAbsolutePath());

            assertEquals(Integer.toString(calls), run.get("SuccessfulCall(C)"), report::toString);
            assertEquals("0", run.get("FailedCall(C)"), report::toString);
        } finally {
            gateway.deactivate();
            gateway.unbindUserAgent(bob.ua);
            bob.close();
            JainSipStacks.stop(stack);
        }
    }

    /**
     * Runs SIPp to the end and returns the last row of its statistics (cumulative counters);
     * copies the statistics file to {@code keepStats} when given. Fails when SIPp did not finish.
     */
    private static Map<String, String> runSipp(Map<String, String> keys, String target, int rate, int calls,
            int maxSeconds, Path keepStats) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", Integer.toString(rate), "-m", Integer.toString(calls),
                "-trace_stat", "-stf", "stats.csv", "-fd", "1"));
        boolean trace = Boolean.getBoolean("bench.trace");
        if (trace) {
            args.addAll(List.of("-trace_msg", "-message_file", "messages.log"));
        }
        Sipp sipp = Sipp.uac("load-call", keys, target, maxSeconds, args);
        try {
            int exit = sipp.awaitExit(maxSeconds + 10);
            Path csv = sipp.dir().resolve("stats.csv");
            Map<String, String> last = lastRow(csv);
            if (keepStats != null) {
                Files.copy(csv, keepStats, StandardCopyOption.REPLACE_EXISTING);
            }
            if (exit < 0) {
                throw new AssertionError("SIPp did not finish in " + maxSeconds + " s: " + sipp.log());
            }
            if (exit != 0) {
                System.err.println("SIPp exited with " + exit + " (some call failed): " + sipp.log());
            }
            return last;
        } finally {
            sipp.close();
            if (trace) {
                System.out.println("SIPp's message trace kept: " + sipp.dir().resolve("messages.log"));
            } else {
                sipp.deleteFiles();
            }
        }
    }

    /** SIPp's {@code -trace_stat} file: a header line, then one line per period, fields separated by ';'. */
    private static Map<String, String> lastRow(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1);
        String[] names = lines.get(0).split(";");
        String[] values = lines.get(lines.size() - 1).split(";");
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < names.length && i < values.length; i++) {
            row.put(names[i].trim(), values[i].trim());
        }
        return row;
    }

    /** Waits (bounded) until the gateway holds no live call and the engine no open session. */
    private static void awaitIdle(SipRtcGateway gateway, SignallingOnlyEngine engine) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((!gateway.calls().isEmpty() || engine.openSessions() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static Sample sample(long start, SipRtcGateway gateway, SignallingOnlyEngine engine) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new Sample((System.nanoTime() - start) / 1e9, heap, threads, gateway.calls().size(), engine.openSessions());
    }

    private static String line(Sample s) {
        return String.format(Locale.ROOT, "%8.1f %11.2f MB %8d %6d %9d%n", s.seconds, mb(s.heapBytes), s.threads, s.calls,
                s.sessions);
    }

    private static double mb(double bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static double min(List<Sample> l, java.util.function.ToLongFunction<Sample> f) {
        return l.stream().mapToLong(f).min().orElse(0);
    }

    private static double max(List<Sample> l, java.util.function.ToLongFunction<Sample> f) {
        return l.stream().mapToLong(f).max().orElse(0);
    }

    /** Least-squares slope of the value over time, per second. */
    private static double slope(List<Sample> l, java.util.function.ToDoubleFunction<Sample> f) {
        double[] x = l.stream().mapToDouble(Sample::seconds).toArray();
        double[] y = l.stream().mapToDouble(f).toArray();
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - mx) * (y[i] - my);
            den += (x[i] - mx) * (x[i] - mx);
        }
        return den == 0 ? 0 : num / den;
    }
}
