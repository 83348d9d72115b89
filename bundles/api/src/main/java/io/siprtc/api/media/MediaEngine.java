package io.siprtc.api.media;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A media engine, registered as an OSGi service by an engine bundle. Service property
 * {@link #NAME} names it; the gateway binds the highest ranked one and follows swaps.
 */
@ProviderType
public interface MediaEngine {

    /** Service property: the engine's name, e.g. {@code webrtc-java}. */
    String NAME = "siprtc.media.engine";

    /** A new session for one call; it holds native resources until {@link MediaSession#close()}. */
    MediaSession createSession(MediaSessionConfig config) throws MediaException;

    /**
     * Sessions created and not yet closed (each holds a peer connection and its native
     * resources): zero when no call is up. For hosts' diagnostics and leak checks.
     */
    int openSessions();

    /**
     * Gets ready for sessions like this one (native factories, audio devices) so that the first
     * call does not pay for them. Optional; may be called often; never blocks for long.
     */
    default void prepare(MediaSessionConfig config) {
    }
}
