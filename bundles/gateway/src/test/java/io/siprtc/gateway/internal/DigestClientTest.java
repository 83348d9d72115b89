package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Answering challenges: realm by realm, the strongest algorithm, nonce counts, and refusal detection. */
class DigestClientTest {

    private static final String PASSWORD = "s3cret-Pa55";
    private final AtomicInteger cnonces = new AtomicInteger();
    private final DigestClient client = new DigestClient("alice", PASSWORD, () -> "cn" + cnonces.incrementAndGet());
    private final SipRequest register = SipRequest.of("REGISTER", "sip:siprtc.test")
            .withHeader("To", "<sip:alice@siprtc.test>").withHeader("CSeq", "1 REGISTER");

    @Test
    void answersWithCredentialsTheRegistrarAccepts() throws Exception {
        DigestClient.Answer a = client.answer(register, TestRegistrar.challenge(register, false, "n1", "SHA-256", false));
        assertFalse(a.stale());
        Map<String, String> p = TestRegistrar.verify(a.request(), false, "alice", PASSWORD, "n1", "SHA-256");
        assertEquals("00000001", p.get("nc"));
        assertEquals("SHA-256", p.get("algorithm"));
        assertFalse(a.request().headers().toString().contains(PASSWORD));
    }

    @Test
    void choosesTheStrongestAlgorithmTheRealmOffers() throws Exception {
        SipResponse r = SipResponse.to(register, 401)
                .addHeader("WWW-Authenticate", TestRegistrar.challengeValue("n-md5", "MD5", false))
                .addHeader("WWW-Authenticate", TestRegistrar.challengeValue("n-256", "SHA-256", false))
                .addHeader("WWW-Authenticate", "Digest realm=\"siprtc.test\", nonce=\"n-x\", algorithm=SHA-1")
                .addHeader("WWW-Authenticate", "Basic realm=\"siprtc.test\"");
        SipRequest out = client.answer(register, r).request();
        assertEquals(1, out.headerValues("Authorization").size(), "one set of credentials per realm");
        TestRegistrar.verify(out, false, "alice", PASSWORD, "n-256", "SHA-256");

        SipResponse withBest = r.addHeader("WWW-Authenticate", TestRegistrar.challengeValue("n-512", "SHA-512-256", false));
        out = new DigestClient("alice", PASSWORD, () -> "c").answer(register, withBest).request();
        TestRegistrar.verify(out, false, "alice", PASSWORD, "n-512", "SHA-512-256");
    }

    @Test
    void answersEveryRealmAndKeepsCredentialsOfRealmsNotChallenged() throws Exception {
        SipResponse both = SipResponse.to(register, 407)
                .addHeader("Proxy-Authenticate", "Digest realm=\"proxy.example\", nonce=\"p1\", qop=\"auth\"")
                .addHeader("WWW-Authenticate", TestRegistrar.challengeValue("w1", null, false));
        SipRequest out = client.answer(register, both).request();
        assertEquals(1, out.headerValues("Proxy-Authorization").size());
        assertEquals(1, out.headerValues("Authorization").size());

        // Only the UAS challenges again (a new nonce): the proxy's credentials stay.
        SipRequest again = client.answer(out.withHeader("CSeq", "2 REGISTER"),
                TestRegistrar.challenge(out, false, "w2", null, true)).request();
        assertEquals(out.headerValues("Proxy-Authorization"), again.headerValues("Proxy-Authorization"));
        TestRegistrar.verify(again, false, "alice", PASSWORD, "w2", null);
    }

