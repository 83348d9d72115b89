package io.siprtc.chat.mqtt.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Reconnect delays: doubling from a minimum to a maximum, with +-20 % jitter so that clients spread out. */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private long next;

    Backoff(long minMillis, long maxMillis) {
        if (minMillis <= 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("reconnect delays need 0 < min <= max, got " + minMillis + " and " + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.next = minMillis;
    }

    /** The delay before the next attempt; each call doubles the following one up to the maximum. */
    synchronized long nextDelayMillis() {
        long base = next;
        next = Math.min(maxMillis, next * 2);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.max(1, Math.min(maxMillis, Math.round(base * jitter)));
    }

    /** After a successful connection: start from the minimum again. */
    synchronized void reset() {
        next = minMillis;
    }
}
