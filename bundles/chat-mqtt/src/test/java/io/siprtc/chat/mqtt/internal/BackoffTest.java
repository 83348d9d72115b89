package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesWithJitterUpToTheMaximumAndResets() {
        Backoff b = new Backoff(100, 1000);
        long[] expected = { 100, 200, 400, 800, 1000, 1000 };
        for (long e : expected) {
            long d = b.nextDelayMillis();
            assertTrue(d >= e * 0.8 - 1 && d <= Math.min(1000, e * 1.2 + 1), d + " for " + e);
        }
        b.reset();
        assertTrue(b.nextDelayMillis() <= 121);
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5));
    }
}
