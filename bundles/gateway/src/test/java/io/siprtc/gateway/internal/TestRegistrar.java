package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.Map;

/** The server side of digest authentication for unit tests: challenges, and checks credentials. */
final class TestRegistrar {

    static final String REALM = "siprtc.test";

    private TestRegistrar() {
    }

    /** A 401 (or 407 for a proxy) with one challenge. */
    static SipResponse challenge(SipRequest request, boolean proxy, String nonce, String algorithm, boolean stale) {
        return SipResponse.to(request, proxy ? 407 : 401).withToTag("srv1")
                .addHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate", challengeValue(nonce, algorithm, stale));
    }

    static String challengeValue(String nonce, String algorithm, boolean stale) {
        return "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", qop=\"auth\", opaque=\"op-" + nonce + "\""
                + (algorithm != null ? ", algorithm=" + algorithm : "") + (stale ? ", stale=true" : "");
    }

    /**
     * Checks the request's credentials like a registrar would: right user, nonce and opaque echoed,
     * response hash computed with the password. Returns the credential parameters.
     */
    static Map<String, String> verify(SipRequest request, boolean proxy, String user, String password, String nonce,
            String algorithm) {
        String header = request.header(proxy ? "Proxy-Authorization" : "Authorization").orElse(null);
        assertNotNull(header, () -> "no credentials in " + request + ": " + request.headers());
        Map<String, String> p = DigestChallenge.parameters(header);
        assertEquals(user, p.get("username"));
        assertEquals(REALM, p.get("realm"));
        assertEquals(nonce, p.get("nonce"), "credentials for the latest nonce");
        assertEquals("op-" + nonce, p.get("opaque"), "opaque echoed");
        assertEquals(request.requestUri(), p.get("uri"));
        assertEquals("auth", p.get("qop"));
        DigestChallenge c = DigestChallenge.parse(challengeValue(nonce, algorithm, false), proxy);
        assertEquals(DigestCredentials.response(c, user, password, request.method(), request.requestUri(), null, "auth",
                p.get("cnonce"), p.get("nc")), p.get("response"), "response hash");
        return p;
    }
}
