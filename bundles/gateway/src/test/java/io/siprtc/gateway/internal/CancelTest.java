package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.GatewayFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.SessionDescription;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alice hangs up before bob answers. */
class CancelTest {

    private final GatewayFixture gw = new GatewayFixture();

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void hangupWhileRingingCancelsAndThe487EndsTheCall() throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
        invite.respond(180);
        gw.awaitState(call, CallState.RINGING);

        gw.gateway.hangup(call.id());
        invite.awaitCancel();
        gw.awaitState(call, CallState.ENDING);
        media.awaitClosed();

        invite.respond(487);
        gw.awaitState(call, CallState.ENDED);
        CallEndReason reason = call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, reason.kind());
        assertEquals(487, reason.sipStatus());
        assertEquals(List.of(), gw.liveCallIds());
        gw.sync();
        gw.endpoint().assertNothingSent();
        assertEquals(List.of(
                "MEDIA creating offer",
                "SIP_SENT INVITE " + BOB,
                "SIP_RECEIVED 180 Ringing",
                "STATE_CHANGED CALLING->RINGING",
                "STATE_CHANGED RINGING->ENDING",
                "SIP_SENT CANCEL",
                "SIP_RECEIVED 487 Request Terminated",
                "STATE_CHANGED ENDING->ENDED"), gw.events.lines(call.id()));
    }

    @Test
    void twoHundredCrossingTheCancelIsAckedThenByed() throws Exception {
        Call call = gw.dial(BOB);
        FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
        invite.respond(180);
        gw.awaitState(call, CallState.RINGING);
        gw.gateway.hangup(call.id());
        invite.awaitCancel();

        invite.answer(Sdps.FAR_END_ANSWER);
        assertEquals(Optional.of("1 ACK"), gw.endpoint().nextAck().header("CSeq"));
        FakeClientTransaction bye = gw.endpoint().nextRequest("BYE");
        assertEquals(Optional.of("2 BYE"), bye.request().header("CSeq"));
        assertEquals(FakeClientTransaction.FAR_CONTACT, bye.request().requestUri());

        bye.respond(200);
        gw.awaitState(call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, call.endReason().orElseThrow().kind());
    }

    @Test
    void hangupBeforeTheOfferIsReadySendsNothing() throws Exception {
        CompletableFuture<SessionDescription> offer = new CompletableFuture<>();
        gw.engine.script = s -> s.offer = () -> offer;
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();

        gw.gateway.hangup(call.id());
        gw.awaitState(call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, call.endReason().orElseThrow().kind());
        assertTrue(media.isClosed());

        offer.complete(SessionDescription.offer(Sdps.WEBRTC_OFFER));
        gw.sync();
        gw.endpoint().assertNothingSent();
        assertEquals(CallState.ENDED, call.state());
    }

    @Test
    void hangupOfAnEndedCallChangesNothing() throws Exception {
        Call call = gw.dial(BOB);
        gw.endpoint().nextRequest("INVITE").respond(486);
        gw.awaitState(call, CallState.ENDED);
        gw.gateway.hangup(call.id());
        gw.sync();
        gw.endpoint().assertNothingSent();
        assertEquals(CallEndReason.Kind.BUSY, call.endReason().orElseThrow().kind());
    }
}
