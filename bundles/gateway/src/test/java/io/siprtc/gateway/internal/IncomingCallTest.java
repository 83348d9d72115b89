package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bob calls alice: INVITE, ringing, answer, ACK, hang-up either side. */
class IncomingCallTest {

    private final GatewayFixture gw = new GatewayFixture();
    private final FarEnd bob = new FarEnd("call-1@192.0.2.20");

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void inviteIsOfferedToTheEngineAndRings() {
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);

        SessionDescription offer = Waits.take(in.media.remoteDescriptions, "the offer to reach the media engine");
        assertEquals(SessionDescription.Type.OFFER, offer.type());
        assertEquals(Sdps.FAR_END_OFFER, offer.sdp(), "a well-formed offer reaches the engine unchanged");
        assertEquals(in.call.id(), in.media.config.label());

        String ourTag = SipMessage.tagOf(in.ringing.header("To").orElseThrow());
        assertNotNull(ourTag, "180 carries our To tag");
        assertEquals(Optional.of("<" + FarEnd.ALICE + ">"), in.ringing.header("Contact"));
        assertEquals(bob.callId, in.ringing.callId());

        assertEquals(CallState.INCOMING, in.call.state());
        assertEquals(CallDirection.INCOMING, in.call.direction());
        assertEquals(FarEnd.AOR, in.call.remoteUri());
        assertEquals(FarEnd.ALICE, in.call.localUri());
        gw.sync();
        in.invite.assertNoMoreResponses(); // no auto-answer: the 200 waits for the user
    }

    @Test
    void answerSends200WithTheConvertedAnswerAndAckConnects() throws Exception {
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);
        gw.gateway.answer(in.call.id());

        SipResponse ok = in.invite.expect(200);
        assertEquals(in.ringing.header("To"), ok.header("To"), "same To tag as the 180");
        assertEquals(Optional.of("<" + FarEnd.ALICE + ">"), ok.header("Contact"));
        assertEquals(Optional.of("application/sdp"), ok.header("Content-Type"));
        String sdp = ok.bodyText();
        assertTrue(sdp.contains("\r\nm=audio 49734 UDP/TLS/RTP/SAVPF 111 "), sdp);
        assertTrue(sdp.contains("\r\nc=IN IP4 127.0.0.1\r\n"), sdp);
        assertTrue(sdp.contains("\r\na=end-of-candidates\r\n"), sdp);
        assertTrue(sdp.contains("\r\na=setup:active\r\n"), sdp);
        assertFalse(sdp.contains("0.0.0.0"), sdp);
        assertFalse(sdp.contains("trickle"), sdp);
        assertFalse(sdp.contains("fd00::3"), sdp);
        gw.awaitState(in.call, CallState.ANSWERING);

        gw.endpoint().receiveAck(bob.ack(ok));
        gw.awaitState(in.call, CallState.CONNECTED);
        assertEquals(List.of(in.call.id()), gw.liveCallIds());
        assertEquals(List.of(
                "SIP_RECEIVED INVITE from " + FarEnd.AOR,
                "SIP_SENT 180 Ringing",
                "STATE_CHANGED INCOMING->ANSWERING",
                "SIP_SENT 200 OK",
                "SIP_RECEIVED ACK",
                "STATE_CHANGED ANSWERING->CONNECTED"), gw.events.lines(in.call.id()));
    }

    @Test
    void answerBeforeTheAnswerSdpIsReadySends200WhenItIs() throws Exception {
        CompletableFuture<SessionDescription> answer = new CompletableFuture<>();
        gw.engine.script = s -> s.answer = () -> answer;
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);

        gw.gateway.answer(in.call.id());
        gw.sync();
        in.invite.assertNoMoreResponses();
        assertEquals(CallState.INCOMING, in.call.state());

        answer.complete(SessionDescription.answer(Sdps.WEBRTC_ANSWER));
        assertTrue(in.invite.expect(200).hasBody());
        gw.awaitState(in.call, CallState.ANSWERING);
    }

    @Test
    void farEndByeEndsWithRemoteHangup() throws Exception {
        GatewayFixture.Incoming in = gw.connectedIncoming(bob);

        FakeServerTransaction bye = gw.endpoint().receive(bob.inDialog("BYE", in.ok));
        bye.expect(200);
        gw.awaitState(in.call, CallState.ENDED);
        CallEndReason reason = in.call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, reason.kind());
        in.media.awaitClosed();
        assertEquals(List.of(), gw.liveCallIds());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void localHangupSendsByeInTheDialog() throws Exception {
        GatewayFixture.Incoming in = gw.connectedIncoming(bob);

        gw.gateway.hangup(in.call.id());
        FakeClientTransaction bye = gw.endpoint().nextRequest("BYE");
        SipRequest r = bye.request();
        assertEquals(FarEnd.CONTACT, r.requestUri(), "to bob's Contact");
        assertEquals(bob.callId, r.callId());
        assertEquals(Optional.of("1 BYE"), r.header("CSeq"));
        assertEquals(FarEnd.TAG, SipMessage.tagOf(r.header("To").orElseThrow()));
        assertEquals(SipMessage.tagOf(in.ok.header("To").orElseThrow()), SipMessage.tagOf(r.header("From").orElseThrow()));
        assertEquals(FarEnd.ALICE, SipMessage.uriOf(r.header("From").orElseThrow()));
        assertEquals(List.of("<sip:p1.example.org;lr>", "<sip:p2.example.org;lr>"), r.headerValues("Route"));
        in.media.awaitClosed();

        bye.respond(200);
        gw.awaitState(in.call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, in.call.endReason().orElseThrow().kind());
    }

    @Test
    void autoAnswerSends200WithoutTheUser() {
        try (GatewayFixture auto = new GatewayFixture(java.util.Map.of("auto_answer", true))) {
            FakeServerTransaction invite = auto.endpoint().receive(bob.invite());
            invite.expect(180);
            SipResponse ok = invite.expect(200);
            Call call = auto.gateway.calls().get(0);
            auto.awaitState(call, CallState.ANSWERING);
            auto.endpoint().receiveAck(bob.ack(ok));
            auto.awaitState(call, CallState.CONNECTED);
        }
    }
}
