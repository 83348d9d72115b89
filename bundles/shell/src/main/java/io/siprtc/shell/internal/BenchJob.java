package io.siprtc.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        return run(n);
    }

    @Override
    public Integer call() throws Exception {
        String n = context.getProperty("siprtc.bench.calls");
        return run(n == null ? 30 : Integer.parseInt(n));
    }

    private int run(int n) throws Exception {
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
