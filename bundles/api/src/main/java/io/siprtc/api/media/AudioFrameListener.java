package io.siprtc.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a session's decoded incoming audio, 10 ms at a time
 * ({@link MediaSession#addAudioFrameListener}).
 *
 * @since 1.3
 */
@ConsumerType
@FunctionalInterface
public interface AudioFrameListener {

    /**
     * One 10 ms frame of decoded received audio, 16-bit, channels interleaved, at the rate and
     * channel count the decoder delivers (with Opus: 48000 Hz, usually one channel). Called on
     * the engine's audio thread: return quickly, never block (hand the frame to your own thread);
     * an exception is logged and otherwise ignored.
     *
     * @param samples a new array for each frame: the listener may keep it
     */
    void onAudioFrame(short[] samples, int sampleRate, int channels);
}
