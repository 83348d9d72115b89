package io.siprtc.api.media;

import java.util.List;
import java.util.Set;

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

    /** {@link #sdpProfiles()}: ICE + DTLS-SRTP with BUNDLE and rtcp-mux (WebRTC). */
    String PROFILE_WEBRTC = "webrtc";
    /** {@link #sdpProfiles()}: DTLS-SRTP without BUNDLE, rtcp-mux or trickle ICE. */
    String PROFILE_SIP_DTLS = "sip-dtls";
    /** {@link #sdpProfiles()}: plain RTP/AVP, directly or through a media relay the engine drives. */
    String PROFILE_RTP = "rtp";

    /**
     * The SDP peer profiles this engine's sessions can talk to: {@value #PROFILE_WEBRTC},
     * {@value #PROFILE_SIP_DTLS}, {@value #PROFILE_RTP}. The gateway answers an offer of a
     * profile the engine lacks with 488 and says what is missing (for plain RTP: a media relay
     * or a plain-RTP engine). The default is the two a WebRTC engine has: webrtc and sip-dtls.
     */
    default Set<String> sdpProfiles() {
        return Set.of(PROFILE_WEBRTC, PROFILE_SIP_DTLS);
    }

    /**
     * Gets ready for sessions like this one (native factories, audio devices) so that the first
     * call does not pay for them. Optional; may be called often; never blocks for long.
     */
    default void prepare(MediaSessionConfig config) {
    }

    /**
     * The audio devices sessions can capture from ({@link AudioSource#device}) and play out on
     * ({@link MediaSessionConfig#withPlayoutDevice}); empty when the engine is headless or the
     * system has none. May be slow the first time (it asks the audio system).
     *
     * @since 1.3
     */
    default List<AudioDevice> audioDevices() {
        return List.of();
    }

    /**
     * The cameras sessions can send from ({@link VideoSource#device}); empty when the engine has
     * no video or the system has none.
     *
     * @since 1.3
     */
    default List<VideoDevice> videoDevices() {
        return List.of();
    }
}
