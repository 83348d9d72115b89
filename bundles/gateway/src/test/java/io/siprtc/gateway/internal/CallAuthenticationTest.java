package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls through a proxy that wants credentials (RFC 3261 section 22): the INVITE and the BYE
 * re-sent with them, new CSeq, same Call-ID and tags; refused credentials end the call once.
 */
class CallAuthenticationTest {

    private static final String PASSWORD = "call-pa55";
    private static final String BOB = "sip:bob@siprtc.test";
    /** Not registering, all calls by an outbound proxy. */
    private static final Map<String, Object> VIA_PROXY = Map.of("domain", "siprtc.test", "_password", PASSWORD,
            "register", false, "outbound_proxy", "proxy.siprtc.test");

    private GatewayFixture gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    private static void challenge(FakeClientTransaction tx, boolean proxy, String nonce) {
        tx.respond(TestRegistrar.challenge(tx.request(), proxy, nonce, "SHA-256", false));
    }

    @Test
    void inviteChallengedBy407IsResentWithCredentials() throws Exception {
        gw = new GatewayFixture(VIA_PROXY);
        Call call = gw.dial("bob");
        FakeClientTransaction first = gw.endpoint().nextRequest("INVITE");
        SipRequest q1 = first.request();
        assertEquals(BOB, q1.requestUri(), "a user name is completed with the account's domain");
        assertEquals(Optional.of("<sip:proxy.siprtc.test;lr>"), q1.header("Route"), "by the outbound proxy");
        assertEquals(Optional.of("1 INVITE"), q1.header("CSeq"));
        assertFalse(q1.header("Proxy-Authorization").isPresent());

        challenge(first, true, "p1");
        FakeClientTransaction second = gw.endpoint().nextRequest("INVITE");
        SipRequest q2 = second.request();
        assertEquals(Optional.of("2 INVITE"), q2.header("CSeq"), "a new CSeq");
        assertEquals(q1.callId(), q2.callId());
        assertEquals(q1.header("From"), q2.header("From"), "same From tag");
        assertEquals(q1.header("To"), q2.header("To"));
        assertEquals(q1.header("Route"), q2.header("Route"));
        assertTrue(Arrays.equals(q1.body(), q2.body()), "same offer");
        TestRegistrar.verify(q2, true, "alice", PASSWORD, "p1", "SHA-256");

        second.respond(180);
        gw.awaitState(call, CallState.RINGING);
        second.answer(Sdps.FAR_END_ANSWER);
        SipRequest ack = gw.endpoint().nextAck();
        assertEquals(Optional.of("2 ACK"), ack.header("CSeq"), "the ACK carries the INVITE's CSeq");
        gw.awaitState(call, CallState.CONNECTED);
        assertTrue(gw.events.lines(call.id()).contains("SIP_RECEIVED 407 Proxy Authentication Required"), () -> gw.events.lines(call.id()).toString());
        assertTrue(gw.events.lines(call.id()).contains("SIP_SENT INVITE " + BOB + " (with credentials)"));

        gw.gateway.hangup(call.id());
        SipRequest bye = gw.endpoint().nextRequest("BYE").request();
        assertEquals(Optional.of("3 BYE"), bye.header("CSeq"), "in-dialog CSeq goes on from the last INVITE");
        assertFalse(bye.header("Route").isPresent(), "in the dialog only the route set counts (none recorded)");
    }

    /** One call through the proxy, challenged with nonce p1 and connected, then hung up. */
    private void callChallengedOnce() throws Exception {
        Call call = gw.dial("bob");
        challenge(gw.endpoint().nextRequest("INVITE"), true, "p1");
        FakeClientTransaction second = gw.endpoint().nextRequest("INVITE");
        second.answer(Sdps.FAR_END_ANSWER);
        gw.awaitState(call, CallState.CONNECTED);
        gw.gateway.hangup(call.id());
        gw.endpoint().nextRequest("BYE").respond(200);
        gw.awaitState(call, CallState.ENDED);
    }

