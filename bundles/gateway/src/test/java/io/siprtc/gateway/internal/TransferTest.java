package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Blind transfer (RFC 3515): our REFER and the NOTIFYs about it, and a REFER the far end sends us. */
class TransferTest {

    private static final String CAROL = "sip:carol@192.0.2.30:5074";
    private final GatewayFixture fx = new GatewayFixture(Map.of("session_expires", 0));

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aReferWhoseTargetAnswersEndsOurCall() throws CallException {
        FarEnd bob = new FarEnd("xfer-ok@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        fx.gateway.transfer(in.call.id(), CAROL);
        FakeClientTransaction refer = fx.endpoint().nextRequest("REFER");
        assertEquals("<" + CAROL + ">", refer.request().header("Refer-To").orElseThrow());
        assertTrue(refer.request().header("Referred-By").orElseThrow().contains("sip:alice@"));
        CallException twice = assertThrows(CallException.class, () -> fx.gateway.transfer(in.call.id(), CAROL));
        assertTrue(twice.getMessage().contains("already being transferred"));
        refer.respond(202);
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.TRANSFER, "accepted by the far end (202");

        fx.endpoint().receive(notify(bob, in.ok, "active;expires=60", "SIP/2.0 100 Trying")).expect(200);
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.TRANSFER, "target: SIP/2.0 100 Trying");
        fx.sync();
        assertEquals(CallState.CONNECTED, in.call.state());
        fx.endpoint().receive(notify(bob, in.ok, "terminated;reason=noresource", "SIP/2.0 200 OK")).expect(200);
        fx.endpoint().nextRequest("BYE").respond(200);
        fx.awaitState(in.call, CallState.ENDED);
        CallEndReason r = in.call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, r.kind());
        assertTrue(r.text().contains("transferred to " + CAROL), r.text());
    }

    @Test
    void aFailedTransferLeavesTheCallUp() throws CallException {
        FarEnd bob = new FarEnd("xfer-busy@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        fx.gateway.transfer(in.call.id(), CAROL);
        fx.endpoint().nextRequest("REFER").respond(202);
        fx.endpoint().receive(notify(bob, in.ok, "terminated;reason=noresource", "SIP/2.0 486 Busy Here")).expect(200);
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.TRANSFER, "failed: SIP/2.0 486 Busy Here");
        fx.sync();
        assertEquals(CallState.CONNECTED, in.call.state());
        fx.gateway.transfer(in.call.id(), CAROL); // another try is allowed
        fx.endpoint().nextRequest("REFER").respond(603);
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.TRANSFER, "refused: 603");
    }

    @Test
    void notifyWithoutOurReferOrForAnotherEventIsRefused() throws CallException {
        FarEnd bob = new FarEnd("xfer-none@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        fx.endpoint().receive(notify(bob, in.ok, "active", "SIP/2.0 200 OK")).expect(481);
        fx.endpoint().receive(notify(bob, in.ok, "active", "SIP/2.0 200 OK").withHeader("Event", "presence")).expect(489);
    }

    @Test
    void aReferFromTheFarEndCallsTheTargetAndReportsBackInNotifys() throws CallException {
        FarEnd bob = new FarEnd("xfer-in@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        fx.endpoint().receive(bob.inDialog("REFER", in.ok).withHeader("Refer-To", "<" + CAROL + ">")
                .withHeader("Referred-By", "<" + FarEnd.AOR + ">")).expect(202);

        FakeClientTransaction trying = fx.endpoint().nextRequest("NOTIFY");
        assertNotify(trying.request(), "active", "SIP/2.0 100 Trying");
        trying.respond(200);
        FakeClientTransaction carol = fx.endpoint().nextRequest("INVITE");
        assertEquals(CAROL, carol.request().requestUri());
        Call placed = fx.gateway.calls().stream().filter(c -> c.direction() == CallDirection.OUTGOING)
                .findFirst().orElseThrow();
        carol.respond(180);
        FakeClientTransaction ringing = fx.endpoint().nextRequest("NOTIFY");
        assertNotify(ringing.request(), "active", "SIP/2.0 180 Ringing");
        ringing.respond(200);
        carol.answer(Sdps.FAR_END_ANSWER);
        fx.awaitState(placed, CallState.CONNECTED);
        FakeClientTransaction done = fx.endpoint().nextRequest("NOTIFY");
        assertNotify(done.request(), "terminated", "SIP/2.0 200 OK");
        done.respond(200);
        assertEquals(in.ok.header("To").map(SipMessage::tagOf).orElseThrow(),
                SipMessage.tagOf(done.request().header("From").orElseThrow()), "NOTIFY in the original dialog");
    }

    @Test
    void aReferToAnUnreachableTargetReportsTheFailure() throws CallException {
        FarEnd bob = new FarEnd("xfer-in-fail@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        fx.endpoint().receive(bob.inDialog("REFER", in.ok).withHeader("Refer-To", "<" + CAROL + ">")).expect(202);
        fx.endpoint().nextRequest("NOTIFY").respond(200);
        fx.endpoint().nextRequest("INVITE").respond(486);
        FakeClientTransaction failed = fx.endpoint().nextRequest("NOTIFY");
        assertNotify(failed.request(), "terminated", "SIP/2.0 486 Busy Here");
    }

    @Test
    void badRefersGetTheRightResponse() throws CallException {
        FarEnd bob = new FarEnd("xfer-bad@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        fx.endpoint().receive(bob.inDialog("REFER", in.ok)).expect(400);
        fx.endpoint().receive(bob.inDialog("REFER", in.ok).withHeader("Refer-To", "<tel:+4930123>")).expect(416);
        fx.endpoint().receive(bob.inDialog("REFER", in.ok)
                .withHeader("Refer-To", "<" + CAROL + "?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2>")).expect(501);
        fx.sync();
        fx.endpoint().assertNothingSent();
    }

    private static void assertNotify(SipRequest n, String state, String statusLine) {
        assertEquals("refer", n.header("Event").orElseThrow());
        assertTrue(n.header("Subscription-State").orElseThrow().startsWith(state), n.toString());
        assertTrue(n.header("Content-Type").orElseThrow().startsWith("message/sipfrag"));
        assertEquals(statusLine, n.bodyText().trim());
    }

    private static SipRequest notify(FarEnd bob, SipResponse ours, String state, String frag) {
        return bob.inDialog("NOTIFY", ours).withHeader("Event", "refer").withHeader("Subscription-State", state)
                .withBody("message/sipfrag;version=2.0", (frag + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
