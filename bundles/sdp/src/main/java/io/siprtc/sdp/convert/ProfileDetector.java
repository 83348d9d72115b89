package io.siprtc.sdp.convert;

import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SessionDescription;

/**
 * Tells a peer's {@link SdpProfile} from its description, for accounts set to detect it. Looks at
 * the active RTP sections (port not 0, or bundle-only):
 * <ul>
 * <li>any plain or SDES-keyed RTP ({@code RTP/AVP}, {@code RTP/AVPF}, {@code RTP/SAVP[F]} without
 * a DTLS fingerprint) makes it {@link SdpProfile#RTP};</li>
 * <li>otherwise DTLS-SRTP with ICE credentials and either BUNDLE or rtcp-mux in every section
 * makes it {@link SdpProfile#WEBRTC};</li>
 * <li>otherwise DTLS-SRTP is {@link SdpProfile#SIP_DTLS}.</li>
 * </ul>
 * A description without any active RTP section (e.g. data channel only) is {@link SdpProfile#WEBRTC}.
 */
public final class ProfileDetector {

    private ProfileDetector() {
    }

    /** The profile a peer that wrote {@code sdp} needs. */
    public static SdpProfile detect(SessionDescription sdp) {
        boolean any = false;
        boolean ice = true;
        boolean mux = true;
        for (MediaDescription m : sdp.media()) {
            if (!m.isRtp() || (m.port() == 0 && !m.isBundleOnly())) {
                continue;
            }
            any = true;
            boolean dtls = m.isDtls() || (m.isSecureRtp() && !sdp.fingerprints(m).isEmpty());
            if (!dtls) {
                return SdpProfile.RTP;
            }
            ice &= sdp.iceUfrag(m).isPresent();
            mux &= m.isRtcpMux();
        }
        if (!any) {
            return SdpProfile.WEBRTC;
        }
        return ice && (mux || sdp.bundleGroup().isPresent()) ? SdpProfile.WEBRTC : SdpProfile.SIP_DTLS;
    }

    /**
     * Whether a description keys SRTP only with SDES ({@code a=crypto} and no DTLS) in an active
     * section: such an offer is refused (see {@link SdesRule}).
     */
    public static boolean isSdesOnly(SessionDescription sdp) {
        for (MediaDescription m : sdp.media()) {
            if ((m.port() != 0 || m.isBundleOnly()) && m.hasAttribute("crypto") && !m.isDtls()
                    && sdp.fingerprints(m).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
