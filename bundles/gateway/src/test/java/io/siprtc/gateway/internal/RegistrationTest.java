package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The REGISTER state machine against a scripted registrar, on virtual time: digest, refresh,
 * stale nonces, refused credentials, back-off, 423, unregistration and keep-alive.
 */
class RegistrationTest {

    private static final String PASSWORD = "pa55-w0rd";
    private static final String AOR = "sip:alice@siprtc.test";
    private static final String CONTACT = "sip:alice@127.0.0.1:5070";

    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeSipEndpoint endpoint = new FakeSipEndpoint(new SipEndpointConfig("alice", "127.0.0.1", 5070, Set.of()), null);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private int cnonces;

    private Registration registration(Map<String, Object> overrides) {
        Map<String, Object> v = new HashMap<>(Map.of("domain", "siprtc.test", "_password", PASSWORD));
        v.putAll(overrides);
        AccountSettings s = AccountSettings.of(TestAccounts.alice(v), 5070);
        return new Registration(s, endpoint::send, scheduler,
                new DigestClient(s.authUser(), s.password(), () -> "cn" + ++cnonces),
                new RegistrationBackoff(() -> 1.0), new Ids(),
                (from, to, detail, status) -> events.add(from + "->" + to + " " + status + " " + detail));
    }

    private Registration registration() {
        return registration(Map.of());
    }

    private static SipResponse ok(FakeClientTransaction tx, int expires) {
        return SipResponse.to(tx.request(), 200).withToTag("reg1")
                .addHeader("Contact", "<sip:alice@192.0.2.9:5060>;expires=3600")
                .addHeader("Contact", "<" + CONTACT + ">;expires=" + expires);
    }

    private static void challenge(FakeClientTransaction tx, String nonce, boolean stale) {
        tx.respond(TestRegistrar.challenge(tx.request(), false, nonce, "SHA-256", stale));
    }

    private static Map<String, String> verify(FakeClientTransaction tx, String nonce) {
        return TestRegistrar.verify(tx.request(), false, "alice", PASSWORD, nonce, "SHA-256");
    }

    /** Registered through one challenge (nonce n1), granted 300 s. */
    private Registration registered() {
        Registration r = registration();
        r.start();
        challenge(endpoint.nextRequest("REGISTER"), "n1", false);
        FakeClientTransaction second = endpoint.nextRequest("REGISTER");
        second.respond(ok(second, 300));
        assertEquals(RegistrationState.REGISTERED, r.state());
        return r;
    }

    @Test
    void registersWithDigestCredentials() {
        Registration r = registration();
        r.start();
        assertEquals(RegistrationState.REGISTERING, r.state());
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        SipRequest q = first.request();
        assertEquals("sip:siprtc.test", q.requestUri());
        assertEquals("<" + AOR + ">", q.header("To").orElseThrow());
        assertEquals(AOR, SipMessage.uriOf(q.header("From").orElseThrow()));
        String fromTag = SipMessage.tagOf(q.header("From").orElseThrow());
        assertNotNull(fromTag);
        assertEquals(Optional.of("1 REGISTER"), q.header("CSeq"));
        assertEquals(Optional.of("<" + CONTACT + ">"), q.header("Contact"));
        assertEquals(Optional.of("600"), q.header("Expires"));
        assertFalse(q.header("Authorization").isPresent(), "nothing to answer yet");

        challenge(first, "n1", false);
        FakeClientTransaction second = endpoint.nextRequest("REGISTER");
        SipRequest q2 = second.request();
        assertEquals(Optional.of("2 REGISTER"), q2.header("CSeq"), "a new CSeq for the request with credentials");
        assertEquals(q.callId(), q2.callId(), "one Call-ID for all REGISTERs");
        assertEquals(fromTag, SipMessage.tagOf(q2.header("From").orElseThrow()));
        assertEquals("00000001", verify(second, "n1").get("nc"));

        second.respond(ok(second, 300));
        assertEquals(RegistrationState.REGISTERED, r.state());
        assertEquals("registered for 300 s", r.detail(), "the expiry of our own Contact");
        assertEquals(List.of("NONE->REGISTERING 0 registering at sip:siprtc.test",
                "REGISTERING->REGISTERED 200 registered for 300 s"), events);
        assertFalse(q2.headers().toString().contains(PASSWORD));
    }

