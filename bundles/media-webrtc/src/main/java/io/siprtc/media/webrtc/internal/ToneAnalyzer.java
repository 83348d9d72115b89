package io.siprtc.media.webrtc.internal;

/**
 * Measures received decoded audio: the first frame with signal, and the dominant frequency from
 * interpolated zero crossings over a sliding window (exact for a tone, cheap for every frame).
 */
final class ToneAnalyzer {

    /** Peak amplitude (16 bit) above which a frame counts as signal, not silence or comfort noise. */
    static final int SIGNAL_THRESHOLD = 1000;

    private static final double WINDOW_SECONDS = 0.5;

    /** A measurement older than this is no longer "heard now". */
    static final long FRESH_NANOS = 1_000_000_000L;

    private long frames;
    private long firstSignalNanos;
    private double prev;
    private boolean havePrev;
    private double sampleIndex;
    private double firstCrossing = -1;
    private double lastCrossing = -1;
    private long crossings;
    private double windowStartIndex;
    private double lastFrequency;
    private long lastFrequencyNanos;

    /** Feeds one frame of 16-bit little-endian PCM; returns true when it is the first with signal. */
    synchronized boolean accept(byte[] pcm, int channels, int sampleRate, long nowNanos) {
        frames++;
        int step = 2 * Math.max(1, channels);
        int peak = 0;
        for (int i = 0; i + 1 < pcm.length; i += step) {
            int s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            peak = Math.max(peak, Math.abs(s));
            if (havePrev && ((prev < 0 && s >= 0) || (prev >= 0 && s < 0)) && prev != s) {
                double at = sampleIndex - 1 + prev / (prev - s);
                if (firstCrossing < 0) {
                    firstCrossing = at;
                }
                lastCrossing = at;
                crossings++;
            }
            prev = s;
            havePrev = true;
            sampleIndex++;
        }
        boolean signal = peak >= SIGNAL_THRESHOLD;
        if (!signal) {
            resetWindow();
        } else if (sampleIndex - windowStartIndex >= WINDOW_SECONDS * sampleRate && crossings > 2) {
            lastFrequency = (crossings - 1) / 2.0 / ((lastCrossing - firstCrossing) / sampleRate);
            lastFrequencyNanos = nowNanos;
            resetWindow();
        }
        if (signal && firstSignalNanos == 0) {
            firstSignalNanos = nowNanos;
            return true;
        }
        return false;
    }

    private void resetWindow() {
        windowStartIndex = sampleIndex;
        firstCrossing = -1;
        lastCrossing = -1;
        crossings = 0;
    }

    synchronized long frames() {
        return frames;
    }

    synchronized long firstSignalNanos() {
        return firstSignalNanos;
    }

    /** The dominant frequency of the last full window with signal, 0 before there is one. */
    synchronized double frequency() {
        return lastFrequency;
    }

    /**
     * The dominant frequency heard lately: that of the last full window with signal if it ended
     * within {@link #FRESH_NANOS} before {@code nowNanos}, else 0 (silence, or no audio arriving,
     * e.g. while the far end holds the call).
     */
    synchronized double frequency(long nowNanos) {
        return lastFrequency > 0 && nowNanos - lastFrequencyNanos <= FRESH_NANOS ? lastFrequency : 0;
    }
}
