package io.siprtc.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.CallService;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ./siprtc bench}: N sequential alice-to-bob calls on loopback; prints the percentiles of
 * dial to first received audio at the callee and at the caller, and the framework boot time.
 * With {@code --csv FILE} one more call stays up {@code --seconds N} (default 10) after media was
 * proven: alice's figures, once a second, go to the CSV ({@link QualityCsv}), which is then
 * plotted to a PNG ({@link QualityPlot}).
 */
@Component(service = Callable.class, property = { "siprtc.launcher.command=bench",
        "osgi.command.scope=siprtc", "osgi.command.function=bench" })
public class BenchJob implements Callable<Integer> {

    private static final int WARMUP = 3;

    @Reference
    private CallService calls;

    @Reference
    private ConfigurationAdmin configAdmin;

    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    /** Gogo: {@code siprtc:bench <calls>}. */
    public int bench(int n) throws Exception {
        return run(String.valueOf(n));
    }

    /** Gogo: {@code siprtc:bench <calls> <csv file>}: and a 10 s quality call to the CSV and its PNG. */
    public int bench(int n, String csv) throws Exception {
        return run(String.valueOf(n), "--csv", csv);
    }

    /** Gogo: {@code siprtc:bench <calls> <csv file> <seconds>}. */
    public int bench(int n, String csv, int seconds) throws Exception {
        return run(String.valueOf(n), "--csv", csv, "--seconds", String.valueOf(seconds));
    }

    /** The launcher: {@code ./siprtc bench [calls] [--csv FILE] [--png FILE] [--seconds N]} (arguments one a line). */
    @Override
    public Integer call() throws Exception {
        String args = context.getProperty("siprtc.bench.args");
        if (args == null) {
            args = context.getProperty("siprtc.bench.calls");
        }
        return run(args == null ? new String[0] : args.split("\n"));
    }

    private int run(String... args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            return 2;
        }
        return run(options);
    }

    private int run(BenchOptions options) throws Exception {
        int n = options.calls;
        PrintStream out = System.out;
        List<Double> callee = new ArrayList<>();
        List<Double> caller = new ArrayList<>();
        int failed = 0;
        try (DemoAccounts accounts = new DemoAccounts(configAdmin, calls)) {
            accounts.create();
            accounts.awaitReady("demo-alice", 10_000);
            AccountInfo bob = accounts.awaitReady("demo-bob", 10_000).orElseThrow(() -> new IllegalStateException("bob did not come up"));
            ProbedCall probe = new ProbedCall(context, calls);
            for (int i = 0; i < WARMUP + n; i++) {
                ProbedCall.Result r = probe.run("demo-alice", "demo-bob", bob.addressOfRecord(),
                        DemoAccounts.ALICE_TONE, DemoAccounts.BOB_TONE, null, 10_000);
                if (!r.passed()) {
                    failed++;
                    out.println("call " + (i + 1) + " failed: " + r.failure);
                    continue;
                }
                if (i >= WARMUP) {
                    callee.add(r.setupCalleeMs);
                    caller.add(r.setupCallerMs);
                }
            }
            if (options.csv != null && !qualityCall(options, probe, bob, out)) {
                failed++;
            }
        }
        out.printf("calls: %d measured (+%d warm-up), %d failed%n", callee.size(), WARMUP, failed);
        out.println("dial -> first audio at callee (ms): " + percentiles(callee));
        out.println("dial -> first audio at caller (ms): " + percentiles(caller));
        String boot = context.getProperty("siprtc.boot.ms");
        if (boot != null) {
            out.println("framework cold start -> services ready (ms): " + boot);
        }
        return failed == 0 ? 0 : 1;
    }

    /** One call held for the options' seconds; alice's figures each second to the CSV and the plot. */
    private boolean qualityCall(BenchOptions options, ProbedCall probe, AccountInfo bob, PrintStream out)
            throws InterruptedException {
        List<QualityCsv.Row> rows = new ArrayList<>();
        ProbedCall.Result r = probe.run("demo-alice", "demo-bob", bob.addressOfRecord(), DemoAccounts.ALICE_TONE,
                DemoAccounts.BOB_TONE, null, 10_000, options.seconds * 1000L,
                (t, alice, b) -> rows.add(QualityCsv.Row.of(t, alice)));
        if (!r.passed()) {
            out.println("quality call failed: " + r.failure);
            return false;
        }
        try {
            QualityCsv.write(options.csv, rows);
            QualityPlot.render(QualityCsv.read(options.csv), String.format(Locale.ROOT,
                    "SIPRTC BENCH CALL, ALICE: %s, MOS %.2f", r.caller.codec(), r.caller.mos()), options.png);
        } catch (IOException | RuntimeException e) {
            out.println("quality call: writing " + options.csv + " or " + options.png + " failed: " + e.getMessage());
            return false;
        }
        out.printf("quality call (%d s, alice's figures each second): %d rows to %s, plot %s%n", options.seconds,
                rows.size(), options.csv.toAbsolutePath(), options.png.toAbsolutePath());
        out.println("alice at the end: " + StatsFormat.quality(r.caller));
        out.println("bob at the end:   " + StatsFormat.quality(r.callee));
        return true;
    }

    static String percentiles(List<Double> values) {
        if (values.isEmpty()) {
            return "no data";
        }
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        return String.format("p50 %.1f  p90 %.1f  p99 %.1f  min %.1f  max %.1f", pct(v, 50), pct(v, 90), pct(v, 99),
                v.get(0), v.get(v.size() - 1));
    }

    private static double pct(List<Double> sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }
}
