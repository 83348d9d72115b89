package io.siprtc.gateway.internal;

import java.util.function.DoubleSupplier;

/**
 * How long to wait before registering again after failures: the flow-recovery wait of RFC 5626
 * section 4.5, {@code min(max, base * 2^(failures-1))}, then a random 50-100 % of it so that
 * many clients do not retry in step. Refused credentials wait the maximum at once.
 */
final class RegistrationBackoff {

    /** RFC 5626's base time when no flow works (30 s) and its maximum (1800 s). */
    static final long BASE_MILLIS = 30_000;
    static final long MAX_MILLIS = 1_800_000;

    private final long baseMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    RegistrationBackoff(DoubleSupplier random) {
        this(BASE_MILLIS, MAX_MILLIS, random);
    }

    RegistrationBackoff(long baseMillis, long maxMillis, DoubleSupplier random) {
        if (baseMillis <= 0 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("bad back-off bounds: " + baseMillis + ", " + maxMillis);
        }
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The wait after this many failures in a row (1 for the first). */
    long delayMillis(int failures) {
        int n = Math.max(1, Math.min(failures, 31));
        long full = Math.min(maxMillis, baseMillis << Math.min(n - 1, 20));
        return jitter(full);
    }

    /** The wait after refused credentials: the maximum, so a wrong password never storms the server. */
    long refusedMillis() {
        return jitter(maxMillis);
    }

    private long jitter(long full) {
        double r = Math.min(1.0, Math.max(0.0, random.getAsDouble()));
        return (long) (full * (0.5 + 0.5 * r));
    }
}
