package io.siprtc.media.webrtc.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.onvoid.webrtc.media.audio.AudioSource;

/**
 * A source of mono PCM at its own rate that the audio device module pulls every 10 ms on its
 * capture thread ({@link AudioEndpoint}), resampled to the rate the module asks for. The
 * module's thread is the only writer into libwebrtc's send path: nothing is ever pushed, so
 * webrtc-java's {@code pushAudio} race (a JVM abort) cannot happen. Nothing may escape this
 * callback (an exception thrown into native code could take the JVM down): a failure sends
 * silence and is logged once.
 */
abstract class PulledPcm implements AudioSource {

    private static final Logger LOG = Logger.getLogger(PulledPcm.class.getName());

    private final int inRate;
    private Resampler resampler;
    private short[] fifo = new short[2048];
    private int fifoLength;
    private boolean failed;

    PulledPcm(int inRate) {
        this.inRate = inRate;
    }

    /** The next mono samples at the source's rate (10 ms or less), or null when there are none now. */
    abstract short[] nextFrame();

    /** A pull found no samples left and sent (some) silence. */
    void onUnderrun() {
    }

    @Override
    public final int onPlaybackData(byte[] audioSamples, int nSamples, int nBytesPerSample, int nChannels,
            int samplesPerSec) {
        int channels = Math.max(1, nChannels);
        int frames = Math.min(nSamples / channels, audioSamples.length / (2 * channels));
        try {
            if (resampler == null || resampler.outRate() != samplesPerSec) {
                resampler = new Resampler(inRate, samplesPerSec);
                fifoLength = 0;
            }
            boolean dry = false;
            while (fifoLength < frames) {
                short[] in = nextFrame();
                if (in == null) {
                    dry = true;
                    break;
                }
                append(resampler.process(in, in.length));
            }
            int have = Math.min(fifoLength, frames);
            for (int i = 0; i < frames; i++) {
                short s = i < have ? fifo[i] : 0;
                for (int c = 0; c < channels; c++) {
                    int k = (i * channels + c) * 2;
                    audioSamples[k] = (byte) s;
                    audioSamples[k + 1] = (byte) (s >> 8);
                }
            }
            System.arraycopy(fifo, have, fifo, 0, fifoLength - have);
            fifoLength -= have;
            if (dry) {
                onUnderrun();
            }
        } catch (Throwable t) { // never into native code
            java.util.Arrays.fill(audioSamples, 0, Math.min(audioSamples.length, frames * channels * 2), (byte) 0);
            if (!failed) {
                failed = true;
                LOG.log(Level.WARNING, "audio source " + this + " failed: sending silence", t);
            }
        }
        return nSamples;
    }

    private void append(short[] samples) {
        if (fifoLength + samples.length > fifo.length) {
            fifo = java.util.Arrays.copyOf(fifo, Math.max(fifo.length * 2, fifoLength + samples.length));
        }
        System.arraycopy(samples, 0, fifo, fifoLength, samples.length);
        fifoLength += samples.length;
    }
}
