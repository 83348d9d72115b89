package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.GatewayFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Engines come and go under live calls; sessions fail under them. */
class MediaEngineSwapTest {

    private final GatewayFixture gw = new GatewayFixture();

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void bindingAnEnginePreparesItForEachAccount() {
        MediaSessionConfig prepared = gw.engine.prepared.get(0);
        assertEquals("127.0.0.1", prepared.address());
        assertEquals(440, prepared.toneHz());
    }

    @Test
    void liveCallKeepsItsSessionWhenTheEngineGoes() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        gw.gateway.unbindMediaEngine(gw.engine);
        gw.sync();
        assertEquals(CallState.CONNECTED, out.call.state());
        assertFalse(out.media.isClosed(), "the session belongs to the call, not to the binding");

        Call next = gw.dial(BOB);
        assertEquals(CallEndReason.Kind.NO_MEDIA_ENGINE, next.endReason().orElseThrow().kind());
        gw.endpoint().receive(new FarEnd("during@192.0.2.20").invite()).expect(503);

        gw.gateway.hangup(out.call.id());
        gw.endpoint().nextRequest("BYE").respond(200);
        gw.awaitState(out.call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, out.call.endReason().orElseThrow().kind());
        assertTrue(out.media.isClosed());
    }

    @Test
    void swappedEngineServesTheNextCall() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        FakeMediaEngine second = new FakeMediaEngine();
        gw.gateway.bindMediaEngine(second); // DS with a greedy reference: bind the new one, then unbind the old
        gw.gateway.unbindMediaEngine(gw.engine);

        gw.dial(BOB);
        second.nextSession();
        gw.engine.assertNoSession();
        gw.sync();
        assertEquals(CallState.CONNECTED, out.call.state());
        assertFalse(out.media.isClosed());

        gw.gateway.unbindMediaEngine(gw.engine); // a late unbind of the old engine keeps the new one
        gw.dial(BOB);
        second.nextSession();
    }

    @Test
    void failedMediaConnectionHangsUpWithMediaFailed() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        out.media.fireIceState(MediaState.Ice.FAILED);
        out.media.fireConnectionState(MediaState.Connection.FAILED);

        FakeClientTransaction bye = gw.endpoint().nextRequest("BYE");
        gw.awaitState(out.call, CallState.ENDING);
        bye.respond(200);
        CallEvent ended = gw.events.awaitState(out.call.id(), CallState.ENDED);
        CallEndReason reason = out.call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        // the fake engine cannot restart ICE (IceRestartTest covers the engines that can)
        assertEquals("media connection failed; ICE restart failed: the media engine made no offer:"
                + " this media engine cannot restart ICE", reason.text());
        assertEquals(reason.toString(), ended.detail());
        assertTrue(gw.events.lines(out.call.id()).contains("MEDIA ICE failed"));
    }

    @Test
    void failedMediaConnectionWhenNoByeCanBeSentStillSaysMediaFailed() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        gw.endpoint().sendFailure = "endpoint gone";
        out.media.fireConnectionState(MediaState.Connection.FAILED);

        CallEvent ended = gw.events.awaitState(out.call.id(), CallState.ENDED);
        CallEndReason reason = out.call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertEquals(reason.toString(), ended.detail(), "listeners and Call agree on why it ended");
        assertTrue(out.media.isClosed());
    }

    @Test
    void failedMediaBeforeTheAnswerIsLeftToSignalling() throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
        media.fireConnectionState(MediaState.Connection.FAILED);
        invite.respond(180);
        gw.awaitState(call, CallState.RINGING);
        gw.sync();
        assertEquals(CallState.RINGING, call.state());
    }

    @Test
    void sessionClosedByTheEngineHangsUpALiveCall() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        out.media.fireConnectionState(MediaState.Connection.CLOSED); // the engine bundle was stopped

        FakeClientTransaction bye = gw.endpoint().nextRequest("BYE");
        bye.respond(200);
        gw.events.awaitState(out.call.id(), CallState.ENDED);
        CallEndReason reason = out.call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertEquals("media engine closed the session", reason.text());
        assertEquals(0, gw.engine.openSessions());
    }

    @Test
    void sessionClosedByTheEngineRejectsARingingIncomingCallWith503() throws Exception {
        GatewayFixture.Incoming in = gw.ringingIncoming(new FarEnd("carol@192.0.2.30"));
        in.media.fireConnectionState(MediaState.Connection.CLOSED);

        in.invite.expect(503);
        gw.awaitState(in.call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, in.call.endReason().orElseThrow().kind());
    }

    @Test
    void sessionClosedByTheEngineCancelsAnUnansweredOutgoingCall() throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
        invite.respond(180);
        gw.awaitState(call, CallState.RINGING);
        media.fireConnectionState(MediaState.Connection.CLOSED);

        invite.awaitCancel();
        invite.respond(487);
        gw.awaitState(call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, call.endReason().orElseThrow().kind());
    }

    @Test
    void ourOwnCloseAtHangUpIsNotAMediaFailure() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        gw.gateway.hangup(out.call.id());
        out.media.fireConnectionState(MediaState.Connection.CLOSED); // what the engine reports after our close
        gw.endpoint().nextRequest("BYE").respond(200);
        gw.awaitState(out.call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, out.call.endReason().orElseThrow().kind());
        assertEquals(0, gw.engine.openSessions());
    }
}
