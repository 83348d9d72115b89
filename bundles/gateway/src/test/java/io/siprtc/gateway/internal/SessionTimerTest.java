package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session timers (RFC 4028) with virtual time: what we ask for, 422 and Min-SE, refreshes by
 * UPDATE or re-INVITE when we are the refresher, BYE when the far end fails to refresh, and what
 * we grant to the far end's INVITE.
 */
class SessionTimerTest {

    private final ManualScheduler clock = new ManualScheduler();
    private GatewayFixture fx;

    private GatewayFixture fixture(Map<String, Object> config) {
        fx = new GatewayFixture(config);
        fx.gateway.useCallTimers(clock);
        return fx;
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void ourInviteAsksForTheConfiguredIntervalAndA422RaisesIt() throws CallException {
        fixture(Map.of("session_expires", 600));
        Call call = fx.dial(GatewayFixture.BOB);
        FakeClientTransaction invite = fx.endpoint().nextRequest("INVITE");
        SipRequest req = invite.request();
        assertEquals("timer", req.header("Supported").orElseThrow());
        assertEquals("600", req.header("Session-Expires").orElseThrow());
        assertEquals("90", req.header("Min-SE").orElseThrow());

        invite.respond(invite.response(422).withHeader("Min-SE", "1200"));
        FakeClientTransaction again = fx.endpoint().nextRequest("INVITE");
        assertEquals("2 INVITE", again.request().header("CSeq").orElseThrow());
        assertEquals("1200", again.request().header("Session-Expires").orElseThrow());
        assertEquals(invite.request().callId(), again.request().callId());

        // A second 422 that asks for no more than we offered ends the call: no loop.
        again.respond(again.response(422).withHeader("Min-SE", "1200"));
        fx.awaitState(call, CallState.ENDED);
        assertEquals(422, call.endReason().orElseThrow().sipStatus());
    }

    @Test
    void asRefresherWeSendUpdateAtHalfTheIntervalWhenTheFarEndAllowsIt() throws CallException {
        fixture(Map.of("session_expires", 600));
        Call call = fx.dial(GatewayFixture.BOB);
        FakeClientTransaction invite = fx.endpoint().nextRequest("INVITE");
        invite.respond(invite.response(200).withHeader("Session-Expires", "120;refresher=uac")
                .withHeader("Allow", "INVITE, ACK, BYE, CANCEL, UPDATE")
                .withBody("application/sdp", Sdps.FAR_END_ANSWER.getBytes(StandardCharsets.UTF_8)));
        fx.endpoint().nextAck();
        fx.awaitState(call, CallState.CONNECTED);
        fx.sync();
        assertEquals(60_000, clock.nextTimerIn(), "refresh at half of 120 s");

        clock.advance(60_000);
        FakeClientTransaction update = fx.endpoint().nextRequest("UPDATE");
        assertEquals("120;refresher=uac", update.request().header("Session-Expires").orElseThrow());
        assertTrue(!update.request().hasBody(), "a refresh UPDATE carries no SDP");
        update.respond(update.response(200).withHeader("Session-Expires", "120;refresher=uac"));
        fx.events.awaitEvent(call.id(), CallEvent.Type.RENEGOTIATED, "session refreshed (UPDATE)");
        fx.sync();
        assertEquals(60_000, clock.nextTimerIn(), "the next refresh armed");
        clock.advance(60_000);
        fx.endpoint().nextRequest("UPDATE").respond(501);
        // UPDATE refused: refresh by re-INVITE instead.
        FakeClientTransaction reinvite = fx.endpoint().nextRequest("INVITE");
        assertEquals("120;refresher=uac", reinvite.request().header("Session-Expires").orElseThrow());
        reinvite.respond(reinvite.response(200).withHeader("Session-Expires", "120;refresher=uac")
                .withBody("application/sdp", Sdps.FAR_END_ANSWER.getBytes(StandardCharsets.UTF_8)));
        fx.endpoint().nextAck();
        fx.events.awaitEvent(call.id(), CallEvent.Type.RENEGOTIATED, "session refresh done");
        assertEquals(CallState.CONNECTED, call.state());
    }

    @Test
    void withoutUpdateInAllowWeRefreshByReinvite() throws CallException {
        fixture(Map.of("session_expires", 300));
        GatewayFixture.Outgoing out = fx.connectedOutgoing(); // its 200 has no Session-Expires: we refresh ourselves
        fx.sync();
        assertEquals(150_000, clock.nextTimerIn());
        clock.advance(150_000);
        FakeClientTransaction reinvite = fx.endpoint().nextRequest("INVITE");
        assertEquals("300;refresher=uac", reinvite.request().header("Session-Expires").orElseThrow());
        reinvite.answer(Sdps.FAR_END_ANSWER);
        fx.endpoint().nextAck();
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.RENEGOTIATED, "session refresh done");
    }

