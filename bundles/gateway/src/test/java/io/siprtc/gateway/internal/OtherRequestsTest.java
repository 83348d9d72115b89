package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests besides a plain INVITE and BYE: re-INVITE, stray ones, unknown methods, garbage. */
class OtherRequestsTest {

    private final GatewayFixture gw = new GatewayFixture();
    private final FarEnd bob = new FarEnd("call-4@192.0.2.20");

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void reInviteToOurCallLeavesOurCSeqAlone() throws Exception {
        GatewayFixture.Outgoing out = gw.connectedOutgoing();
        SipRequest reInvite = SipRequest.of("INVITE", FarEnd.ALICE)
                .withHeader("From", out.ack.header("To").orElseThrow())
                .withHeader("To", out.ack.header("From").orElseThrow())
                .withHeader("Call-ID", out.ack.callId())
                .withHeader("CSeq", "1 INVITE");
        gw.endpoint().receive(reInvite).expect(200); // an offerless re-INVITE: our offer in the 200 (ReinviteTest)

        gw.gateway.hangup(out.call.id());
        assertEquals(Optional.of("2 BYE"), gw.endpoint().nextRequest("BYE").request().header("CSeq"));
    }

    @Test
    void inDialogRequestsForUnknownDialogsGet481() {
        SipResponse fakeOk = SipResponse.to(bob.invite(), 200).withToTag("nosuchtag");
        gw.endpoint().receive(bob.inDialog("INVITE", fakeOk)).expect(481);
        gw.endpoint().receive(bob.inDialog("BYE", fakeOk)).expect(481);
        assertEquals(List.of(), gw.gateway.calls());
    }

    @Test
    void byeForAnEndedCallGets481() throws Exception {
        GatewayFixture.Incoming in = gw.connectedIncoming(bob);
        gw.endpoint().receive(bob.inDialog("BYE", in.ok)).expect(200);
        gw.awaitState(in.call, CallState.ENDED);
        gw.endpoint().receive(bob.inDialog("BYE", in.ok)).expect(481);
    }

    @Test
    void optionsGets200WithAllow() {
        SipResponse r = gw.endpoint().receive(bob.outOfDialog("OPTIONS")).expect(200);
        assertEquals(Optional.of(SipCapabilities.ALLOW), r.header("Allow"));
    }

    @Test
    void unknownMethodGets501WithAllow() {
        SipResponse r = gw.endpoint().receive(bob.outOfDialog("SUBSCRIBE")).expect(501);
        assertEquals(Optional.of(SipCapabilities.ALLOW), r.header("Allow"));
    }

    @Test
    void secondInviteWithTheSameCallIdGets482AndTheFirstRingsOn() {
        GatewayFixture.Incoming in = gw.ringingIncoming(bob);
        gw.endpoint().receive(bob.invite()).expect(482);
        gw.sync();
        assertEquals(CallState.INCOMING, in.call.state());
        assertEquals(1, gw.gateway.calls().size());
    }

    @Test
    void strayAckIsIgnored() {
        SipResponse fakeOk = SipResponse.to(bob.invite(), 200).withToTag("nosuchtag");
        gw.endpoint().receiveAck(bob.ack(fakeOk));
        gw.sync();
        assertEquals(List.of(), gw.gateway.calls());
    }

    @Test
    void malformedRequestIsLoggedAndNothingBreaks() {
        assertDoesNotThrow(() -> gw.endpoint().handler().onMalformed("192.0.2.66:5060",
                "bad CSeq header: 'INVITE INVITE'"));
        assertDoesNotThrow(() -> gw.endpoint().handler().onMalformed(null, null));
        gw.sync();
        assertEquals(List.of(), gw.gateway.calls());
        gw.endpoint().assertNothingSent();

        gw.ringingIncoming(bob); // and the next good INVITE is served as usual
    }

    @Test
    void inviteWhileTheGatewayIsDetachedGets503() {
        gw.gateway.unbindUserAgent(gw.account);
        SipResponse r = gw.endpoint().receive(bob.invite()).expect(503);
        assertTrue(r.header("Retry-After").isPresent());
        assertEquals(List.of(), gw.gateway.accounts());
    }
}