    @Test
    void refreshesBeforeTheGrantedExpiryWithTheCachedNonce() {
        Registration r = registered();
        assertEquals(240_000, scheduler.nextTimerIn(), "a minute before the 300 s run out");
        scheduler.advance(239_999);
        endpoint.assertNothingSent();
        scheduler.advance(1);
        FakeClientTransaction refresh = endpoint.nextRequest("REGISTER");
        assertEquals(Optional.of("3 REGISTER"), refresh.request().header("CSeq"));
        assertEquals("00000002", verify(refresh, "n1").get("nc"), "the nonce is reused, counted on");

        // This time the registrar grants through Expires only.
        refresh.respond(SipResponse.to(refresh.request(), 200).withHeader("Expires", "40"));
        assertEquals(RegistrationState.REGISTERED, r.state());
        assertEquals("registered for 40 s", r.detail());
        assertEquals(20_000, scheduler.nextTimerIn(), "half-way for short expiries");
        assertEquals(2, events.size(), "a refresh is no state change");
    }

    @Test
    void aStaleNonceOnRefreshIsNotAFailure() {
        Registration r = registered();
        scheduler.advance(240_000);
        FakeClientTransaction refresh = endpoint.nextRequest("REGISTER");
        challenge(refresh, "n2", true);
        FakeClientTransaction again = endpoint.nextRequest("REGISTER");
        assertEquals("00000001", verify(again, "n2").get("nc"));
        again.respond(ok(again, 300));
        assertEquals(RegistrationState.REGISTERED, r.state());
        assertEquals(2, events.size(), () -> "no failure on the way: " + events);
    }

    @Test
    void aForgottenNonceOnRefreshIsAnsweredToo() {
        Registration r = registered();
        scheduler.advance(240_000);
        FakeClientTransaction refresh = endpoint.nextRequest("REGISTER");
        challenge(refresh, "n3", false); // the registrar restarted: new nonce, no stale flag
        FakeClientTransaction again = endpoint.nextRequest("REGISTER");
        verify(again, "n3");
        again.respond(ok(again, 300));
        assertEquals(RegistrationState.REGISTERED, r.state());
    }

    @Test
    void wrongPasswordFailsAfterTwoRegistersAndWaitsLong() {
        Registration r = registration();
        r.start();
        challenge(endpoint.nextRequest("REGISTER"), "n1", false);
        FakeClientTransaction second = endpoint.nextRequest("REGISTER");
        challenge(second, "n2", false); // fresh credentials challenged again: refused
        assertEquals(RegistrationState.AUTHENTICATION_FAILED, r.state());
        assertTrue(r.detail().startsWith("authentication failed: 401 Unauthorized for user alice"), r.detail());
        assertTrue(r.detail().endsWith("next attempt in 1800 s"), r.detail());
        assertEquals("REGISTERING->AUTHENTICATION_FAILED 401 " + r.detail(), events.get(1));
        endpoint.assertNothingSent();
        assertEquals(1_800_000, scheduler.nextTimerIn());

        scheduler.advance(1_799_999);
        endpoint.assertNothingSent();
        scheduler.advance(1);
        FakeClientTransaction retry = endpoint.nextRequest("REGISTER");
        assertFalse(retry.request().header("Authorization").isPresent(), "old nonces are forgotten after the long wait");
        assertEquals(RegistrationState.REGISTERING, r.state());
    }

    @Test
    void forbiddenForCredentialsIsAnAuthenticationFailure() {
        Registration r = registration();
        r.start();
        challenge(endpoint.nextRequest("REGISTER"), "n1", false);
        FakeClientTransaction second = endpoint.nextRequest("REGISTER");
        second.respond(SipResponse.to(second.request(), 403));
        assertEquals(RegistrationState.AUTHENTICATION_FAILED, r.state());
        assertTrue(r.detail().startsWith("authentication failed: 403 Forbidden for user alice"), r.detail());
    }

