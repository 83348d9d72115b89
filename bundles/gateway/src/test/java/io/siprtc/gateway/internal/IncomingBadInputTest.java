package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.sip.SipResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** INVITEs the gateway cannot take get a clean final response and leave no call behind. */
class IncomingBadInputTest {

    private final GatewayFixture gw = new GatewayFixture();
    private final FarEnd bob = new FarEnd("call-3@192.0.2.20");

    @AfterEach
    void stop() {
        gw.close();
    }

    /** The call the INVITE made: ENDED with this kind, nothing left running. */
    private CallEndReason endedCall(CallEndReason.Kind kind) {
        gw.sync();
        List<Call> all = gw.gateway.calls();
        assertEquals(List.of(), all, "no live call left");
        Call call = gw.gateway.call("c1").orElseThrow();
        gw.awaitState(call, CallState.ENDED);
        CallEndReason reason = call.endReason().orElseThrow();
        assertEquals(kind, reason.kind(), reason::toString);
        return reason;
    }

    private static String warning(SipResponse r) {
        return r.header("Warning").orElse("");
    }

    @Test
    void noMediaEngineGets503() {
        gw.gateway.unbindMediaEngine(gw.engine);
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite());
        invite.expect(503);
        CallEndReason reason = endedCall(CallEndReason.Kind.NO_MEDIA_ENGINE);
        assertEquals("503 no media engine is installed", reason.text());
        gw.sync();
        invite.assertNoMoreResponses();
    }

    @Test
    void engineThatCannotMakeASessionGets503() {
        gw.engine.createFailure = new MediaException("media engine is stopped", 503, null);
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite());
        invite.expect(503);
        CallEndReason reason = endedCall(CallEndReason.Kind.MEDIA_FAILED);
        assertTrue(reason.text().contains("media engine is stopped"), reason.text());
    }

    @Test
    void engineThatThrowsOnCreateSessionGets503() {
        gw.engine.createFailure = new IllegalStateException("native library not loaded");
        gw.endpoint().receive(bob.invite()).expect(503);
        endedCall(CallEndReason.Kind.MEDIA_FAILED);
    }

    @Test
    void offerlessInviteGets488() {
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite(null, null));
        SipResponse r = invite.expect(488);
        assertTrue(warning(r).contains("an SDP offer is required"), warning(r));
        endedCall(CallEndReason.Kind.NOT_ACCEPTABLE);
        gw.engine.nextSession().awaitClosed();
    }

    @Test
    void nonSdpBodyGets488() {
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite("text/plain", "hello"));
        invite.expect(488);
        endedCall(CallEndReason.Kind.NOT_ACCEPTABLE);
    }

    @Test
    void malformedSdpGets488WithoutTheEngineSeeingIt() {
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite("application/sdp",
                "v=0\r\no=- 1 1 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4\r\nt=0 0\r\nm=audio x RTP/AVP 0\r\n"));
        SipResponse r = invite.expect(488);
        assertTrue(warning(r).startsWith("399 siprtc \"SDP offer unusable: "), warning(r));
        CallEndReason reason = endedCall(CallEndReason.Kind.NOT_ACCEPTABLE);
        assertEquals(488, reason.sipStatus());
        FakeMediaSession media = gw.engine.nextSession();
        assertTrue(media.remoteDescriptions.isEmpty());
        media.awaitClosed();
    }

    @Test
    void offerTheEngineRejectsGets488() {
        gw.engine.script = s -> s.remote = d -> FakeMediaSession.failed(new MediaException("no common codec"));
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite());
        invite.expect(180);
        SipResponse r = invite.expect(488);
        assertTrue(warning(r).contains("no common codec"), warning(r));
        endedCall(CallEndReason.Kind.NOT_ACCEPTABLE);
        gw.engine.nextSession().awaitClosed();
    }

    @Test
    void engineThatThrowsOnTheOfferGets488() {
        gw.engine.script = s -> s.remote = d -> {
            throw new IllegalArgumentException("SDP has no fingerprint");
        };
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite());
        invite.expect(180);
        SipResponse r = invite.expect(488);
        assertTrue(warning(r).contains("SDP has no fingerprint"), warning(r));
        endedCall(CallEndReason.Kind.NOT_ACCEPTABLE);
        gw.engine.nextSession().awaitClosed();
    }

    @Test
    void engineTroubleOnTheOfferGetsTheEnginesStatus() {
        gw.engine.script = s -> s.remote = d -> FakeMediaSession.failed(new MediaException("out of ports", 503, null));
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite());
        invite.expect(180);
        invite.expect(503);
        CallEndReason reason = endedCall(CallEndReason.Kind.MEDIA_FAILED);
        assertEquals(503, reason.sipStatus());
        assertTrue(reason.text().contains("out of ports"), reason.text());
    }

    @Test
    void failedAnswerGets488() {
        gw.engine.script = s -> s.answer = () -> FakeMediaSession.failed(new MediaException("ICE gathering failed"));
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite());
        invite.expect(180);
        invite.expect(488);
        endedCall(CallEndReason.Kind.NOT_ACCEPTABLE);
    }
}
