package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.GatewayFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallListener;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alice calls bob: dial, ringing, answer, hang-up. */
class OutgoingCallTest {

    private final GatewayFixture gw = new GatewayFixture();

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void dialMakesAnOfferAndSendsItConvertedForSip() throws Exception {
        Call call = gw.dial(BOB);
        assertEquals(CallDirection.OUTGOING, call.direction());
        assertEquals(BOB, call.remoteUri());
        assertEquals("sip:alice@127.0.0.1:5070", call.localUri());
        assertEquals(TestAccounts.ALICE, call.accountId());

        FakeMediaSession media = gw.engine.nextSession();
        assertEquals(call.id(), media.config.label());
        assertEquals("127.0.0.1", media.config.address());
        assertEquals(440, media.config.toneHz());

        SipRequest invite = gw.endpoint().nextRequest("INVITE").request();
        assertEquals(BOB, invite.requestUri());
        assertEquals("<" + BOB + ">", invite.header("To").orElseThrow(), "no To tag on an initial INVITE");
        String from = invite.header("From").orElseThrow();
        assertEquals("sip:alice@127.0.0.1:5070", SipMessage.uriOf(from));
        assertNotNull(SipMessage.tagOf(from));
        assertEquals(Optional.of("1 INVITE"), invite.header("CSeq"));
        assertEquals(Optional.of("<sip:alice@127.0.0.1:5070>"), invite.header("Contact"));
        assertTrue(invite.callId().endsWith("@127.0.0.1"), invite.callId());
        assertEquals(Optional.of("application/sdp"), invite.header("Content-Type"));

        String sdp = invite.bodyText();
        assertTrue(sdp.startsWith("v=0\r\n"), sdp);
        assertTrue(sdp.contains("\r\nm=audio 58545 UDP/TLS/RTP/SAVPF 111 "), "m= carries the default candidate:\n" + sdp);
        assertTrue(sdp.contains("\r\nc=IN IP4 127.0.0.1\r\n"), "c= carries the media address:\n" + sdp);
        assertTrue(sdp.contains("a=candidate:2406154622 1 udp 2113937151 127.0.0.1 58545 typ host"), sdp);
        assertTrue(sdp.contains("\r\na=end-of-candidates\r\n"), sdp);
        assertFalse(sdp.contains("0.0.0.0"), "no unspecified address left:\n" + sdp);
        assertFalse(sdp.contains("trickle"), "a SIP offer is not trickled:\n" + sdp);
        assertFalse(sdp.contains("fd00::2"), "only the media address is advertised:\n" + sdp);
        assertTrue(sdp.contains("a=fingerprint:sha-256 3A:1F"), "DTLS-SRTP kept:\n" + sdp);

        assertEquals(CallState.CALLING, call.state());
        assertEquals(List.of(call.id()), gw.liveCallIds());
    }

    @Test
    void ringingThenAnswerConnectsAndAcks() throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");

        invite.respond(100);
        invite.respond(180);
        gw.awaitState(call, CallState.RINGING);
        assertEquals(CallState.RINGING, call.state());

        invite.answer(Sdps.FAR_END_ANSWER, "<sip:p2.example.org;lr>", "<sip:p1.example.org;lr>");
        SessionDescription answer = Waits.take(media.remoteDescriptions, "the answer to reach the media engine");
        assertEquals(SessionDescription.Type.ANSWER, answer.type());
        assertEquals(Sdps.FAR_END_ANSWER, answer.sdp());

        SipRequest ack = gw.endpoint().nextAck();
        assertEquals(FakeClientTransaction.FAR_CONTACT, ack.requestUri(), "ACK goes to the 2xx's Contact");
        assertEquals(Optional.of("1 ACK"), ack.header("CSeq"));
        assertEquals(invite.request().callId(), ack.callId());
        assertEquals(invite.request().header("From"), ack.header("From"));
        assertEquals(FakeClientTransaction.FAR_TAG, SipMessage.tagOf(ack.header("To").orElseThrow()));
        assertEquals(List.of("<sip:p1.example.org;lr>", "<sip:p2.example.org;lr>"), ack.headerValues("Route"));