    @Test
    void forbiddenWithoutCredentialsIsAPlainFailure() {
        Registration r = registration();
        r.start();
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        first.respond(SipResponse.to(first.request(), 403));
        assertEquals(RegistrationState.FAILED, r.state());
        assertTrue(r.detail().startsWith("registrar answered 403 Forbidden"), r.detail());
    }

    @Test
    void noPasswordIsAnAuthenticationFailure() {
        Registration r = registration(Map.of("_password", ""));
        r.start();
        challenge(endpoint.nextRequest("REGISTER"), "n1", false);
        assertEquals(RegistrationState.AUTHENTICATION_FAILED, r.state());
        assertTrue(r.detail().startsWith("no password configured for user alice"), r.detail());
        endpoint.assertNothingSent();
    }

    @Test
    void failuresBackOffExponentiallyAndSuccessResetsTheCount() {
        Registration r = registration();
        r.start();
        endpoint.nextRequest("REGISTER").timeout();
        assertEquals(RegistrationState.FAILED, r.state());
        assertTrue(r.detail().startsWith("no answer from the registrar sip:siprtc.test (timer F)"), r.detail());
        assertEquals(30_000, scheduler.nextTimerIn());

        scheduler.advance(30_000);
        assertEquals(RegistrationState.REGISTERING, r.state());
        FakeClientTransaction second = endpoint.nextRequest("REGISTER");
        second.respond(SipResponse.to(second.request(), 503));
        assertEquals("registrar answered 503 Service Unavailable; next attempt in 60 s", r.detail());

        scheduler.advance(60_000);
        endpoint.nextRequest("REGISTER").transportError("connection refused");
        assertTrue(r.detail().startsWith("cannot reach the registrar sip:siprtc.test: connection refused"), r.detail());
        assertEquals(120_000, scheduler.nextTimerIn());

        scheduler.advance(120_000);
        FakeClientTransaction fourth = endpoint.nextRequest("REGISTER");
        fourth.respond(ok(fourth, 300));
        assertEquals(RegistrationState.REGISTERED, r.state());
        scheduler.advance(240_000);
        endpoint.nextRequest("REGISTER").timeout();
        assertEquals(30_000, scheduler.nextTimerIn(), "the count starts again after a success");
    }

    @Test
    void backOffIsBounded() {
        Registration r = registration();
        r.start();
        for (int i = 0; i < 12; i++) {
            endpoint.nextRequest("REGISTER").timeout();
            assertTrue(scheduler.nextTimerIn() <= RegistrationBackoff.MAX_MILLIS, () -> "wait " + scheduler.nextTimerIn());
            scheduler.advance(scheduler.nextTimerIn());
        }
        assertEquals(RegistrationState.REGISTERING, r.state());
    }

    @Test
    void intervalTooBriefIsFollowedOnce() {
        Registration r = registration(Map.of("expires", 60));
        r.start();
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        first.respond(SipResponse.to(first.request(), 423).withHeader("Min-Expires", "1800"));
        FakeClientTransaction second = endpoint.nextRequest("REGISTER");
        assertEquals(Optional.of("1800"), second.request().header("Expires"));
        second.respond(SipResponse.to(second.request(), 423).withHeader("Min-Expires", "3600"));
        assertEquals(RegistrationState.FAILED, r.state());
        assertTrue(r.detail().startsWith("registrar answered 423 Interval Too Brief (Min-Expires 3600)"), r.detail());
    }

    @Test
    void intervalTooBriefWithoutUsableMinExpiresFails() {
        Registration r = registration();
        r.start();
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        first.respond(SipResponse.to(first.request(), 423).withHeader("Min-Expires", "banana"));
        assertEquals(RegistrationState.FAILED, r.state());
        endpoint.assertNothingSent();
    }

