package io.siprtc.media.webrtc.internal;

import io.siprtc.api.media.MediaStats;

/**
 * RMS and peak level of 16-bit audio over the last {@value #WINDOW_MS} ms, in dBFS (relative to
 * a full-scale sample, 32768): a 10 ms frame's figures go into a ring; a reading combines the
 * frames that arrived within the window. Silence, and no audio within the window, read
 * {@link MediaStats#SILENCE_DBFS}.
 */
final class LevelMeter {

    static final long WINDOW_MS = 100;
    private static final long WINDOW_NANOS = WINDOW_MS * 1_000_000L;
    private static final int RING = 64;

    private final long[] at = new long[RING];
    private final double[] sumSquares = new double[RING];
    private final int[] samples = new int[RING];
    private final int[] peaks = new int[RING];
    private int next;
    private int size;

    /** One frame of 16-bit little-endian PCM (every channel counts). */
    synchronized void accept(byte[] pcm, int length, long nowNanos) {
        double sum = 0;
        int peak = 0;
        int n = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            int s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            sum += (double) s * s;
            peak = Math.max(peak, Math.abs(s));
            n++;
        }
        at[next] = nowNanos;
        sumSquares[next] = sum;
        samples[next] = n;
        peaks[next] = peak;
        next = (next + 1) % RING;
        size = Math.min(RING, size + 1);
    }

    /** {rms dBFS, peak dBFS} over the frames of the last {@value #WINDOW_MS} ms. */
    synchronized double[] read(long nowNanos) {
        double sum = 0;
        long n = 0;
        int peak = 0;
        for (int k = 1; k <= size; k++) {
            int i = (next - k + RING) % RING;
            if (nowNanos - at[i] > WINDOW_NANOS) {
                break; // older frames follow
            }
            sum += sumSquares[i];
            n += samples[i];
            peak = Math.max(peak, peaks[i]);
        }
        if (n == 0 || sum == 0) {
            return new double[] {MediaStats.SILENCE_DBFS, MediaStats.SILENCE_DBFS};
        }
        return new double[] {dbfs(Math.sqrt(sum / n)), dbfs(peak)};
    }

    static double dbfs(double amplitude) {
        return amplitude <= 0 ? MediaStats.SILENCE_DBFS
                : Math.max(MediaStats.SILENCE_DBFS, 20 * Math.log10(amplitude / 32768.0));
    }
}
