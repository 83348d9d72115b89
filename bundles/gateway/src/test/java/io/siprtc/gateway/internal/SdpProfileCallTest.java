package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.sip.SipResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Peer profiles per account or detected: plain RTP without a relay or plain-RTP engine gets a
 * clean 488, SDES gets a clean 488, sip-dtls and codec policies shape what the peer sees.
 */
class SdpProfileCallTest {

    private final FarEnd bob = new FarEnd("call-profile@192.0.2.20");

    private static String warning(SipResponse r) {
        return r.header("Warning").orElse("");
    }

    private static CallEndReason ended(GatewayFixture gw, Call call) {
        gw.awaitState(call, CallState.ENDED);
        return call.endReason().orElseThrow();
    }

    @Test
    void plainRtpOfferWithoutRelayOrPlainEngineGets488SayingWhatIsMissing() {
        try (GatewayFixture gw = new GatewayFixture()) {
            FakeServerTransaction invite = gw.endpoint().receive(bob.invite("application/sdp", Sdps.PLAIN_RTP_OFFER));
            SipResponse r = invite.expect(488);
            assertTrue(warning(r).contains("plain RTP/AVP peer: this gateway needs a media relay or a plain-RTP media engine"),
                    warning(r));
            gw.sync();
            Call call = gw.gateway.call("c1").orElseThrow();
            CallEndReason reason = ended(gw, call);
            assertEquals(CallEndReason.Kind.NOT_ACCEPTABLE, reason.kind());
            assertEquals(488, reason.sipStatus());
            gw.engine.nextSession().awaitClosed();
            assertTrue(gw.liveCallIds().isEmpty());
            invite.assertNoMoreResponses();
        }
    }

    @Test
    void plainRtpOfferGoesToAnEngineThatServesRtp() {
        try (GatewayFixture gw = new GatewayFixture()) {
            gw.engine.profiles = Set.of(MediaEngine.PROFILE_RTP);
            FakeServerTransaction invite = gw.endpoint().receive(bob.invite("application/sdp", Sdps.PLAIN_RTP_OFFER));
            invite.expect(180);
            SessionDescription offer = Waits.take(gw.engine.nextSession().remoteDescriptions, "the offer");
            assertEquals(Sdps.PLAIN_RTP_OFFER, offer.sdp(), "a plain RTP offer reaches a plain-RTP engine unchanged");
        }
    }

    @Test
    void sdesOfferGets488NamingSdes() {
        try (GatewayFixture gw = new GatewayFixture()) {
            gw.engine.profiles = Set.of(MediaEngine.PROFILE_RTP, MediaEngine.PROFILE_WEBRTC);
            FakeServerTransaction invite = gw.endpoint().receive(bob.invite("application/sdp", Sdps.SDES_OFFER));
            SipResponse r = invite.expect(488);
            assertTrue(warning(r).contains("SDES-SRTP (a=crypto, RFC 4568) is not supported"), warning(r));
            gw.sync();
            assertEquals(CallEndReason.Kind.NOT_ACCEPTABLE, ended(gw, gw.gateway.call("c1").orElseThrow()).kind());
        }
    }

    @Test
    void badlyEncodedOfferGets488NamingTheLine() {
        try (GatewayFixture gw = new GatewayFixture()) {
            byte[] body = Sdps.FAR_END_OFFER.replace("s=-", "s=\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            FakeServerTransaction invite = gw.endpoint().receive(bob.invite(null, null).withBody("application/sdp", body));
            SipResponse r = invite.expect(488);
            assertTrue(warning(r).contains("SDP offer unusable: SDP line 3: invalid UTF-8"), warning(r));
        }
    }

    @Test
    void outgoingCallOfAnRtpAccountEndsAtOnceWithoutAnEngineForIt() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(Map.of("sdp_profile", "rtp"))) {
            Call call = gw.dial(GatewayFixture.BOB);
            CallEndReason reason = ended(gw, call);
            assertEquals(CallEndReason.Kind.NOT_ACCEPTABLE, reason.kind());
            assertTrue(reason.text().contains("needs a media relay or a plain-RTP media engine"), reason.text());
            gw.endpoint().assertNothingSent();
            gw.engine.assertNoSession();
        }
    }

    @Test
    void sipDtlsAccountOffersWithoutBundleAndWebRtcExtras() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(Map.of("sdp_profile", "sip-dtls"))) {
            gw.dial(GatewayFixture.BOB);
            String body = gw.endpoint().nextRequest("INVITE").request().bodyText();
            assertFalse(body.contains("a=group:BUNDLE"), body);
            assertFalse(body.contains("a=msid") || body.contains("a=ssrc:") || body.contains("a=extmap"), body);
            assertTrue(body.contains("a=setup:actpass") && body.contains("a=fingerprint:"), body);
            assertTrue(body.contains("\r\nc=IN IP4 127.0.0.1\r\n"), body);
        }
    }

    @Test
    void codecPolicyShapesTheOfferInsteadOfMunging() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(Map.of("codec_policy", "codecs=PCMU;ptime=20"))) {
            gw.dial(GatewayFixture.BOB);
            String body = gw.endpoint().nextRequest("INVITE").request().bodyText();
            assertTrue(body.contains("\r\nm=audio 58545 UDP/TLS/RTP/SAVPF 0 126\r\n"), body);
            assertTrue(body.contains("\r\na=ptime:20\r\n"), body);
            assertFalse(body.contains("opus"), body);
        }
    }

    @Test
    void autoAccountAnswersASipDtlsPeerWithoutBundleOrExtras() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(Map.of("auto_answer", true))) {
            FakeServerTransaction invite = gw.endpoint().receive(bob.invite("application/sdp", Sdps.SIP_DTLS_OFFER));
            invite.expect(180);
            String answer = invite.expect(200).bodyText();
            assertFalse(answer.contains("a=group:BUNDLE"), "the offer had no BUNDLE:\n" + answer);
            assertFalse(answer.contains("a=rtcp-mux"), "the offer had no rtcp-mux:\n" + answer);
            assertFalse(answer.contains("a=ssrc:") || answer.contains("a=msid"), answer);
            assertTrue(answer.contains("a=setup:active"), answer);
        }
    }

    @Test
    void misconfiguredAccountFailsItsCallsWithAClearReason() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(Map.of("sdp_profile", "sip"))) {
            CallEndReason reason = ended(gw, gw.dial(GatewayFixture.BOB));
            assertEquals(CallEndReason.Kind.ERROR, reason.kind());
            assertTrue(reason.text().contains("sdp_profile 'sip' is not auto, webrtc, sip-dtls or rtp"), reason.text());
            gw.endpoint().receive(bob.invite()).expect(500);
        }
        try (GatewayFixture gw = new GatewayFixture(Map.of("codec_policy", "codecs=opus;ptime=x"))) {
            CallEndReason reason = ended(gw, gw.dial(GatewayFixture.BOB));
            assertTrue(reason.text().contains("codec_policy: codec policy ptime is not a number"), reason.text());
        }
    }

    @Test
    void answerInPlainRtpToOurDtlsOfferEndsTheCall() throws Exception {
        try (GatewayFixture gw = new GatewayFixture()) {
            Call call = gw.dial(GatewayFixture.BOB);
            FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
            invite.answer(Sdps.PLAIN_RTP_OFFER);
            gw.endpoint().nextAck();
            gw.endpoint().nextRequest("BYE");
            CallEndReason reason = ended(gw, call);
            assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
            assertTrue(reason.text().contains("answered plain RTP to a DTLS-SRTP offer"), reason.text());
        }
    }
}
