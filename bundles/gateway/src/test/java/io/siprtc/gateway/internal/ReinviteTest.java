package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * re-INVITE and UPDATE in an established call (RFC 3261 section 14, RFC 3311, RFC 6337): hold and
 * resume by us, the far end's offers with and without SDP, refusals that leave the session as it
 * was, and glare (491 with the back-off of section 14.1).
 */
class ReinviteTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final GatewayFixture fx = new GatewayFixture(Map.of("session_expires", 0));

    {
        fx.gateway.useCallTimers(clock);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static String originVersion(SipMessage m) {
        for (String line : m.bodyText().split("\r?\n")) {
            if (line.startsWith("o=")) {
                return line.split(" ")[2];
            }
        }
        throw new AssertionError("no o= line in " + m.bodyText());
    }

    @Test
    void holdOffersSendonlyInAReinviteAndResumeSendrecv() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        fx.gateway.hold(out.call.id());
        assertEquals("direction SENDONLY", out.media.nextCall());
        FakeClientTransaction hold = fx.endpoint().nextRequest("INVITE");
        SipRequest req = hold.request();
        assertEquals("2 INVITE", req.header("CSeq").orElseThrow());
        assertEquals(FakeClientTransaction.FAR_TAG, SipMessage.tagOf(req.header("To").orElseThrow()));
        assertEquals(FakeClientTransaction.FAR_CONTACT, req.requestUri(), "in-dialog requests go to the remote target");
        long first = Long.parseLong(originVersion(out.invite.request()));
        assertEquals(first + 1, Long.parseLong(originVersion(req)), "o= version incremented on every new offer");
        assertFalse(out.call.isOnHold(), "on hold only once the far end accepted");

        hold.answer(Sdps.FAR_END_ANSWER);
        SipRequest ack = fx.endpoint().nextAck();
        assertEquals("2 ACK", ack.header("CSeq").orElseThrow());
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.HOLD, "on hold");
        assertTrue(out.call.isOnHold());
        assertEquals(CallState.CONNECTED, out.call.state());

        fx.gateway.resume(out.call.id());
        assertEquals("direction SENDRECV", out.media.nextCall());
        FakeClientTransaction resume = fx.endpoint().nextRequest("INVITE");
        assertEquals("3 INVITE", resume.request().header("CSeq").orElseThrow());
        assertEquals(first + 2, Long.parseLong(originVersion(resume.request())));
        resume.answer(Sdps.FAR_END_ANSWER);
        assertEquals("3 ACK", fx.endpoint().nextAck().header("CSeq").orElseThrow());
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.HOLD, "resumed");
        assertFalse(out.call.isOnHold());
    }

    @Test
    void aRefusedHoldRollsBackAndOffersTheAgreedSessionOnceMore() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        fx.gateway.hold(out.call.id());
        assertEquals("direction SENDONLY", out.media.nextCall());
        fx.endpoint().nextRequest("INVITE").respond(488);
        assertEquals("rollback", out.media.nextCall());
        assertEquals("direction SENDRECV", out.media.nextCall());
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.HOLD, "hold failed: 488");
        assertFalse(out.call.isOnHold());

        // The re-sync: one re-INVITE with the session as agreed (sendrecv).
        assertEquals("direction SENDRECV", out.media.nextCall());
        FakeClientTransaction resync = fx.endpoint().nextRequest("INVITE");
        assertEquals("3 INVITE", resync.request().header("CSeq").orElseThrow());
        resync.answer(Sdps.FAR_END_ANSWER);
        fx.endpoint().nextAck();
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.RENEGOTIATED, SessionModification.RESYNC + " done");
        assertEquals(CallState.CONNECTED, out.call.state());
        assertFalse(out.call.isOnHold());
    }

    @Test
    void aRefusedResyncIsNotTriedAgain() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        fx.gateway.hold(out.call.id());
        fx.endpoint().nextRequest("INVITE").respond(488);
        fx.endpoint().nextRequest("INVITE").respond(488);
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.RENEGOTIATED, SessionModification.RESYNC + " failed: 488");
        fx.sync();
        fx.endpoint().assertNothingSent();
        assertEquals(CallState.CONNECTED, out.call.state());
    }

    @Test
    void holdNeedsAConnectedCall() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        fx.gateway.hangup(out.call.id());
        CallException e = assertThrows(CallException.class, () -> fx.gateway.hold(out.call.id()));
        assertTrue(e.getMessage().contains("not CONNECTED"), e.getMessage());
    }

    @Test
    void a481ToOurReinviteEndsTheCallWithoutBye() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        fx.gateway.hold(out.call.id());
        fx.endpoint().nextRequest("INVITE").respond(481);
        fx.awaitState(out.call, CallState.ENDED);
        assertEquals(481, out.call.endReason().orElseThrow().sipStatus());
        fx.sync();
        fx.endpoint().assertNothingSent();
    }

    @Test
    void glareA491BringsARetryAfterTheBackoffAndTheirCrossingReinviteGets491() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        fx.gateway.hold(out.call.id());
        FakeClientTransaction ours = fx.endpoint().nextRequest("INVITE");

        // Their re-INVITE crosses ours: 491 (RFC 3261 section 14.2).
        SipRequest theirs = farEndRequest(out, "INVITE", 10).withBody("application/sdp",
                Sdps.FAR_END_OFFER.getBytes(StandardCharsets.UTF_8));
        fx.endpoint().receive(theirs).expect(491);

        ours.respond(491);
        assertEquals("direction SENDONLY", out.media.nextCall());
        assertEquals("rollback", out.media.nextCall());
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.RENEGOTIATED, "glare (491)");
        fx.sync();
        long wait = clock.nextTimerIn();
        assertTrue(wait >= 2100 && wait <= 4000, "the Call-ID owner waits 2.1 to 4 s, not " + wait);
        clock.advance(wait);
        FakeClientTransaction retry = fx.endpoint().nextRequest("INVITE");
        assertEquals("3 INVITE", retry.request().header("CSeq").orElseThrow());
        retry.answer(Sdps.FAR_END_ANSWER);
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.HOLD, "on hold");
    }

    /** A request from the far end in the dialog of our outgoing call. */
    private static SipRequest farEndRequest(GatewayFixture.Outgoing out, String method, long cseq) {
        SipRequest invite = out.invite.request();
        return SipRequest.of(method, invite.header("Contact").map(SipMessage::uriOf).orElseThrow())
                .withHeader("Via", "SIP/2.0/UDP 192.0.2.20:5072;branch=z9hG4bK-far" + cseq)
                .withHeader("From", invite.header("To").orElseThrow() + ";tag=" + FakeClientTransaction.FAR_TAG)
                .withHeader("To", invite.header("From").orElseThrow())
                .withHeader("Call-ID", invite.callId())
                .withHeader("CSeq", cseq + " " + method)
                .withHeader("Contact", "<" + FakeClientTransaction.FAR_CONTACT + ">")
                .withHeader("Max-Forwards", "70");
    }

    @Test
    void theFarEndPutsUsOnHoldAndResumes() throws CallException {
        FarEnd bob = new FarEnd("hold-1@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        in.media.remoteDescriptions.clear();

        String sendonly = Sdps.FAR_END_OFFER.replace("a=sendrecv", "a=sendonly");
        FakeServerTransaction hold = fx.endpoint().receive(bob.inDialog("INVITE", in.ok)
                .withBody("application/sdp", sendonly.getBytes(StandardCharsets.UTF_8)));
        SipResponse ok = hold.expect(200);
        assertEquals("application/sdp", ok.header("Content-Type").orElseThrow());
        assertEquals(SessionDescription.Type.OFFER, poll(in).type());
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.HOLD, "held by the far end");
        assertTrue(in.call.isHeldByRemote());
        fx.endpoint().receiveAck(bob.ack(ok).withHeader("CSeq", ok.cseqNumber() + " ACK"));

        FakeServerTransaction resume = fx.endpoint().receive(bob.inDialog("INVITE", in.ok)
                .withBody("application/sdp", Sdps.FAR_END_OFFER.getBytes(StandardCharsets.UTF_8)));
        SipResponse ok2 = resume.expect(200);
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.HOLD, "resumed by the far end");
        assertFalse(in.call.isHeldByRemote());
        assertNotEquals(ok.cseqNumber(), ok2.cseqNumber());
    }

    @Test
    void anOfferlessReinviteGetsOurOfferAndTheAckBringsTheAnswer() throws CallException {
        FarEnd bob = new FarEnd("offerless-1@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        in.media.remoteDescriptions.clear();
        FakeServerTransaction re = fx.endpoint().receive(bob.inDialog("INVITE", in.ok));
        SipResponse ok = re.expect(200);
        assertTrue(ok.bodyText().contains("m=audio"), "our offer in the 200");
        fx.endpoint().receiveAck(bob.ack(ok).withHeader("CSeq", ok.cseqNumber() + " ACK")
                .withBody("application/sdp", Sdps.FAR_END_ANSWER.getBytes(StandardCharsets.UTF_8)));
        assertEquals(SessionDescription.Type.ANSWER, poll(in).type());
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.RENEGOTIATED, "offer in our 2xx");
        assertEquals(CallState.CONNECTED, in.call.state());
    }

    @Test
    void anAckWithoutTheAnswerToOurOfferEndsTheCallWithBye() throws CallException {
        FarEnd bob = new FarEnd("offerless-2@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        SipResponse ok = fx.endpoint().receive(bob.inDialog("INVITE", in.ok)).expect(200);
        fx.endpoint().receiveAck(bob.ack(ok).withHeader("CSeq", ok.cseqNumber() + " ACK"));
        fx.endpoint().nextRequest("BYE").respond(200);
        fx.awaitState(in.call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, in.call.endReason().orElseThrow().kind());
    }

    @Test
    void anUnusableOfferGets488AndTheCallGoesOn() throws CallException {
        FarEnd bob = new FarEnd("bad-offer@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        FakeServerTransaction re = fx.endpoint().receive(bob.inDialog("INVITE", in.ok)
                .withBody("application/sdp", "v=0\r\nthis is not SDP\r\n".getBytes(StandardCharsets.UTF_8)));
        SipResponse refused = re.expect(488);
        assertTrue(refused.header("Warning").isPresent());
        fx.sync();
        assertEquals(CallState.CONNECTED, in.call.state());
    }

    @Test
    void theMediaEngineRefusingTheOfferGets488AndARollback() throws CallException {
        FarEnd bob = new FarEnd("engine-refuses@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        in.media.remote = d -> FakeMediaSession.failed(new io.siprtc.api.media.MediaException("no codec in common"));
        fx.endpoint().receive(bob.inDialog("INVITE", in.ok)
                .withBody("application/sdp", Sdps.FAR_END_OFFER.getBytes(StandardCharsets.UTF_8))).expect(488);
        assertEquals("rollback", in.media.nextCall());
        fx.sync();
        assertEquals(CallState.CONNECTED, in.call.state());
    }

    @Test
    void anOutOfOrderCSeqGets500() throws CallException {
        FarEnd bob = new FarEnd("cseq@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        SipRequest stale = bob.inDialog("INFO", in.ok).withHeader("CSeq", "1 INFO");
        fx.endpoint().receive(stale).expect(500);
    }

    @Test
    void anUpdateWithoutSdpIsASessionRefresh() throws CallException {
        FarEnd bob = new FarEnd("update@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        SipResponse ok = fx.endpoint().receive(bob.inDialog("UPDATE", in.ok)).expect(200);
        assertFalse(ok.hasBody());
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.RENEGOTIATED, "UPDATE");
    }

    @Test
    void anUpdateWithAnOfferIsAnsweredInIts200() throws CallException {
        FarEnd bob = new FarEnd("update-offer@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        in.media.remoteDescriptions.clear();
        SipResponse ok = fx.endpoint().receive(bob.inDialog("UPDATE", in.ok)
                .withBody("application/sdp", Sdps.FAR_END_OFFER.getBytes(StandardCharsets.UTF_8))).expect(200);
        assertTrue(ok.bodyText().contains("m=audio"));
        assertEquals(SessionDescription.Type.OFFER, poll(in).type());
    }

    @Test
    void inDialogRequestsForAnUnknownDialogGet481() {
        FarEnd bob = new FarEnd("nobody@192.0.2.20");
        SipResponse ours = SipResponse.to(bob.invite(), 200).withToTag("gone");
        for (String m : new String[] {"INVITE", "UPDATE", "INFO", "REFER", "NOTIFY"}) {
            fx.endpoint().receive(bob.inDialog(m, ours)).expect(481);
        }
    }

    private static SessionDescription poll(GatewayFixture.Incoming in) {
        try {
            SessionDescription d = in.media.remoteDescriptions.poll(5, TimeUnit.SECONDS);
            if (d == null) {
                throw new AssertionError("no remote description reached the engine");
            }
            return d;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
