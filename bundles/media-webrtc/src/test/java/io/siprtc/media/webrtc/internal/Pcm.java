package io.siprtc.media.webrtc.internal;

/** Test signals and their measurement: sine tones, dominant frequency, level. */
final class Pcm {

    private Pcm() {
    }

    /** An interleaved sine of {@code seconds} at {@code amplitude} (0..1 of full scale), every channel alike. */
    static short[] sine(double hz, int rate, int channels, double seconds, double amplitude) {
        int frames = (int) Math.round(seconds * rate);
        short[] out = new short[frames * channels];
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                out[i * channels + c] = s;
            }
        }
        return out;
    }

    /** The dominant frequency of mono samples from interpolated zero crossings (a tone's exact frequency), 0 for silence. */
    static double frequency(short[] mono, int from, int to, int rate) {
        double first = -1;
        double last = -1;
        int crossings = 0;
        for (int i = Math.max(1, from); i < to; i++) {
            int a = mono[i - 1];
            int b = mono[i];
            if ((a < 0 && b >= 0) || (a >= 0 && b < 0)) {
                if (a == b) {
                    continue;
                }
                double at = i - 1 + (double) a / (a - b);
                if (first < 0) {
                    first = at;
                }
                last = at;
                crossings++;
            }
        }
        return crossings < 3 ? 0 : (crossings - 1) / 2.0 / ((last - first) / rate);
    }

    /** RMS level of mono samples in dBFS (re 32768), -127 for silence. */
    static double rmsDbfs(short[] mono, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) mono[i] * mono[i];
        }
        return to <= from || sum == 0 ? -127 : 20 * Math.log10(Math.sqrt(sum / (to - from)) / 32768.0);
    }

    /** Channel 0 of interleaved samples. */
    static short[] firstChannel(short[] interleaved, int channels) {
        short[] out = new short[interleaved.length / channels];
        for (int i = 0; i < out.length; i++) {
            out[i] = interleaved[i * channels];
        }
        return out;
    }

    /** Gaussian white noise at {@code rms} (0..1 of full scale), mono. */
    static short[] noise(int rate, double seconds, double rms, long seed) {
        java.util.Random r = new java.util.Random(seed);
        short[] out = new short[(int) Math.round(seconds * rate)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r.nextGaussian() * rms * 32767));
        }
        return out;
    }

    /**
     * Something like a voice, mono: 300 ms syllables every 500 ms of a gliding 100-200 Hz pitch
     * with 20 harmonics and a little breath noise. Echo cancellers are built for this (a steady
     * pure tone is the hard case for libwebrtc's AEC3).
     */
    static short[] voice(int rate, double seconds, long seed) {
        java.util.Random r = new java.util.Random(seed);
        short[] out = new short[(int) Math.round(seconds * rate)];
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / rate;
            double envelope = (t % 0.5) < 0.3 ? Math.sin(Math.PI * (t % 0.5) / 0.3) : 0;
            phase += 2 * Math.PI * (150 + 50 * Math.sin(2 * Math.PI * 0.7 * t)) / rate;
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                v += Math.sin(h * phase + h) / h;
            }
            out[i] = (short) (envelope * (0.15 * 32767 * v + r.nextGaussian() * 300));
        }
        return out;
    }

    /** A listener's frames, channel 0, joined; a snapshot (frames may arrive meanwhile). */
    static short[] join(java.util.Collection<short[]> frames) {
        java.util.List<short[]> snapshot = new java.util.ArrayList<>(frames);
        short[] all = new short[snapshot.stream().mapToInt(f -> f.length).sum()];
        int at = 0;
        for (short[] f : snapshot) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return all;
    }
}
