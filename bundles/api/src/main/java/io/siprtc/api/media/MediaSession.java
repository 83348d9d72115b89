package io.siprtc.api.media;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The media of one call, in JSEP terms (RFC 8829). Local descriptions come back complete for
 * SIP: candidates included, no trickle needed.
 */
@ProviderType
public interface MediaSession extends AutoCloseable {

    String id();

    /** Makes an offer, applies it locally and completes once its candidates are in. */
    CompletionStage<SessionDescription> createOffer();

    /** Applies the far end's offer or answer. Fails with {@link MediaException} when it is unusable. */
    CompletionStage<Void> setRemoteDescription(SessionDescription remote);

    /** After a remote offer: makes the answer, applies it locally and completes once its candidates are in. */
    CompletionStage<SessionDescription> createAnswer();

    MediaState state();

    /** Statistics right now (cheap: no blocking native call). */
    MediaStats stats();

    void addListener(MediaSessionListener listener);

    void removeListener(MediaSessionListener listener);

    /**
     * Sets the direction of this session's media for the next offer or answer (hold:
     * {@link MediaDirection#SENDONLY} or {@link MediaDirection#INACTIVE}; resume:
     * {@link MediaDirection#SENDRECV}). It takes effect with the next {@link #createOffer()} or
     * {@link #createAnswer()}. Engines without it fail the stage with a {@link MediaException}.
     *
     * @since 1.2
     */
    default CompletionStage<Void> setDirection(MediaDirection direction) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new MediaException("this media engine cannot change the media direction"));
    }

    /**
     * Discards a local offer the far end refused (RFC 3261 section 14.1: a failed re-INVITE
     * leaves the session as it was), so the session is stable again. Engines without it fail
     * the stage with a {@link MediaException}.
     *
     * @since 1.2
     */
    default CompletionStage<Void> rollback() {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new MediaException("this media engine cannot roll back an offer"));
    }

    /**
     * Whether {@link #insertDtmf} can send RFC 4733 telephone events now (a negotiated
     * {@code telephone-event} payload and an audio sender).
     *
     * @since 1.2
     */
    default boolean canInsertDtmf() {
        return false;
    }

    /**
     * Queues DTMF tones ({@code 0-9 * # A-D}, {@code ,} for a 2 s pause) as RFC 4733 telephone
     * events. The stage completes when the tones are queued; it fails with a
     * {@link MediaException} when the engine cannot send them (see {@link #canInsertDtmf()}) or
     * a tone is not a DTMF character.
     *
     * @param toneMs duration of each tone, 40 to 6000 ms
     * @param gapMs gap between tones, at least 30 ms
     * @since 1.2
     */
    default CompletionStage<Void> insertDtmf(String tones, int toneMs, int gapMs) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new MediaException("this media engine cannot send DTMF"));
    }

    /**
     * Makes the next {@link #createOffer()} an ICE restart (RFC 8445 section 9, RFC 8829 section
     * 4.1.10): new ICE credentials, candidates gathered again, the DTLS association kept. Used
     * when the network changed or the connection failed; the offer goes out in a re-INVITE and
     * media resumes once the far end's answer is applied. Engines without it fail the stage
     * with a {@link MediaException}.
     *
     * @since 1.3
     */
    default CompletionStage<Void> restartIce() {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new MediaException("this media engine cannot restart ICE"));
    }

    /**
     * Mutes or unmutes the audio this session sends, at once and without renegotiation: while
     * muted the far end receives silence (RTP may go on flowing). The stage fails with a
     * {@link MediaException} when the session is closed or the engine cannot mute.
     *
     * @since 1.3
     */
    default CompletionStage<Void> setMuted(boolean muted) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new MediaException("this media engine cannot mute", 500, null));
    }

    /** Whether the sent audio is muted ({@link #setMuted}). @since 1.3 */
    default boolean isMuted() {
        return false;
    }

    /**
     * Turns the video this session sends off or on again ("camera off"), at once and without
     * renegotiation: while off the far end receives black pictures, or none (the engine says
     * which for which source), and the audio is untouched. A session without video records the
     * state and sends nothing either way. The stage fails with a {@link MediaException} when the
     * session is closed or the engine cannot do it.
     *
     * @since 1.4
     */
    default CompletionStage<Void> setVideoMuted(boolean muted) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new MediaException("this media engine cannot turn video off", 500, null));
    }

    /** Whether the sent video is off ({@link #setVideoMuted}). @since 1.4 */
    default boolean isVideoMuted() {
        return false;
    }

    /**
     * Where the host writes the audio this session sends, when its source is
     * {@link AudioSource#hostPcm}; empty otherwise.
     *
     * @since 1.3
     */
    default java.util.Optional<PcmInput> pcmInput() {
        return java.util.Optional.empty();
    }

    /**
     * Hands each 10 ms frame of decoded received audio to the listener, from now until it is
     * removed or the session closes.
     *
     * @throws UnsupportedOperationException when the engine cannot
     * @since 1.3
     */
    default void addAudioFrameListener(AudioFrameListener listener) {
        throw new UnsupportedOperationException("this media engine does not hand out decoded audio");
    }

    /** @since 1.3 */
    default void removeAudioFrameListener(AudioFrameListener listener) {
    }

    /**
     * Hands each decoded picture of the received video to the listener, from now until it is
     * removed or the session closes (none arrive unless the session has video:
     * {@link MediaSessionConfig#withVideo}).
     *
     * @throws UnsupportedOperationException when the engine cannot
     * @since 1.3
     */
    default void addVideoFrameListener(VideoFrameListener listener) {
        throw new UnsupportedOperationException("this media engine does not hand out decoded video");
    }

    /** @since 1.3 */
    default void removeVideoFrameListener(VideoFrameListener listener) {
    }

    /** Releases everything; safe to call more than once and from any thread. */
    @Override
    void close();
}