    @Test
    void theNextInviteCarriesCredentialsForTheProxysLastChallengeAtOnce() throws Exception {
        gw = new GatewayFixture(VIA_PROXY);
        callChallengedOnce();

        Call call = gw.dial("bob");
        FakeClientTransaction first = gw.endpoint().nextRequest("INVITE");
        Map<String, String> p = TestRegistrar.verify(first.request(), true, "alice", PASSWORD, "p1", "SHA-256");
        assertEquals("00000002", p.get("nc"), "the nonce's second use");
        first.answer(Sdps.FAR_END_ANSWER);
        gw.awaitState(call, CallState.CONNECTED);
        assertFalse(gw.events.lines(call.id()).stream().anyMatch(l -> l.contains("407")), "no round trip for a challenge");
    }

    @Test
    void aProxyThatNoLongerTakesTheNonceChallengesAndIsAnswered() throws Exception {
        gw = new GatewayFixture(VIA_PROXY);
        callChallengedOnce();

        Call call = gw.dial("bob");
        FakeClientTransaction first = gw.endpoint().nextRequest("INVITE");
        TestRegistrar.verify(first.request(), true, "alice", PASSWORD, "p1", "SHA-256");
        challenge(first, true, "p2"); // not stale: a one-time nonce, say; not a refusal of fresh credentials
        FakeClientTransaction second = gw.endpoint().nextRequest("INVITE");
        TestRegistrar.verify(second.request(), true, "alice", PASSWORD, "p2", "SHA-256");
        second.answer(Sdps.FAR_END_ANSWER);
        gw.awaitState(call, CallState.CONNECTED);
    }

    @Test
    void aFarEndsChallengeIsNotAnsweredInAdvanceAndNeitherIsACallStraightToItsTarget() throws Exception {
        gw = new GatewayFixture(VIA_PROXY);
        Call call = gw.dial("bob");
        challenge(gw.endpoint().nextRequest("INVITE"), false, "w1"); // bob's own 401
        gw.endpoint().nextRequest("INVITE").answer(Sdps.FAR_END_ANSWER);
        gw.awaitState(call, CallState.CONNECTED);
        gw.dial("bob");
        SipRequest next = gw.endpoint().nextRequest("INVITE").request();
        assertFalse(next.header("Authorization").isPresent(), "the next INVITE may reach another user agent");
        gw.close();

        gw = new GatewayFixture(Map.of("domain", "siprtc.test", "_password", PASSWORD, "register", false));
        gw.dial("bob");
        challenge(gw.endpoint().nextRequest("INVITE"), true, "p1");
        gw.endpoint().nextRequest("INVITE").answer(Sdps.FAR_END_ANSWER);
        gw.dial("bob");
        assertFalse(gw.endpoint().nextRequest("INVITE").request().header("Proxy-Authorization").isPresent(),
                "no outbound proxy or registrar: the INVITE goes straight to its target, which did not challenge");
    }

    @Test
    void aFarEnd401IsAnsweredWithAuthorization() throws Exception {
        gw = new GatewayFixture(VIA_PROXY);
        Call call = gw.dial("bob");
        challenge(gw.endpoint().nextRequest("INVITE"), false, "w1");
        FakeClientTransaction second = gw.endpoint().nextRequest("INVITE");
        TestRegistrar.verify(second.request(), false, "alice", PASSWORD, "w1", "SHA-256");
        assertFalse(second.request().header("Proxy-Authorization").isPresent());
        second.answer(Sdps.FAR_END_ANSWER);
        gw.awaitState(call, CallState.CONNECTED);
    }

    @Test
    void refusedCredentialsEndTheCallWithoutAThirdInvite() throws Exception {
        gw = new GatewayFixture(VIA_PROXY);
        Call call = gw.dial("bob");
        challenge(gw.endpoint().nextRequest("INVITE"), true, "p1");
        challenge(gw.endpoint().nextRequest("INVITE"), true, "p2");
        gw.awaitState(call, CallState.ENDED);
        CallEndReason reason = call.endReason().orElseThrow();
        assertEquals(407, reason.sipStatus());
        assertTrue(reason.text().startsWith("407 Proxy Authentication Required: authentication failed"), reason.text());
        assertFalse(reason.text().contains(PASSWORD));
        gw.sync();
        gw.endpoint().assertNothingSent();
        gw.engine.nextSession().awaitClosed();
    }

