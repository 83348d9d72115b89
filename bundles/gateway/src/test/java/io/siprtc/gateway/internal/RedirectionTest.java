package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.GatewayFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 3xx to alice's INVITE: followed to the next Contact, with a loop check and a limit. */
class RedirectionTest {

    private final GatewayFixture gw = new GatewayFixture();

    @AfterEach
    void stop() {
        gw.close();
    }

    private static SipResponse redirect(FakeClientTransaction tx, int status, String... contacts) {
        SipResponse r = tx.response(status);
        for (String c : contacts) {
            r = r.addHeader("Contact", c);
        }
        return r;
    }

    @Test
    void aMovedTemporarilyIsFollowedAndTheCallConnects() throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction first = gw.endpoint().nextRequest("INVITE");
        first.respond(redirect(first, 302, "<sip:carol@192.0.2.30:5080>"));

        FakeClientTransaction second = gw.endpoint().nextRequest("INVITE");
        SipRequest again = second.request();
        assertEquals("sip:carol@192.0.2.30:5080", again.requestUri());
        assertEquals(first.request().callId(), again.callId());
        assertEquals(first.request().header("From"), again.header("From"), "same From tag");
        assertEquals(first.request().header("To"), again.header("To"), "To stays the original target");
        assertEquals(first.request().cseqNumber() + 1, again.cseqNumber());
        assertEquals(first.request().bodyText(), again.bodyText(), "same offer");

        second.respond(180);
        gw.awaitState(call, CallState.RINGING);
        second.answer(Sdps.FAR_END_ANSWER);
        SipRequest ack = gw.endpoint().nextAck();
        assertEquals(again.cseqNumber(), ack.cseqNumber());
        gw.awaitState(call, CallState.CONNECTED);
        assertTrue(gw.events.lines(call.id()).contains("SIP_SENT INVITE sip:carol@192.0.2.30:5080 (redirected)"),
                gw.events.lines(call.id())::toString);
        assertEquals(1, gw.engine.openSessions(), "one media session for the whole call");
        assertTrue(!media.isClosed());
    }

    @Test
    void theHighestQIsTriedFirst() throws Exception {
        Call call = gw.dial(BOB);
        gw.engine.nextSession();
        FakeClientTransaction first = gw.endpoint().nextRequest("INVITE");
        first.respond(redirect(first, 301, "<sip:low@192.0.2.31>;q=0.1, <tel:+15551234>;q=1.0",
                "\"Hi, there\" <sip:high@192.0.2.32>;q=0.9"));
        assertEquals("sip:high@192.0.2.32", gw.endpoint().nextRequest("INVITE").request().requestUri());
        gw.gateway.hangup(call.id());
    }

    @Test
    void aLoopBackToATriedTargetEndsTheCall() throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction first = gw.endpoint().nextRequest("INVITE");
        first.respond(redirect(first, 302, "<sip:carol@192.0.2.30>"));
        FakeClientTransaction second = gw.endpoint().nextRequest("INVITE");
        second.respond(redirect(second, 302, "<" + BOB + ">"));

        gw.awaitState(call, CallState.ENDED);
        CallEndReason reason = call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.UNAVAILABLE, reason.kind(), reason::toString);
        assertEquals(302, reason.sipStatus());
        assertTrue(reason.text().contains("redirection loop"), reason.text());
        assertTrue(media.isClosed());
        assertEquals(List.of(), gw.liveCallIds());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void theLimitEndsAnEndlessChainOfNewTargets() throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction tx = gw.endpoint().nextRequest("INVITE");
        for (int i = 1; i <= Redirection.MAX_REDIRECTS; i++) {
            tx.respond(redirect(tx, 302, "<sip:hop" + i + "@192.0.2.40>"));
            tx = gw.endpoint().nextRequest("INVITE");
            assertEquals("sip:hop" + i + "@192.0.2.40", tx.request().requestUri());
        }
        tx.respond(redirect(tx, 302, "<sip:hop99@192.0.2.40>"));

        gw.awaitState(call, CallState.ENDED);
        CallEndReason reason = call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.UNAVAILABLE, reason.kind());
        assertEquals(302, reason.sipStatus());
        assertTrue(reason.text().contains("too many redirections"), reason.text());
        assertTrue(media.isClosed());
        assertEquals(List.of(), gw.liveCallIds());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void aRedirectWithoutSipContactEndsTheCall() throws Exception {
        Call call = gw.dial(BOB);
        gw.engine.nextSession();
        FakeClientTransaction first = gw.endpoint().nextRequest("INVITE");
        first.respond(redirect(first, 380, "<tel:+15551234>"));
        gw.awaitState(call, CallState.ENDED);
        CallEndReason reason = call.endReason().orElseThrow();
        assertEquals(380, reason.sipStatus());
        assertTrue(reason.text().contains("no SIP Contact"), reason.text());
    }

    @Test
    void hangingUpWhileRedirectedCancelsTheNewInvite() throws Exception {
        Call call = gw.dial(BOB);
        gw.engine.nextSession();
        FakeClientTransaction first = gw.endpoint().nextRequest("INVITE");
        first.respond(redirect(first, 302, "<sip:carol@192.0.2.30>"));
        FakeClientTransaction second = gw.endpoint().nextRequest("INVITE");
        second.respond(180);
        gw.awaitState(call, CallState.RINGING);
        gw.gateway.hangup(call.id());
        second.awaitCancel();
        second.respond(487);
        gw.awaitState(call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, call.endReason().orElseThrow().kind());
        assertTrue(!first.isCancelled());
    }

    @Test
    void stepsAreCountedPerCall() {
        Redirection r = new Redirection("sip:bob@h", 1);
        SipResponse moved = SipResponse.to(SipRequest.of("INVITE", "sip:bob@h").withHeader("CSeq", "1 INVITE")
                .withHeader("Call-ID", "c").withHeader("From", "<sip:a@h>;tag=1").withHeader("To", "<sip:bob@h>"), 302)
                .withHeader("Contact", "<sip:x@h>");
        assertEquals("sip:x@h", r.next(moved).target());
        assertEquals(1, r.followed());
        Redirection.Step stop = r.next(moved);
        assertNull(stop.target());
        assertTrue(stop.endReason().text().startsWith("302 "), stop.endReason().text());
    }
}
