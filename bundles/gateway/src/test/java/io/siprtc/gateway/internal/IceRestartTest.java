package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaState.Connection;
import io.siprtc.api.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Media that fails or stays disconnected in a live call gets an ICE restart offered in a
 * re-INVITE; the call goes on when the connection comes back, and ends as MEDIA_FAILED with the
 * reason when the restart is refused, cannot be made, or does not bring the media back in time.
 */
class IceRestartTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final GatewayFixture fx = new GatewayFixture(Map.of("session_expires", 0));

    {
        fx.gateway.useCallTimers(clock);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private GatewayFixture.Outgoing connected() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        out.media.iceRestartable = true;
        return out;
    }

    @Test
    void aFailedConnectionIsRestartedByReinviteAndTheCallGoesOn() throws CallException {
        GatewayFixture.Outgoing out = connected();
        out.media.fireConnectionState(Connection.FAILED);
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.MEDIA, "media connection failed: restarting ICE");
        fx.sync();
        clock.advance(0); // the caller restarts at once
        assertEquals("direction SENDRECV", out.media.nextCall());
        assertEquals("restart ICE", out.media.nextCall());
        FakeClientTransaction restart = fx.endpoint().nextRequest("INVITE");
        assertEquals("2 INVITE", restart.request().header("CSeq").orElseThrow());
        restart.answer(Sdps.FAR_END_ANSWER);
        fx.endpoint().nextAck();
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.RENEGOTIATED, IceRecovery.WHY + " done");

        out.media.fireConnectionState(Connection.CONNECTED);
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.MEDIA, "media recovered by an ICE restart");
        fx.sync();
        clock.advance(IceRecovery.RECOVERY_MS * 2);
        fx.sync();
        assertEquals(CallState.CONNECTED, out.call.state(), "the recovery deadline was cancelled");
        fx.endpoint().assertNothingSent();
    }

    @Test
    void aShortDisconnectionIsWaitedOutAndALongOneRestarts() throws CallException {
        GatewayFixture.Outgoing out = connected();
        out.media.fireConnectionState(Connection.DISCONNECTED);
        fx.sync();
        clock.advance(IceRecovery.DISCONNECTED_GRACE_MS - 1);
        out.media.fireConnectionState(Connection.CONNECTED); // consent came back by itself
        fx.sync();
        clock.advance(IceRecovery.DISCONNECTED_GRACE_MS * 2);
        fx.sync();
        fx.endpoint().assertNothingSent();

        out.media.fireConnectionState(Connection.DISCONNECTED);
        fx.sync();
        clock.advance(IceRecovery.DISCONNECTED_GRACE_MS);
        fx.sync();
        clock.advance(0);
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.MEDIA, "media connection lost: restarting ICE");
        FakeClientTransaction restart = fx.endpoint().nextRequest("INVITE");
        restart.answer(Sdps.FAR_END_ANSWER);
        fx.endpoint().nextAck();
        assertEquals(CallState.CONNECTED, out.call.state());
    }

    @Test
    void mediaThatDoesNotComeBackEndsTheCallWithTheReason() throws CallException {
        GatewayFixture.Outgoing out = connected();
        out.media.fireConnectionState(Connection.FAILED);
        fx.sync();
        clock.advance(0);
        FakeClientTransaction restart = fx.endpoint().nextRequest("INVITE");
        restart.answer(Sdps.FAR_END_ANSWER);
        fx.endpoint().nextAck();
        fx.sync();
        clock.advance(IceRecovery.RECOVERY_MS);
        fx.endpoint().nextRequest("BYE").respond(200);
        fx.events.awaitState(out.call.id(), CallState.ENDED);
        CallEndReason reason = out.call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertEquals("media connection failed; not recovered by an ICE restart within 10 s", reason.text());
    }

    @Test
    void aRefusedRestartEndsTheCallWithTheFarEndsAnswer() throws CallException {
        GatewayFixture.Outgoing out = connected();
        out.media.fireConnectionState(Connection.FAILED);
        fx.sync();
        clock.advance(0);
        fx.endpoint().nextRequest("INVITE").respond(488);
        fx.endpoint().nextRequest("BYE").respond(200);
        fx.events.awaitState(out.call.id(), CallState.ENDED);
        CallEndReason reason = out.call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertTrue(reason.text().startsWith("media connection failed; ICE restart failed: 488"), reason.text());
    }

    @Test
    void theCalleeLeavesTheRestartToTheCallerWhenItsOfferComesFirst() throws CallException {
        FarEnd bob = new FarEnd("ice-restart@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        in.media.iceRestartable = true;
        in.media.fireConnectionState(Connection.FAILED);
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.MEDIA, "media connection failed: restarting ICE");
        fx.sync();
        clock.advance(IceRecovery.CALLEE_DELAY_MS - 500);
        fx.sync();
        fx.endpoint().assertNothingSent();

        // the caller's restart offer (new ice-ufrag/pwd) arrives before our turn
        String restartOffer = Sdps.FAR_END_OFFER.replaceAll("a=ice-ufrag:\\S+", "a=ice-ufrag:new1")
                .replaceAll("a=ice-pwd:\\S+", "a=ice-pwd:restartedrestartedrestarted1");
        FakeServerTransaction re = fx.endpoint().receive(bob.inDialog("INVITE", in.ok)
                .withBody("application/sdp", restartOffer.getBytes(StandardCharsets.UTF_8)));
        SipResponse ok = re.expect(200);
        fx.endpoint().receiveAck(bob.ack(ok).withHeader("CSeq", ok.cseqNumber() + " ACK"));
        in.media.fireConnectionState(Connection.CONNECTED);
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.MEDIA, "media recovered by an ICE restart");
        fx.sync();
        clock.advance(IceRecovery.RECOVERY_MS * 2);
        fx.sync();
        fx.endpoint().assertNothingSent();
        assertEquals(CallState.CONNECTED, in.call.state());
    }

    @Test
    void aLinkThatKeepsFailingIsNotRestartedForever() throws CallException {
        GatewayFixture.Outgoing out = connected();
        for (int i = 0; i < IceRecovery.MAX_RESTARTS; i++) {
            out.media.fireConnectionState(Connection.FAILED);
            fx.sync();
            clock.advance(0);
            fx.endpoint().nextRequest("INVITE").answer(Sdps.FAR_END_ANSWER);
            fx.endpoint().nextAck();
            out.media.fireConnectionState(Connection.CONNECTED);
            fx.events.awaitEvent(out.call.id(), CallEvent.Type.MEDIA, "media recovered by an ICE restart");
        }
        out.media.fireConnectionState(Connection.FAILED);
        fx.endpoint().nextRequest("BYE").respond(200);
        fx.events.awaitState(out.call.id(), CallState.ENDED);
        assertEquals("media connection failed (3 ICE restarts already)", out.call.endReason().orElseThrow().text());
    }
}