    @Test
    void withoutPasswordAChallengeEndsTheCall() throws Exception {
        gw = new GatewayFixture(Map.of());
        Call call = gw.dial(GatewayFixture.BOB);
        challenge(gw.endpoint().nextRequest("INVITE"), true, "p1");
        gw.awaitState(call, CallState.ENDED);
        assertTrue(call.endReason().orElseThrow().text().contains("no password configured for user alice"),
                call.endReason().toString());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void aChallengedByeIsResentWithCredentials() throws Exception {
        gw = new GatewayFixture(VIA_PROXY);
        Call call = gw.dial("bob");
        FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
        invite.answer(Sdps.FAR_END_ANSWER, "<sip:proxy.siprtc.test;lr>");
        gw.endpoint().nextAck();
        gw.awaitState(call, CallState.CONNECTED);

        gw.gateway.hangup(call.id());
        FakeClientTransaction bye = gw.endpoint().nextRequest("BYE");
        assertEquals(Optional.of("2 BYE"), bye.request().header("CSeq"));
        assertEquals(Optional.of("<sip:proxy.siprtc.test;lr>"), bye.request().header("Route"), "the recorded route");
        challenge(bye, true, "b1");
        FakeClientTransaction again = gw.endpoint().nextRequest("BYE");
        SipRequest b2 = again.request();
        assertEquals(Optional.of("3 BYE"), b2.header("CSeq"));
        assertEquals(bye.request().callId(), b2.callId());
        assertEquals(SipMessage.tagOf(bye.request().header("To").orElseThrow()), SipMessage.tagOf(b2.header("To").orElseThrow()));
        TestRegistrar.verify(b2, true, "alice", PASSWORD, "b1", "SHA-256");
        assertEquals(CallState.ENDING, call.state());
        again.respond(200);
        gw.awaitState(call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, call.endReason().orElseThrow().kind());
    }

    @Test
    void aByeRefusedTwiceStillEndsTheCall() throws Exception {
        gw = new GatewayFixture(VIA_PROXY);
        Call call = gw.dial("bob");
        gw.endpoint().nextRequest("INVITE").answer(Sdps.FAR_END_ANSWER);
        gw.endpoint().nextAck();
        gw.awaitState(call, CallState.CONNECTED);
        gw.gateway.hangup(call.id());
        challenge(gw.endpoint().nextRequest("BYE"), true, "b1");
        challenge(gw.endpoint().nextRequest("BYE"), true, "b2");
        gw.awaitState(call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, call.endReason().orElseThrow().kind());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void hangingUpAfterTheChallengeCancelsTheNewInvite() throws Exception {
        gw = new GatewayFixture(VIA_PROXY);
        Call call = gw.dial("bob");
        challenge(gw.endpoint().nextRequest("INVITE"), true, "p1");
        FakeClientTransaction second = gw.endpoint().nextRequest("INVITE");
        second.respond(180);
        gw.awaitState(call, CallState.RINGING);
        gw.gateway.hangup(call.id());
        second.awaitCancel();
        second.respond(SipResponse.to(second.request(), 487));
        gw.awaitState(call, CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, call.endReason().orElseThrow().kind());
    }

    @Test
    void aRegisteringAccountCallsByItsRegistrar() throws Exception {
        gw = new GatewayFixture(Map.of("domain", "siprtc.test", "_password", PASSWORD));
        FakeClientTransaction register = gw.endpoint().nextRequest("REGISTER");
        register.respond(SipResponse.to(register.request(), 200).withHeader("Expires", "600"));
        Call call = gw.dial("bob");
        SipRequest invite = gw.endpoint().nextRequest("INVITE").request();
        assertEquals(BOB, invite.requestUri());
        assertEquals(Optional.of("<sip:siprtc.test;lr>"), invite.header("Route"));
        assertEquals("sip:alice@siprtc.test", SipMessage.uriOf(invite.header("From").orElseThrow()));
        assertEquals(Optional.of("<sip:alice@127.0.0.1:5070>"), invite.header("Contact"));
        gw.gateway.hangup(call.id());
        gw.endpoint().sendFailure = "closing"; // the unregistration on close is not this test's business
    }
}