        gw.awaitState(call, CallState.CONNECTED);
        assertEquals(CallState.CONNECTED, call.state());
        assertEquals(FakeMediaSession.STATS, call.mediaStats());
        assertEquals(List.of(call.id()), gw.liveCallIds());
    }

    @Test
    void hangupSendsByeAndEndsWithLocalHangup() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();

        gw.gateway.hangup(out.call.id());
        FakeClientTransaction bye = gw.endpoint().nextRequest("BYE");
        gw.awaitState(out.call, CallState.ENDING);
        out.media.awaitClosed();
        SipRequest r = bye.request();
        assertEquals(FakeClientTransaction.FAR_CONTACT, r.requestUri());
        assertEquals(Optional.of("2 BYE"), r.header("CSeq"));
        assertEquals(out.invite.request().callId(), r.callId());
        assertEquals(out.invite.request().header("From"), r.header("From"));
        assertEquals(FakeClientTransaction.FAR_TAG, SipMessage.tagOf(r.header("To").orElseThrow()));

        bye.respond(200);
        gw.awaitState(out.call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, out.call.endReason().orElseThrow().kind());
        assertEquals(List.of(), gw.liveCallIds());
        assertTrue(gw.gateway.call(out.call.id()).isPresent(), "an ended call can still be looked up");
    }

    @Test
    void eventsReachListenersInOrder() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        gw.gateway.hangup(out.call.id());
        gw.endpoint().nextRequest("BYE").respond(200);
        gw.awaitState(out.call, CallState.ENDED);

        assertEquals(List.of(
                "MEDIA creating offer",
                "SIP_SENT INVITE " + BOB,
                "SIP_RECEIVED 180 Ringing",
                "STATE_CHANGED CALLING->RINGING",
                "SIP_RECEIVED 200 OK",
                "SIP_SENT ACK",
                "STATE_CHANGED RINGING->CONNECTED",
                "STATE_CHANGED CONNECTED->ENDING",
                "SIP_SENT BYE",
                "SIP_RECEIVED 200 OK (BYE)",
                "STATE_CHANGED ENDING->ENDED"), gw.events.lines(out.call.id()));
    }

    @Test
    void farEndByeEndsWithRemoteHangup() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        SipRequest bye = SipRequest.of("BYE", "sip:alice@127.0.0.1:5070")
                .withHeader("From", out.ack.header("To").orElseThrow())
                .withHeader("To", out.ack.header("From").orElseThrow())
                .withHeader("Call-ID", out.ack.callId())
                .withHeader("CSeq", "1 BYE");
        FakeServerTransaction tx = gw.endpoint().receive(bye);
        tx.expect(200);
        gw.awaitState(out.call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, out.call.endReason().orElseThrow().kind());
        out.media.awaitClosed();
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void retransmitted200IsAckedAgain() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        out.invite.answer(Sdps.FAR_END_ANSWER);
        SipRequest again = gw.endpoint().nextAck();
        assertEquals(out.ack.header("CSeq"), again.header("CSeq"));
        assertEquals(out.ack.requestUri(), again.requestUri());
        gw.sync();
        assertEquals(CallState.CONNECTED, out.call.state());
        assertEquals(1, out.media.remoteDescriptions.size(), "the answer is applied once");
    }

    @Test
    void failingListenerStopsNeitherTheCallNorOtherListeners() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean broken = new AtomicBoolean(true);
        CallListener failing = e -> {
            if (broken.get()) {
                failures.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        };
        gw.gateway.unbindCallListener(gw.events);
        gw.gateway.bindCallListener(failing);
        gw.gateway.bindCallListener(gw.events);
        Logger busLog = Logger.getLogger(EventBus.class.getName());
        busLog.setLevel(Level.OFF); // the expected "listener failed" traces
        try {
            GatewayFixture.Outgoing out = gw.connectedOutgoing();
            assertEquals(CallState.CONNECTED, out.call.state());
            assertEquals(7, gw.events.lines(out.call.id()).size(), gw.events.lines(out.call.id())::toString);
            assertEquals(7, failures.get(), "the failing listener got every event before the recorder did");
        } finally {
            broken.set(false);
            busLog.setLevel(null);
        }
    }
}
