package io.siprtc.sdp.convert;

/**
 * Service properties of {@link SdpRule} services (the whiteboard the SIPRTC gateway follows). A
 * bundle registers an {@code SdpRule}; the gateway applies it, after the profile's built-in rules
 * and in order of {@code service.ranking} (highest first, then lowest {@code service.id}), to
 * every description of the next calls, and stops when the service goes away.
 */
public final class SdpRuleProperties {

    /**
     * The profiles the rule applies to ({@code webrtc}, {@code sip-dtls}, {@code rtp}), a String,
     * String[] or collection; absent means all.
     */
    public static final String PROFILES = "siprtc.sdp.profiles";

    /**
     * Which descriptions the rule sees: {@code to-peer} (the engine's, about to be sent; the
     * default), {@code from-peer} (the peer's, before the engine gets it) or {@code both}.
     */
    public static final String FLOW = "siprtc.sdp.flow";

    private SdpRuleProperties() {
    }
}