    @Test
    void whenTheFarEndRefreshesAndDoesNotWeHangUpBeforeTheSessionExpires() throws CallException {
        fixture(Map.of("session_expires", 600));
        Call call = fx.dial(GatewayFixture.BOB);
        FakeClientTransaction invite = fx.endpoint().nextRequest("INVITE");
        invite.respond(invite.response(200).withHeader("Session-Expires", "120;refresher=uas")
                .withBody("application/sdp", Sdps.FAR_END_ANSWER.getBytes(StandardCharsets.UTF_8)));
        fx.endpoint().nextAck();
        fx.awaitState(call, CallState.CONNECTED);
        fx.sync();
        assertEquals(88_000, clock.nextTimerIn(), "BYE at 120 - min(32, 120/3) s (RFC 4028 section 10)");
        clock.advance(88_000);
        fx.endpoint().nextRequest("BYE").respond(200);
        fx.awaitState(call, CallState.ENDED);
        CallEndReason r = call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.TIMEOUT, r.kind());
        assertTrue(r.text().contains("session expired"), r.text());
    }

    @Test
    void anIncomingInviteAskingTooLittleGets422WithOurMinSe() {
        fixture(Map.of("min_se", 120));
        FarEnd bob = new FarEnd("se-small@192.0.2.20");
        FakeServerTransaction invite = fx.endpoint().receive(bob.invite().withHeader("Session-Expires", "100")
                .withHeader("Supported", "timer"));
        SipResponse r = invite.expect(422);
        assertEquals("120", r.header("Min-SE").orElseThrow());
    }

    @Test
    void weGrantTheCallersIntervalWithItAsRefresherAndExpectItsRefreshes() throws CallException {
        fixture(Map.of());
        FarEnd bob = new FarEnd("se-grant@192.0.2.20");
        FakeServerTransaction invite = fx.endpoint().receive(bob.invite().withHeader("Session-Expires", "300")
                .withHeader("Supported", "timer"));
        invite.expect(180);
        Call call = fx.gateway.calls().get(0);
        fx.gateway.answer(call.id());
        SipResponse ok = invite.expect(200);
        assertEquals("300;refresher=uac", ok.header("Session-Expires").orElseThrow());
        assertEquals("timer", ok.header("Require").orElseThrow());
        fx.endpoint().receiveAck(bob.ack(ok));
        fx.awaitState(call, CallState.CONNECTED);
        fx.sync();
        assertEquals(268_000, clock.nextTimerIn(), "300 - 32 s");

        clock.advance(200_000);
        SipResponse refreshed = fx.endpoint().receive(bob.inDialog("UPDATE", ok)
                .withHeader("Session-Expires", "300;refresher=uac").withHeader("Supported", "timer")).expect(200);
        assertEquals("300;refresher=uac", refreshed.header("Session-Expires").orElseThrow());
        fx.sync();
        assertEquals(268_000, clock.nextTimerIn(), "the refresh restarted the expiry");
        assertEquals(CallState.CONNECTED, call.state());
    }

    @Test
    void aCallerWithoutTimerSupportGetsUsAsRefresher() throws CallException {
        fixture(Map.of("session_expires", 1800));
        FarEnd bob = new FarEnd("se-uas@192.0.2.20");
        FakeServerTransaction invite = fx.endpoint().receive(bob.invite());
        invite.expect(180);
        Call call = fx.gateway.calls().get(0);
        fx.gateway.answer(call.id());
        SipResponse ok = invite.expect(200);
        assertEquals("1800;refresher=uas", ok.header("Session-Expires").orElseThrow());
        assertTrue(ok.header("Require").isEmpty());
        fx.endpoint().receiveAck(bob.ack(ok));
        fx.awaitState(call, CallState.CONNECTED);
        fx.sync();
        assertEquals(900_000, clock.nextTimerIn());
    }
}
