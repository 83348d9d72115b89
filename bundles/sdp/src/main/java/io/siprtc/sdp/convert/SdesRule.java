package io.siprtc.sdp.convert;

import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SessionDescription;

/**
 * SDES keying ({@code a=crypto}, RFC 4568) in a peer's description. WebRTC forbids it (RFC 8827
 * section 6.5: DTLS-SRTP only), since the keys travel in signalling. An active RTP section
 * that offers SDES and no DTLS fingerprint cannot be used: the whole description is refused
 * with {@link SdpNotAcceptableException} (a SIP 488). Where a section offers both (some SBCs
 * and FreeSWITCH do), the {@code a=crypto} lines are removed and DTLS-SRTP is used. Our own
 * descriptions never carry {@code a=crypto}.
 */
public final class SdesRule implements SdpRule {

    @Override
    public String name() {
        return "sdes";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        if (ctx.isToPeer()) {
            return;
        }
        for (MediaDescription m : sdp.media()) {
            if (!m.hasAttribute("crypto")) {
                continue;
            }
            boolean active = m.port() != 0 || m.isBundleOnly();
            if (active && !m.isDtls() && sdp.fingerprints(m).isEmpty()) {
                throw new SdpNotAcceptableException("SDES-SRTP (a=crypto, RFC 4568) is not supported in the "
                        + m.media() + " section (" + m.proto() + "): use DTLS-SRTP (RFC 5763)");
            }
            m.removeAttributes("crypto");
        }
    }
}
