package io.siprtc.gateway.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a WAV recording of received audio holds (16-bit PCM, as baresip's sndfile writes it): its
 * length, how much of it has signal, and the dominant frequency of its last stretch with signal
 * (FFT of up to 16384 samples of the first channel, Hann window, peak interpolated). A recording
 * still being written (its header's sizes not yet filled in) is read to the end of the file.
 */
final class WavTone {

    /** A frame (10 ms) counts as signal when its peak is at least this (16-bit full scale is 32767). */
    static final int SIGNAL_THRESHOLD = 1000;

    final int sampleRate;
    final int channels;
    final double seconds;
    final double signalSeconds;
    final double dominantHz;

    private WavTone(int sampleRate, int channels, double seconds, double signalSeconds, double dominantHz) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.seconds = seconds;
        this.signalSeconds = signalSeconds;
        this.dominantHz = dominantHz;
    }

    static WavTone analyze(Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new IOException(wav + " is not a WAV file");
        }
        int pos = 12;
        int rate = 0;
        int channels = 0;
        int bits = 0;
        int dataStart = -1;
        int dataLength = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (id == 0x61746164) { // "data"
                dataStart = pos + 8;
                int left = b.limit() - dataStart;
                dataLength = size <= 0 || size > left ? left : size;
                break;
            }
            pos += 8 + size + (size & 1);
        }
        if (dataStart < 0 || bits != 16 || channels < 1) {
            throw new IOException(wav + ": no 16-bit PCM data (" + bits + " bits, " + channels + " channels)");
        }
        int frames = dataLength / (2 * channels);
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = b.getShort(dataStart + i * 2 * channels);
        }
        return of(x, rate, channels);
    }

    static WavTone of(double[] x, int rate, int channels) {
        int block = Math.max(1, rate / 100);
        int signalBlocks = 0;
        int lastSignalEnd = -1;
        int runStart = -1;
        int bestStart = -1;
        int bestEnd = -1;
        for (int start = 0; start + block <= x.length; start += block) {
            double peak = 0;
            for (int i = start; i < start + block; i++) {
                peak = Math.max(peak, Math.abs(x[i]));
            }
            if (peak >= SIGNAL_THRESHOLD) {
                signalBlocks++;
                if (runStart < 0 || lastSignalEnd != start) {
                    runStart = start;
                }
                lastSignalEnd = start + block;
                bestStart = runStart;
                bestEnd = lastSignalEnd;
            }
        }
        double hz = 0;
        if (bestEnd - bestStart >= 1024) {
            int n = Integer.highestOneBit(Math.min(16384, bestEnd - bestStart));
            hz = dominant(x, bestEnd - n, n, rate);
        }
        return new WavTone(rate, channels, (double) x.length / rate, signalBlocks * (double) block / rate, hz);
    }

    /** The frequency of the largest FFT magnitude of x[from, from+n) (n a power of two), parabolically interpolated. */
    static double dominant(double[] x, int from, int n, int rate) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)));
        }
        fft(re, im);
        int best = 1;
        double[] mag = new double[n / 2];
        for (int k = 1; k < n / 2; k++) {
            mag[k] = Math.hypot(re[k], im[k]);
            if (mag[k] > mag[best]) {
                best = k;
            }
        }
        double shift = 0;
        if (best > 1 && best < n / 2 - 1) {
            double a = Math.log(mag[best - 1] + 1e-9);
            double c = Math.log(mag[best] + 1e-9);
            double d = Math.log(mag[best + 1] + 1e-9);
            shift = 0.5 * (a - d) / (a - 2 * c + d);
        }
        return (best + shift) * rate / n;
    }

    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wr = Math.cos(angle);
            double wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int c = a + len / 2;
                    double tr = re[c] * cr - im[c] * ci;
                    double ti = re[c] * ci + im[c] * cr;
                    re[c] = re[a] - tr;
                    im[c] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                    double ncr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = ncr;
                }
            }
        }
    }

    /** Whether the recording's dominant frequency is {@code hz} within 2 %. */
    boolean hears(double hz) {
        return Math.abs(dominantHz - hz) < hz * 0.02;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f s at %d Hz x %d (%.2f s with signal), dominant %.1f Hz", seconds, sampleRate,
                channels, signalSeconds, dominantHz);
    }
}