    @Test
    void aSecondChallengeForFreshCredentialsIsARefusal() throws Exception {
        SipRequest first = client.answer(register, TestRegistrar.challenge(register, false, "n1", "MD5", false)).request();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> client.answer(first, TestRegistrar.challenge(first, false, "n2", "MD5", false)));
        assertEquals(AuthenticationException.Reason.REFUSED, e.reason());
        assertTrue(e.credentialsProblem());
        assertTrue(e.getMessage().startsWith("authentication failed: 401"), e.getMessage());
        assertTrue(e.getMessage().contains("alice") && e.getMessage().contains("siprtc.test"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void staleNonceIsAnsweredAgainWithoutCountingAsRefusal() throws Exception {
        SipRequest first = client.answer(register, TestRegistrar.challenge(register, false, "n1", "MD5", false)).request();
        DigestClient.Answer stale = client.answer(first, TestRegistrar.challenge(first, false, "n2", "MD5", true));
        assertTrue(stale.stale());
        Map<String, String> p = TestRegistrar.verify(stale.request(), false, "alice", PASSWORD, "n2", "MD5");
        assertEquals("00000001", p.get("nc"), "a new nonce counts from 1");
        // ... but fresh credentials for the new nonce refused again are a refusal.
        assertThrows(AuthenticationException.class,
                () -> client.answer(stale.request(), TestRegistrar.challenge(stale.request(), false, "n3", "MD5", false)));
    }

    @Test
    void endlessStaleNoncesAreGivenUpOn() throws Exception {
        SipRequest r = client.answer(register, TestRegistrar.challenge(register, false, "n0", "MD5", false)).request();
        for (int i = 1; i <= DigestClient.MAX_STALE_IN_A_ROW; i++) {
            r = client.answer(r, TestRegistrar.challenge(r, false, "s" + i, "MD5", true)).request();
        }
        SipRequest last = r;
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> client.answer(last, TestRegistrar.challenge(last, false, "s-last", "MD5", true)));
        assertEquals(AuthenticationException.Reason.UNUSABLE_CHALLENGE, e.reason());
        assertTrue(e.getMessage().contains("stale"), e.getMessage());
    }

    @Test
    void preauthorizeReusesTheNonceWithRisingCount() throws Exception {
        assertSame(register, client.preauthorize(register), "nothing remembered yet");
        client.answer(register, TestRegistrar.challenge(register, false, "n1", "SHA-256", false));
        SipRequest refresh = client.preauthorize(register);
        Map<String, String> p = TestRegistrar.verify(refresh, false, "alice", PASSWORD, "n1", "SHA-256");
        assertEquals("00000002", p.get("nc"));
        Map<String, String> p3 = TestRegistrar.verify(client.preauthorize(register), false, "alice", PASSWORD, "n1", "SHA-256");
        assertEquals("00000003", p3.get("nc"));
        assertNotEquals(p.get("cnonce"), p3.get("cnonce"), "a fresh cnonce per request");

        // Reused credentials challenged again (the server forgot the nonce): answered, not a refusal.
        SipRequest answered = client.answer(refresh, TestRegistrar.challenge(refresh, false, "n9", "SHA-256", false)).request();
        TestRegistrar.verify(answered, false, "alice", PASSWORD, "n9", "SHA-256");

        client.forget();
        assertSame(register, client.preauthorize(register));
    }

    @Test
    void noPasswordIsACredentialsProblem() {
        DigestClient none = new DigestClient("alice", "", () -> "c");
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> none.answer(register, TestRegistrar.challenge(register, true, "n", null, false)));
        assertEquals(AuthenticationException.Reason.NO_PASSWORD, e.reason());
        assertTrue(e.getMessage().contains("no password configured for user alice"), e.getMessage());
    }

    @Test
    void aResponseWithoutUsableChallengeSaysWhy() {
        for (List<String> values : List.of(List.<String>of(), List.of("Basic realm=\"x\""), List.of("Digest realm=\"x\""))) {
            SipResponse r = SipResponse.to(register, 401);
            for (String v : values) {
                r = r.addHeader("WWW-Authenticate", v);
            }
            SipResponse response = r;
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.answer(register, response));
            assertEquals(AuthenticationException.Reason.UNUSABLE_CHALLENGE, e.reason());
            assertFalse(e.credentialsProblem());
            assertTrue(e.getMessage().startsWith("401 Unauthorized without a usable digest challenge"), e.getMessage());
        }
    }
}
