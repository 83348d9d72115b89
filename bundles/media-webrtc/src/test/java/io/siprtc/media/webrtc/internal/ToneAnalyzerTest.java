package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The received-audio meter: first signal and the dominant frequency of a tone. */
class ToneAnalyzerTest {

    private static final int RATE = 48_000;
    private static final int FRAME = RATE / 100; // 10 ms, as libwebrtc delivers it

    @Test
    void measuresAToneWithinAFractionOfAPercent() {
        ToneAnalyzer a = new ToneAnalyzer();
        feed(a, 440, 1, 8000, 100, 0);
        assertEquals(440, a.frequency(), 440 * 0.002);
        assertEquals(100, a.frames());
    }

    @Test
    void readsTheFirstChannelOfInterleavedStereo() {
        ToneAnalyzer a = new ToneAnalyzer();
        feed(a, 880, 2, 8000, 100, 0);
        assertEquals(880, a.frequency(), 880 * 0.002);
    }

    @Test
    void followsAFrequencyChange() {
        ToneAnalyzer a = new ToneAnalyzer();
        long t = feed(a, 440, 1, 8000, 100, 0);
        feed(a, 1000, 1, 8000, 120, t);
        assertEquals(1000, a.frequency(), 1000 * 0.01);
    }

    @Test
    void firstSignalIsReportedOnceAtTheFirstLoudFrame() {
        ToneAnalyzer a = new ToneAnalyzer();
        assertFalse(a.accept(frame(440, 1, 0, 0), 1, RATE, 10));
        assertFalse(a.accept(frame(440, 1, ToneAnalyzer.SIGNAL_THRESHOLD / 2, 0), 1, RATE, 20), "comfort noise is not signal");
        assertEquals(0, a.firstSignalNanos());
        assertTrue(a.accept(frame(440, 1, 8000, 0), 1, RATE, 30));
        assertFalse(a.accept(frame(440, 1, 8000, FRAME), 1, RATE, 40));
        assertEquals(30, a.firstSignalNanos());
    }

    @Test
    void silenceHasNoFrequency() {
        ToneAnalyzer a = new ToneAnalyzer();
        feed(a, 440, 1, 0, 100, 0);
        assertEquals(0, a.frequency());
        assertEquals(0, a.firstSignalNanos());
    }

    @Test
    void gapsDoNotMixTwoTonesIntoOneWindow() {
        ToneAnalyzer a = new ToneAnalyzer();
        long t = feed(a, 440, 1, 8000, 30, 0); // less than a window
        t = feed(a, 440, 1, 0, 5, t); // a gap restarts the window
        feed(a, 660, 1, 8000, 60, t);
        assertEquals(660, a.frequency(), 660 * 0.005);
    }

    @Test
    void whatIsHeardNowIsOnlyAMeasurementOfTheLastSecond() {
        ToneAnalyzer a = new ToneAnalyzer();
        assertEquals(0, a.frequency(0));
        long t = feed(a, 440, 1, 8000, 60, 0); // nanos here are sample indexes: the window ended before t
        assertEquals(440, a.frequency(t), 440 * 0.002);
        assertEquals(440, a.frequency(ToneAnalyzer.FRESH_NANOS), 440 * 0.002, "a second after the feed began");
        assertEquals(0, a.frequency(t + ToneAnalyzer.FRESH_NANOS), "no new window for over a second");
        assertEquals(440, a.frequency(), 440 * 0.002, "the last measurement is kept");
    }

    @Test
    void oddLengthFramesAreReadSafely() {
        ToneAnalyzer a = new ToneAnalyzer();
        a.accept(new byte[] {1, 2, 3}, 1, RATE, 1);
        a.accept(new byte[0], 1, RATE, 2);
        assertEquals(2, a.frames());
    }

    /** Feeds {@code frames} 10 ms frames of a tone; returns the next sample index. */
    private static long feed(ToneAnalyzer a, double hz, int channels, int amplitude, int frames, long start) {
        long sample = start;
        for (int i = 0; i < frames; i++) {
            a.accept(frame(hz, channels, amplitude, sample), channels, RATE, sample + 1);
            sample += FRAME;
        }
        return sample;
    }

    private static byte[] frame(double hz, int channels, int amplitude, long firstSample) {
        byte[] pcm = new byte[FRAME * channels * 2];
        for (int i = 0; i < FRAME; i++) {
            short v = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (firstSample + i) / RATE));
            for (int c = 0; c < channels; c++) {
                short s = c == 0 ? v : (short) (v / 3); // the other channel differs: only the first is read
                int at = (i * channels + c) * 2;
                pcm[at] = (byte) s;
                pcm[at + 1] = (byte) (s >> 8);
            }
        }
        return pcm;
    }
}
