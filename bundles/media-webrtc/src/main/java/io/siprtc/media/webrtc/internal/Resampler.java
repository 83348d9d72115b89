package io.siprtc.media.webrtc.internal;

import java.util.Arrays;

/**
 * Streaming sample-rate conversion of mono 16-bit audio: a windowed-sinc (Blackman) low-pass
 * interpolator with {@value #ZERO_CROSSINGS} zero crossings a side, its cutoff at the lower of
 * the two Nyquist frequencies (so downsampling does not alias). Frames of any length go in, and
 * out comes what they make; the delay is {@value #ZERO_CROSSINGS} input samples (2 ms at 8 kHz).
 * Equal rates pass through untouched. Not thread-safe: one audio thread owns it.
 */
final class Resampler {

    static final int ZERO_CROSSINGS = 16;
    /** Kernel table steps per input sample; the kernel is linearly interpolated between them. */
    private static final int TABLE_STEPS = 256;

    private final int inRate;
    private final int outRate;
    private final double step;
    private final int half;
    private final double[] kernel;
    private final double tableScale;
    private double[] buf;
    private int len;
    private double pos;

    Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        this.step = (double) inRate / outRate;
        double cutoff = Math.min(1.0, (double) outRate / inRate);
        this.half = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        this.tableScale = TABLE_STEPS;
        this.kernel = new double[half * TABLE_STEPS + 2];
        for (int i = 0; i < kernel.length; i++) {
            double x = (double) i / TABLE_STEPS;
            kernel[i] = x >= half ? 0 : cutoff * sinc(cutoff * x) * blackman(x / half);
        }
        // history: half zeros before the first sample, so the first output lands on it
        this.buf = new double[Math.max(1024, 4 * half)];
        this.len = half;
        this.pos = half;
    }

    int inRate() {
        return inRate;
    }

    int outRate() {
        return outRate;
    }

    /** Output samples for {@code in[0..n)}: about {@code n * outRate / inRate} of them. */
    short[] process(short[] in, int n) {
        if (inRate == outRate) {
            return Arrays.copyOf(in, n);
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        for (int i = 0; i < n; i++) {
            buf[len++] = in[i];
        }
        int max = (int) Math.max(0, Math.ceil((len - half - pos) / step)) + 1;
        short[] out = new short[max];
        int count = 0;
        while (Math.floor(pos) + half < len && count < max) {
            out[count++] = clamp(sample(pos));
            pos += step;
        }
        int drop = (int) Math.floor(pos) - half + 1;
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, len - drop);
            len -= drop;
            pos -= drop;
        }
        return count == max ? out : Arrays.copyOf(out, count);
    }

    private double sample(double at) {
        int center = (int) Math.floor(at);
        double sum = 0;
        for (int k = center - half + 1; k <= center + half; k++) {
            if (k < 0 || k >= len) {
                continue;
            }
            double d = Math.abs(at - k) * tableScale;
            int i = (int) d;
            if (i + 1 >= kernel.length) {
                continue;
            }
            double f = d - i;
            sum += buf[k] * (kernel[i] + (kernel[i + 1] - kernel[i]) * f);
        }
        return sum;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Blackman window on -1..1. */
    private static double blackman(double x) {
        return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
    }

    private static short clamp(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
