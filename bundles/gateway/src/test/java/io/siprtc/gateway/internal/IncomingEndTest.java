package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An incoming call that never connects: cancelled, rejected, hung up while ringing. */
class IncomingEndTest {

    private final GatewayFixture gw = new GatewayFixture();
    private final FarEnd bob = new FarEnd("call-2@192.0.2.20");

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void cancelBeforeAnswerGets487AndEndsCancelled() {
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);

        gw.endpoint().receiveCancel(in.invite);
        SipResponse terminated = in.invite.expect(487);
        assertEquals(in.ringing.header("To"), terminated.header("To"));
        gw.awaitState(in.call, CallState.ENDED);
        CallEndReason reason = in.call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.CANCELLED, reason.kind());
        assertEquals(487, reason.sipStatus());
        in.media.awaitClosed();
        assertEquals(List.of(), gw.liveCallIds());
        assertThrows(CallException.class, () -> gw.gateway.answer(in.call.id()), "a cancelled call cannot be answered");
    }

    @Test
    void byeInTheEarlyDialogEndsTheInviteWith487() {
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);

        gw.endpoint().receive(bob.inDialog("BYE", in.ringing)).expect(200);
        in.invite.expect(487); // RFC 3261 section 15.1.2: the INVITE must not be left without a final response
        gw.awaitState(in.call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, in.call.endReason().orElseThrow().kind());
        in.media.awaitClosed();
        gw.sync();
        in.invite.assertNoMoreResponses();
    }

    @Test
    void cancelForAnUnknownInviteStillGets487() {
        FakeServerTransaction stray = new FakeServerTransaction(new FarEnd("nobody@192.0.2.20").invite());
        gw.endpoint().receiveCancel(stray);
        stray.expect(487);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"486, BUSY", "603, REJECTED", "480, REJECTED"})
    void rejectSendsTheStatusAndEnds(int status, CallEndReason.Kind kind) throws Exception {
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);

        gw.gateway.reject(in.call.id(), status);
        SipResponse r = in.invite.expect(status);
        assertEquals(SipMessage.tagOf(in.ringing.header("To").orElseThrow()), SipMessage.tagOf(r.header("To").orElseThrow()));
        gw.awaitState(in.call, CallState.ENDED);
        CallEndReason reason = in.call.endReason().orElseThrow();
        assertEquals(kind, reason.kind());
        assertEquals(status, reason.sipStatus());
        in.media.awaitClosed();
        assertEquals(List.of(), gw.liveCallIds());
    }

    @Test
    void rejectNeedsAFailureStatusAndARingingCall() throws Exception {
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);
        CallException e = assertThrows(CallException.class, () -> gw.gateway.reject(in.call.id(), 200));
        assertTrue(e.getMessage().contains("4xx, 5xx or 6xx"), e.getMessage());
        assertEquals(CallState.INCOMING, in.call.state());

        gw.gateway.answer(in.call.id());
        in.invite.expect(200);
        gw.awaitState(in.call, CallState.ANSWERING);
        e = assertThrows(CallException.class, () -> gw.gateway.reject(in.call.id(), 486));
        assertTrue(e.getMessage().contains("is ANSWERING, not INCOMING"), e.getMessage());
        assertThrows(CallException.class, () -> gw.gateway.answer(in.call.id()));
        assertThrows(CallException.class, () -> gw.gateway.answer("c999"));
    }

    @Test
    void hangupWhileRingingDeclinesWith603() throws Exception {
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);
        gw.gateway.hangup(in.call.id());
        in.invite.expect(603);
        gw.awaitState(in.call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, in.call.endReason().orElseThrow().kind());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void twoHundredThatCannotBeSentEndsTheCall() throws Exception {
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);
        in.invite.respondFailure = "transaction terminated";
        gw.gateway.answer(in.call.id());
        gw.awaitState(in.call, CallState.ENDED);
        CallEndReason reason = in.call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.ERROR, reason.kind());
        assertEquals("200 OK not sent: transaction terminated", reason.text());
        in.media.awaitClosed();
    }
}