    @Test
    void stopUnregistersWithExpiresZeroAndCredentials() {
        Registration r = registered();
        CompletableFuture<Void> done = r.stop();
        assertEquals(RegistrationState.UNREGISTERING, r.state());
        FakeClientTransaction unregister = endpoint.nextRequest("REGISTER");
        assertEquals(Optional.of("0"), unregister.request().header("Expires"));
        assertEquals(Optional.of("<" + CONTACT + ">"), unregister.request().header("Contact"), "only our binding, not *");
        verify(unregister, "n1");
        assertFalse(done.isDone());
        unregister.respond(SipResponse.to(unregister.request(), 200));
        assertTrue(done.isDone());
        assertEquals(RegistrationState.UNREGISTERED, r.state());
        assertEquals("unregistered", r.detail());
        assertEquals(-1, scheduler.nextTimerIn(), "no refresh left");
        r.start();
        r.refreshNow("test");
        endpoint.assertNothingSent();
    }

    @Test
    void unregistrationAnswersAChallenge() {
        Registration r = registered();
        CompletableFuture<Void> done = r.stop();
        FakeClientTransaction unregister = endpoint.nextRequest("REGISTER");
        challenge(unregister, "n7", true);
        FakeClientTransaction again = endpoint.nextRequest("REGISTER");
        assertEquals(Optional.of("0"), again.request().header("Expires"));
        verify(again, "n7");
        again.respond(SipResponse.to(again.request(), 200));
        assertTrue(done.isDone());
        assertEquals(RegistrationState.UNREGISTERED, r.state());
    }

    @Test
    void unansweredUnregistrationStillEnds() {
        Registration r = registered();
        CompletableFuture<Void> done = r.stop();
        endpoint.nextRequest("REGISTER").timeout();
        assertTrue(done.isDone());
        assertEquals(RegistrationState.UNREGISTERED, r.state());
        assertTrue(r.detail().startsWith("the registrar did not answer the unregistration"), r.detail());
    }

    @Test
    void stopWithoutBindingSendsNothing() {
        Registration never = registration();
        assertTrue(never.stop().isDone());
        assertEquals(RegistrationState.NONE, never.state());

        Registration failed = registration();
        failed.start();
        endpoint.nextRequest("REGISTER").timeout();
        assertTrue(failed.stop().isDone());
        assertEquals(RegistrationState.UNREGISTERED, failed.state());
        endpoint.assertNothingSent();
        assertEquals(-1, scheduler.nextTimerIn(), "the retry is cancelled");
    }

    @Test
    void stopWhileTheFirstRegisterIsUnderWayUnregistersToo() {
        Registration r = registration();
        r.start();
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        CompletableFuture<Void> done = r.stop();
        FakeClientTransaction unregister = endpoint.nextRequest("REGISTER");
        assertEquals(Optional.of("0"), unregister.request().header("Expires"));
        first.respond(ok(first, 300)); // late: ignored
        assertFalse(done.isDone());
        unregister.respond(SipResponse.to(unregister.request(), 200));
        assertTrue(done.isDone());
        assertEquals(RegistrationState.UNREGISTERED, r.state());
    }

    @Test
    void responsesOfEarlierRequestsAreIgnored() {
        Registration r = registration();
        r.start();
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        challenge(first, "n1", false);
        endpoint.nextRequest("REGISTER");
        first.respond(ok(first, 300));
        assertEquals(RegistrationState.REGISTERING, r.state(), "a 200 for CSeq 1 does not confirm CSeq 2");
    }

    @Test
    void provisionalResponsesChangeNothing() {
        Registration r = registration();
        r.start();
        endpoint.nextRequest("REGISTER").respond(100);
        assertEquals(RegistrationState.REGISTERING, r.state());
        endpoint.assertNothingSent();
    }

    @Test
    void aContactWithoutTimeIsAFailure() {
        Registration r = registration();
        r.start();
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        first.respond(ok(first, 0));
        assertEquals(RegistrationState.FAILED, r.state());
    }

