package io.siprtc.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The SDP samples under {@code src/test/resources/sdp}, with CRLF line ends as on the wire. */
final class Sdps {

    /** What webrtc-java offers before conversion: c=0.0.0.0, port 9, trickle, an IPv4 and an IPv6 host candidate. */
    static final String WEBRTC_OFFER = load("webrtc-offer.sdp");
    /** What webrtc-java answers before conversion (setup:active). */
    static final String WEBRTC_ANSWER = load("webrtc-answer.sdp");
    /** An offer as another SIPRTC gateway at 192.0.2.20 sends it (converted: no trickle, real c=). */
    static final String FAR_END_OFFER = load("far-end-offer.sdp");
    /** An answer as another SIPRTC gateway at 192.0.2.20 sends it. */
    static final String FAR_END_ANSWER = load("far-end-answer.sdp");

    /** SIPp's plain RTP/AVP offer (PCMU), captured (sdp bundle corpus). */
    static final String PLAIN_RTP_OFFER = load("plain-rtp-offer.sdp");
    /** rtpengine's SDES-SRTP (a=crypto) rewrite of SIPp's offer, captured (sdp bundle corpus). */
    static final String SDES_OFFER = load("sdes-offer.sdp");
    /** baresip's DTLS-SRTP + ICE offer without BUNDLE, captured (sdp bundle corpus). */
    static final String SIP_DTLS_OFFER = load("sip-dtls-offer.sdp");

    private Sdps() {
    }

    static String load(String name) {
        try (InputStream in = Sdps.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /sdp/" + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
