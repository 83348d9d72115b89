package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 5626 section 4.5 waits: doubling, capped, jittered between 50 and 100 %. */
class RegistrationBackoffTest {

    @Test
    void doublesUpToTheMaximum() {
        RegistrationBackoff full = new RegistrationBackoff(() -> 1.0);
        assertEquals(30_000, full.delayMillis(1));
        assertEquals(60_000, full.delayMillis(2));
        assertEquals(120_000, full.delayMillis(3));
        assertEquals(960_000, full.delayMillis(6));
        assertEquals(1_800_000, full.delayMillis(7));
        assertEquals(1_800_000, full.delayMillis(Integer.MAX_VALUE));
        assertEquals(30_000, full.delayMillis(0), "a zero count is treated as the first failure");
    }

    @Test
    void jitterKeepsHalfToAll() {
        assertEquals(15_000, new RegistrationBackoff(() -> 0.0).delayMillis(1));
        assertEquals(22_500, new RegistrationBackoff(() -> 0.5).delayMillis(1));
        assertEquals(30_000, new RegistrationBackoff(() -> 7.0).delayMillis(1), "random values are clamped");
    }

    @Test
    void refusedCredentialsWaitTheMaximum() {
        assertEquals(900_000, new RegistrationBackoff(() -> 0.0).refusedMillis());
        assertEquals(1_800_000, new RegistrationBackoff(() -> 1.0).refusedMillis());
    }

    @Test
    void badBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RegistrationBackoff(0, 10, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new RegistrationBackoff(10, 5, () -> 0));
    }
}