    @Test
    void aRequestThatCannotBeSentIsAFailure() {
        endpoint.sendFailure = "no route to 192.0.2.1";
        Registration r = registration();
        r.start();
        assertEquals(RegistrationState.FAILED, r.state());
        assertTrue(r.detail().startsWith("cannot send REGISTER: no route to 192.0.2.1"), r.detail());
    }

    @Test
    void aBrokenConfigurationFailsWithoutSending() {
        Registration r = registration(Map.of("outbound_proxy", "mailto:x"));
        r.start();
        assertEquals(RegistrationState.FAILED, r.state());
        assertTrue(r.detail().startsWith("configuration: bad outbound proxy 'mailto:x'"), r.detail());
        endpoint.assertNothingSent();
        assertEquals(-1, scheduler.nextTimerIn(), "nothing to retry until the configuration changes");
    }

    @Test
    void refreshNowRegistersAtOnceButNotTwice() {
        Registration r = registered();
        r.refreshNow("endpoint reopened");
        FakeClientTransaction refresh = endpoint.nextRequest("REGISTER");
        r.refreshNow("again");
        endpoint.assertNothingSent();
        refresh.respond(ok(refresh, 300));
        assertEquals(RegistrationState.REGISTERED, r.state());
    }

    @Test
    void keepAlivePingsAndReRegistersWhenUnanswered() {
        Registration r = registration(Map.of("keep_alive_interval", 25));
        r.start();
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        first.respond(ok(first, 300));
        scheduler.advance(25_000);
        FakeClientTransaction ping = endpoint.nextRequest("OPTIONS");
        assertEquals("sip:siprtc.test", ping.request().requestUri());
        ping.respond(SipResponse.to(ping.request(), 405)); // any answer proves the path
        endpoint.assertNothingSent();
        scheduler.advance(25_000);
        endpoint.nextRequest("OPTIONS").timeout();
        FakeClientTransaction again = endpoint.nextRequest("REGISTER");
        again.respond(ok(again, 300));
        assertEquals(RegistrationState.REGISTERED, r.state());
        r.stop();
        FakeClientTransaction unregister = endpoint.nextRequest("REGISTER");
        unregister.respond(SipResponse.to(unregister.request(), 200));
        scheduler.advance(3_600_000);
        endpoint.assertNothingSent(); // keep-alive stopped with the registration
    }

    @Test
    void grantedExpiryReading() {
        SipRequest reg = SipRequest.of("REGISTER", "sip:x").withHeader("CSeq", "1 REGISTER");
        SipResponse r = SipResponse.to(reg, 200)
                .addHeader("Contact", "\"A, B\" <sip:alice@192.0.2.1>;expires=10, <sip:alice@127.0.0.1:5070;transport=udp>;q=0.5;EXPIRES=77")
                .withHeader("Expires", "99");
        assertEquals(77, Registration.grantedExpires(r, CONTACT, 600));
        assertEquals(99, Registration.grantedExpires(r, "sip:alice@127.0.0.1:5071", 600), "not ours: Expires");
        assertEquals(600, Registration.grantedExpires(SipResponse.to(reg, 200), CONTACT, 600), "nothing: what we asked");
        assertEquals(600, Registration.grantedExpires(SipResponse.to(reg, 200).withHeader("Expires", "-5"), CONTACT, 600));
        assertTrue(Registration.sameAddress("sip:alice@127.0.0.1:5060", "sip:alice@127.0.0.1"));
        assertFalse(Registration.sameAddress("sip:alice@127.0.0.1", "sip:bob@127.0.0.1"));
        assertFalse(Registration.sameAddress("not a uri", CONTACT));
        assertEquals(List.of("<a>", "\"x,y\" <b;p=1,2>"), Registration.splitList("<a>, \"x,y\" <b;p=1,2>,"));
    }

    @Test
    void refreshDelays() {
        assertEquals(540_000, Registration.refreshDelayMillis(600));
        assertEquals(3_540_000, Registration.refreshDelayMillis(3600));
        assertEquals(30_000, Registration.refreshDelayMillis(60));
        assertEquals(1_000, Registration.refreshDelayMillis(2));
    }
}
