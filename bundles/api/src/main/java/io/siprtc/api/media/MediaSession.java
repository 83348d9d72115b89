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

    /** Releases everything; safe to call more than once and from any thread. */
    @Override
    void close();
}
