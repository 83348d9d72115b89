package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mute and video off through the CallService: the call's media session does it, no SIP is sent. */
class MuteTest {

    private final GatewayFixture fx = new GatewayFixture(Map.of("session_expires", 0));

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void muteAndVideoOffReachTheMediaSessionWithoutRenegotiation() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        fx.gateway.setMuted(out.call.id(), true);
        assertEquals("mute true", out.media.nextCall());
        assertTrue(out.call.isMuted());
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.MEDIA, "muted");
        fx.gateway.setVideoMuted(out.call.id(), true);
        assertEquals("video mute true", out.media.nextCall());
        assertTrue(out.call.isVideoMuted());
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.MEDIA, "video muted");
        fx.gateway.setMuted(out.call.id(), false);
        assertEquals("mute false", out.media.nextCall());
        assertFalse(out.call.isMuted());
        assertTrue(out.call.isVideoMuted(), "audio and video are apart");
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.MEDIA, "unmuted");
        fx.sync();
        fx.endpoint().assertNothingSent();
    }

    @Test
    void anIncomingCallCanBeMutedBeforeItIsAnswered() throws CallException {
        GatewayFixture.Incoming in = fx.ringingIncoming(new FarEnd("mute-ringing@192.0.2.20"));
        fx.gateway.setMuted(in.call.id(), true);
        assertEquals("mute true", in.media.nextCall());
        assertTrue(in.call.isMuted());
    }

    @Test
    void aFailingEngineIsReportedAndTheStateStaysAsItWas() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        out.media.mute = () -> FakeMediaSession.failed(new MediaException("session closed", 487, null));
        CallException e = assertThrows(CallException.class, () -> fx.gateway.setMuted(out.call.id(), true));
        assertTrue(e.getMessage().contains("mute failed: session closed"), e.getMessage());
        assertFalse(out.call.isMuted());
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.MEDIA, "mute failed: session closed");
    }

    @Test
    void anEndedOrUnknownCallIsRefused() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        fx.gateway.hangup(out.call.id());
        fx.endpoint().nextRequest("BYE").respond(200);
        fx.events.awaitState(out.call.id(), CallState.ENDED);
        assertThrows(CallException.class, () -> fx.gateway.setMuted(out.call.id(), true));
        assertThrows(CallException.class, () -> fx.gateway.setVideoMuted("no-such-call", true));
    }
}
