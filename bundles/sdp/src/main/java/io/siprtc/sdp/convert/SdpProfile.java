package io.siprtc.sdp.convert;

import java.util.Locale;
import java.util.Optional;

/**
 * What kind of SIP peer a description goes to or comes from. A profile selects the built-in
 * rules ({@link SdpRules}); it is chosen per account or detected from the far end's SDP
 * ({@link ProfileDetector}).
 */
public enum SdpProfile {

    /**
     * The far end does ICE and DTLS-SRTP with BUNDLE and rtcp-mux, as WebRTC (RFC 8829): another
     * SIPRTC client, baresip with dtls_srtp, JsSIP in a browser, Asterisk or FreeSWITCH WebRTC
     * endpoints.
     */
    WEBRTC("webrtc"),

    /**
     * The far end does DTLS-SRTP (RFC 5763) but not BUNDLE, not rtcp-mux and not trickle ICE;
     * WebRTC's extra attributes (msid, ssrc, extmap) are left out for it.
     */
    SIP_DTLS("sip-dtls"),

    /**
     * Plain RTP/AVP phones and trunks (RFC 3551): no ICE, no DTLS. Only a plain-RTP media engine
     * or a media relay can talk to them.
     */
    RTP("rtp");

    private final String id;

    SdpProfile(String id) {
        this.id = id;
    }

    /** The profile's name in configuration: {@code webrtc}, {@code sip-dtls} or {@code rtp}. */
    public String id() {
        return id;
    }

    /** The profile named {@code id} (case-insensitive, surrounding spaces ignored), if any. */
    public static Optional<SdpProfile> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String want = id.trim().toLowerCase(Locale.ROOT);
        for (SdpProfile p : values()) {
            if (p.id.equals(want)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
