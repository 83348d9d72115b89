package io.siprtc.api.media;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the host writes the audio a session sends ({@link AudioSource#hostPcm}): 16-bit PCM in
 * 10 ms frames. Writing never blocks: the frames wait in a bounded queue that the engine's own
 * audio thread reads every 10 ms (the host is never a second writer into the audio engine). When
 * the queue is empty the session sends silence (an underrun); when it is full the oldest frame
 * is dropped (an overflow). Sending starts, and resumes after an underrun, once a few frames
 * are queued (the webrtc-java engine: 3, 30 ms), so the two clocks' jitter makes no gaps. Write
 * at the rate of real time, a few frames ahead at most. Thread-safe.
 *
 * @since 1.3
 */
@ProviderType
public interface PcmInput {

    /**
     * Queues one 10 ms frame: {@link #frameLength()} samples, channels interleaved. The array is
     * copied.
     *
     * @return false when the frame made the queue drop its oldest frame
     * @throws IllegalArgumentException when the frame is not {@link #frameLength()} samples long
     * @throws IllegalStateException when the session is closed
     */
    boolean write(short[] frame);

    int sampleRate();

    int channels();

    /** Samples in one frame: sample rate / 100 times channels. */
    int frameLength();

    /** Frames the queue holds at most. */
    int capacity();

    /** Frames waiting now. */
    int queued();

    /** Frames accepted since the session began. */
    long framesWritten();

    /** Frames dropped because the queue was full (the oldest go). */
    long overflows();

    /** 10 ms periods in which silence was sent because the queue had run dry (after sending began). */
    long underruns();
}
