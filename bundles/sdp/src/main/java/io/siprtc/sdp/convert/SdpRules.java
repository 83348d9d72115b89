package io.siprtc.sdp.convert;

import java.util.List;

/**
 * The built-in rules of each {@link SdpProfile}, in the order they run. Rules are stateless: the
 * lists are shared.
 *
 * <p><b>To the peer</b> (the engine's offer or answer):
 * {@link AdvertisedAddressRule}, {@link NoTrickleRule} (SIPRTC does not trickle over SIP),
 * {@link CodecPolicyRule}, {@link BundleRule}, {@link RtcpMuxRule}, {@link DtlsSetupRule},
 * {@link RejectedMediaRule}, then for sip-dtls and rtp {@link StripAttributesRule#webRtcExtras()},
 * then {@link DefaultCandidateRule} and {@link OriginVersionRule}.
 *
 * <p><b>From the peer</b> (its offer or answer, before the engine sees it): {@link SdesRule},
 * {@link DtlsSetupRule}, {@link CodecPolicyRule} (offers only).
 */
public final class SdpRules {

    private static final List<SdpRule> TO_WEBRTC = List.of(new AdvertisedAddressRule(), new NoTrickleRule(),
            new CodecPolicyRule(), new BundleRule(), new RtcpMuxRule(), new DtlsSetupRule(), new RejectedMediaRule(),
            new DefaultCandidateRule(), new OriginVersionRule());
    private static final List<SdpRule> TO_SIP = List.of(new AdvertisedAddressRule(), new NoTrickleRule(),
            new CodecPolicyRule(), new BundleRule(), new RtcpMuxRule(), new DtlsSetupRule(), new RejectedMediaRule(),
            StripAttributesRule.webRtcExtras(), new DefaultCandidateRule(), new OriginVersionRule());
    private static final List<SdpRule> FROM_PEER = List.of(new SdesRule(), new DtlsSetupRule(), new CodecPolicyRule());

    private SdpRules() {
    }

    /** The rules for the engine's descriptions going to a peer of this profile. */
    public static List<SdpRule> toPeer(SdpProfile profile) {
        return profile == SdpProfile.WEBRTC ? TO_WEBRTC : TO_SIP;
    }

    /** The rules for a peer's descriptions going to the engine. */
    public static List<SdpRule> fromPeer(SdpProfile profile) {
        return FROM_PEER;
    }

    /** The rules for a context's flow and profile. */
    public static List<SdpRule> forContext(ConversionContext ctx) {
        return ctx.isToPeer() ? toPeer(ctx.profile()) : fromPeer(ctx.profile());
    }
}
