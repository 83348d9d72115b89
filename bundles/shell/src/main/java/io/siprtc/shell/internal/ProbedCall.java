package io.siprtc.shell.internal;

import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallListener;
import io.siprtc.api.call.CallService;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaStats;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Places one call from one account to another in the same framework, waits until media is
 * proven both ways (packets counted on both sides, each side hears the other's tone), hangs up
 * and reports what it measured.
 */
final class ProbedCall {

    /** What one probed call measured. */
    static final class Result {
        boolean mediaProven;
        boolean ended;
        String failure = "";
        double setupCalleeMs = -1;
        double setupCallerMs = -1;
        MediaStats caller = MediaStats.NONE;
        MediaStats callee = MediaStats.NONE;
        String callerEnd = "";
        String calleeEnd = "";

        boolean passed() {
            return mediaProven && ended;
        }
    }

    /** Gets each side's fresh figures once a second while a probed call is held. */
    interface Sampler {
        void sample(double secondsSinceDial, MediaStats caller, MediaStats callee);
    }

    private static final double TOLERANCE = 0.02;
    /** A stats read returns the report asked for by the previous read: ask, wait this long, read. */
    private static final long FRESH_MS = 150;

    private final BundleContext context;
    private final CallService calls;

    ProbedCall(BundleContext context, CallService calls) {
        this.context = context;
        this.calls = calls;
    }

    Result run(String fromAccount, String toAccount, String target, double callerTone, double calleeTone,
            Consumer<String> progress, long mediaTimeoutMs) throws InterruptedException {
        return run(fromAccount, toAccount, target, callerTone, calleeTone, progress, mediaTimeoutMs, 0, null);
    }

    /**
     * As above, and once media is proven the call stays up for {@code holdMs} (the sampler, if
     * any, gets both sides' figures every second) before the hang-up; the result then has both
     * sides' figures from the end of the hold.
     */
    Result run(String fromAccount, String toAccount, String target, double callerTone, double calleeTone,
            Consumer<String> progress, long mediaTimeoutMs, long holdMs, Sampler sampler) throws InterruptedException {
        Result result = new Result();
        AtomicReference<Call> callee = new AtomicReference<>();
        long[] t0 = new long[1];
        CallListener listener = e -> {
            if (e.call().accountId().equals(toAccount) && e.call().direction() == CallDirection.INCOMING) {
                callee.compareAndSet(null, e.call());
            }
            if (progress != null && t0[0] != 0) {
                progress.accept(describe(e, t0[0]));
            }
        };
        ServiceRegistration<CallListener> reg = context.registerService(CallListener.class, listener, new Hashtable<>());
        try {
            t0[0] = System.nanoTime();
            Call caller;
            try {
                caller = calls.dial(fromAccount, target);
            } catch (CallException e) {
                result.failure = e.getMessage();
                return result;
            }
            long deadline = System.nanoTime() + mediaTimeoutMs * 1_000_000;
            while (System.nanoTime() < deadline && !caller.state().isFinal()) {
                Call in = callee.get();
                if (in != null && proven(caller.mediaStats(), calleeTone) && proven(in.mediaStats(), callerTone)) {
                    result.mediaProven = true;
                    break;
                }
                Thread.sleep(20);
            }
            Call in = callee.get();
            if (result.mediaProven && holdMs > 0) {
                hold(caller, in, t0[0], holdMs, sampler);
                MediaStats[] end = fresh(caller, in);
                result.caller = end[0];
                result.callee = end[1];
            } else {
                result.caller = caller.mediaStats();
                result.callee = in != null ? in.mediaStats() : MediaStats.NONE;
            }
            if (result.callee.firstAudioNanos() > 0) {
                result.setupCalleeMs = (result.callee.firstAudioNanos() - t0[0]) / 1e6;
            }
            if (result.caller.firstAudioNanos() > 0) {
                result.setupCallerMs = (result.caller.firstAudioNanos() - t0[0]) / 1e6;
            }
            if (!result.mediaProven) {
                result.failure = caller.state().isFinal()
                        ? "call ended: " + caller.endReason().map(Object::toString).orElse("?")
                        : "media not proven within " + mediaTimeoutMs + " ms";
            }
            try {
                if (!caller.state().isFinal()) {
                    calls.hangup(caller.id());
                }
            } catch (CallException e) {
                result.failure += " hang-up failed: " + e.getMessage();
            }
            long endBy = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < endBy && !(caller.state() == CallState.ENDED
                    && (in == null || in.state() == CallState.ENDED))) {
                Thread.sleep(10);
            }
            result.ended = caller.state() == CallState.ENDED && (in == null || in.state() == CallState.ENDED);
            result.callerEnd = caller.endReason().map(Object::toString).orElse(caller.state().toString());
            result.calleeEnd = in == null ? "-" : in.endReason().map(Object::toString).orElse(in.state().toString());
            return result;
        } finally {
            reg.unregister();
        }
    }

    private static void hold(Call caller, Call callee, long t0, long holdMs, Sampler sampler) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + holdMs * 1_000_000;
        for (long at = start + 1_000_000_000L; sampler != null && at <= end; at += 1_000_000_000L) {
            sleepUntil(at - FRESH_MS * 1_000_000);
            if (caller.state().isFinal()) {
                return;
            }
            MediaStats[] f = fresh(caller, callee);
            sampler.sample((System.nanoTime() - t0) / 1e9, f[0], f[1]);
        }
        sleepUntil(end - FRESH_MS * 1_000_000);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long ms = (nanoTime - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Both sides' figures from reports asked for now. */
    private static MediaStats[] fresh(Call caller, Call callee) throws InterruptedException {
        caller.mediaStats();
        if (callee != null) {
            callee.mediaStats();
        }
        Thread.sleep(FRESH_MS);
        return new MediaStats[] {caller.mediaStats(), callee != null ? callee.mediaStats() : MediaStats.NONE};
    }

    private static boolean proven(MediaStats s, double expectedHz) {
        return s.packetsSent() > 0 && s.packetsReceived() > 0
                && Math.abs(s.receivedToneHz() - expectedHz) <= expectedHz * TOLERANCE;
    }

    private static String describe(CallEvent e, long t0) {
        String who = e.call().accountId().replace("demo-", "");
        String what;
        switch (e.type()) {
            case SIP_SENT:
                what = "-> " + e.detail();
                break;
            case SIP_RECEIVED:
                what = "<- " + e.detail();
                break;
            case MEDIA:
                what = "   " + e.detail();
                break;
            default:
                what = "   state " + e.from() + " -> " + e.to() + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")");
        }
        return String.format("[%7.1f ms] %-6s %s", (e.nanoTime() - t0) / 1e6, who, what);
    }
}
