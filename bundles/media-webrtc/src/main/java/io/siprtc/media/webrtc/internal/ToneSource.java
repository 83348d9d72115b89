package io.siprtc.media.webrtc.internal;

import dev.onvoid.webrtc.media.audio.AudioSource;

/**
 * A sine tone that the audio device module pulls every 10 ms on its own capture thread. There is
 * no second writer: nothing pushes audio into the send stream, so webrtc-java's pushAudio race
 * (a JVM abort) cannot happen.
 */
final class ToneSource implements AudioSource {

    private static final double AMPLITUDE = 0.3 * Short.MAX_VALUE;

    private final double frequency;
    private double phase;

    ToneSource(double frequency) {
        this.frequency = frequency;
    }

    double frequency() {
        return frequency;
    }

    @Override
    public int onPlaybackData(byte[] audioSamples, int nSamples, int nBytesPerSample, int nChannels,
            int samplesPerSec) {
        int frames = nSamples / Math.max(1, nChannels);
        double step = 2 * Math.PI * frequency / samplesPerSec;
        int limit = Math.min(frames, audioSamples.length / (2 * Math.max(1, nChannels)));
        for (int i = 0; i < limit; i++) {
            short s = frequency > 0 ? (short) (AMPLITUDE * Math.sin(phase)) : 0;
            phase += step;
            if (phase > 2 * Math.PI) {
                phase -= 2 * Math.PI;
            }
            for (int c = 0; c < nChannels; c++) {
                int k = (i * nChannels + c) * 2;
                audioSamples[k] = (byte) s;
                audioSamples[k + 1] = (byte) (s >> 8);
            }
        }
        return nSamples;
    }
}
