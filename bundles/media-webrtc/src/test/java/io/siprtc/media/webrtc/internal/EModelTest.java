package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The G.107 E-model against its reference points. */
class EModelTest {

    @Test
    void defaultsGiveTheG107ReferenceRating() {
        // G.107: with all default values R = 93.2 (G.711, no delay, no loss)
        assertEquals(93.2, EModel.rating(0, 0, EModel.G711_PLC), 0.05);
        assertEquals(94.77, EModel.RO, 0.01);
        assertEquals(1.41, EModel.IS, 0.01);
        assertEquals(4.41, EModel.mos(EModel.rating(0, 0, EModel.G711_PLC)), 0.005);
        // low delay (20 ms one way) costs almost nothing
        assertEquals(4.40, EModel.mos(20, 0, EModel.G711_NO_PLC), 0.01);
    }

    @Test
    void ratingToMosFollowsAnnexB() {
        assertEquals(1.0, EModel.mos(0), 1e-9);
        assertEquals(1.0, EModel.mos(-10), 1e-9);
        assertEquals(4.5, EModel.mos(100), 1e-9);
        assertEquals(4.5, EModel.mos(120), 1e-9);
        assertEquals(3.1, EModel.mos(60), 1e-9); // 1 + 0.035 * 60, the cubic term is 0 at R 60
        assertEquals(1 + 0.035 * 80 + 80 * 20 * 20 * 7e-6, EModel.mos(80), 1e-9);
        // the polynomial would dip below 1 up to R 6.5
        assertEquals(1.0, EModel.mos(3), 1e-9);
        double prev = 1;
        for (int r = 7; r <= 100; r++) {
            double m = EModel.mos(r);
            assertTrue(m > prev, "MOS rises with R: " + r);
            prev = m;
        }
    }

    @Test
    void lossLowersMosMonotonicallyAndConcealmentHelps() {
        double prev = 5;
        for (double loss = 0; loss <= 30; loss += 0.5) {
            double m = EModel.mos(40, loss, EModel.OPUS);
            assertTrue(m < prev, "loss " + loss + "%: " + m + " not below " + prev);
            prev = m;
            if (loss > 0) {
                assertTrue(EModel.mos(40, loss, EModel.G711_PLC) > EModel.mos(40, loss, EModel.G711_NO_PLC));
            }
        }
        // Ie,eff = Ie + (95 - Ie) Ppl / (Ppl + Bpl): G.711 without PLC at 2 % loss loses 95 * 2 / 6.3 R points
        assertEquals(93.2 - 95 * 2 / 6.3, EModel.rating(0, 2, EModel.G711_NO_PLC), 0.05);
        assertEquals(93.2 - 11, EModel.rating(0, 0, EModel.G729A), 0.05);
    }

    @Test
    void delayAbove177MsLowersMosMoreSteeply() {
        double before = EModel.rating(77.3, 0, EModel.OPUS) - EModel.rating(177.3, 0, EModel.OPUS);
        double after = EModel.rating(177.3, 0, EModel.OPUS) - EModel.rating(277.3, 0, EModel.OPUS);
        assertTrue(before > 0 && before < 5, "100 ms more below the knee costs little: " + before);
        assertTrue(after > 3 * before, "100 ms more above the knee costs much more: " + after + " vs " + before);
        // the simplified E-model (Cole and Rosenbluth) puts the difference at 0.11 R per ms past 177.3 ms
        assertEquals(13.4, after, 2.5);
        double prev = 5;
        for (int d = 0; d <= 600; d += 10) {
            double m = EModel.mos(d, 0, EModel.OPUS);
            assertTrue(m <= prev, "delay " + d + " ms");
            prev = m;
        }
        assertTrue(EModel.mos(400, 0, EModel.OPUS) < 3.5);
    }

    @Test
    void codecsByName() {
        assertEquals(EModel.OPUS, EModel.codec("opus/48000/2"));
        assertEquals(EModel.G711_PLC, EModel.codec("PCMU/8000"));
        assertEquals(EModel.G711_PLC, EModel.codec("PCMA/8000"));
        assertEquals(EModel.G729A, EModel.codec("G729/8000"));
        assertEquals(EModel.G711_PLC, EModel.codec(""));
        assertEquals(EModel.G711_PLC, EModel.codec(null));
    }
}
