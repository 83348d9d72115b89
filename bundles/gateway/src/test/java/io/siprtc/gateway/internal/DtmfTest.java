package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallException;
import io.siprtc.api.sip.SipRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DTMF: RFC 4733 through the engine when it can, SIP INFO otherwise, and INFO from the far end. */
class DtmfTest {

    private final GatewayFixture fx = new GatewayFixture(Map.of("session_expires", 0));

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void anEngineWithTelephoneEventsSendsRfc4733() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        out.media.dtmfCapable = true;
        fx.gateway.sendDtmf(out.call.id(), "12#*a");
        assertEquals("dtmf 12#*A", out.media.nextCall());
        fx.events.awaitEvent(out.call.id(), CallEvent.Type.DTMF, "sent 12#*A (RFC 4733)");
        fx.sync();
        fx.endpoint().assertNothingSent();
    }

    @Test
    void withoutTelephoneEventsEachToneGoesInItsOwnInfoInOrder() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        fx.gateway.sendDtmf(out.call.id(), "19#");
        for (String tone : new String[] {"1", "9", "#"}) {
            FakeClientTransaction info = fx.endpoint().nextRequest("INFO");
            SipRequest r = info.request();
            assertEquals("application/dtmf-relay", r.header("Content-Type").orElseThrow());
            assertEquals(tone, Dtmf.relaySignal(r.bodyText()));
            assertTrue(r.bodyText().contains("Duration="));
            fx.sync();
            fx.endpoint().assertNothingSent(); // the next tone waits for this one's 200
            info.respond(200);
            fx.events.awaitEvent(out.call.id(), CallEvent.Type.DTMF, "sent " + tone + " (INFO)");
        }
    }

    @Test
    void notDtmfIsRefusedBeforeAnythingIsSent() throws CallException {
        GatewayFixture.Outgoing out = fx.connectedOutgoing();
        CallException e = assertThrows(CallException.class, () -> fx.gateway.sendDtmf(out.call.id(), "12x"));
        assertTrue(e.getMessage().contains("'x' is not a DTMF tone"), e.getMessage());
        assertThrows(CallException.class, () -> fx.gateway.sendDtmf(out.call.id(), ""));
    }

    @Test
    void infoFromTheFarEndIsReportedAsDtmf() throws CallException {
        FarEnd bob = new FarEnd("dtmf-in@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        fx.endpoint().receive(info(bob, in, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")).expect(200);
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.DTMF, "received 5 (INFO)");
        fx.endpoint().receive(info(bob, in, "application/dtmf", "#")).expect(200);
        fx.events.awaitEvent(in.call.id(), CallEvent.Type.DTMF, "received # (INFO)");
    }

    @Test
    void badInfoGetsTheRightResponse() throws CallException {
        FarEnd bob = new FarEnd("dtmf-bad@192.0.2.20");
        GatewayFixture.Incoming in = fx.connectedIncoming(bob);
        assertTrue(fx.endpoint().receive(info(bob, in, "text/plain", "5")).expect(415)
                .header("Accept").orElseThrow().contains("application/dtmf-relay"));
        fx.endpoint().receive(info(bob, in, "application/dtmf-relay", "Signal=Z\r\n")).expect(400);
        fx.endpoint().receive(info(bob, in, "application/dtmf-relay", "Duration=100\r\n")).expect(400);
        fx.endpoint().receive(info(bob, in, "application/dtmf-relay", "Signal=5\r\n")
                .withHeader("Info-Package", "foo")).expect(469);
        fx.endpoint().receive(bob.inDialog("INFO", in.ok)).expect(200); // empty INFO: a keep-alive
    }

    private static SipRequest info(FarEnd bob, GatewayFixture.Incoming in, String type, String body) {
        return bob.inDialog("INFO", in.ok).withBody(type, body.getBytes(StandardCharsets.UTF_8));
    }
}
