package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The digest response against the RFC test vectors, and the credentials header built from it. */
class DigestCredentialsTest {

    /** RFC 7616 section 3.9.1: the same request answered with SHA-256 and with MD5. */
    private static final String RFC7616_REALM = "http-auth@example.org";
    private static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static DigestChallenge rfc7616(String algorithm) {
        return DigestChallenge.parse("Digest realm=\"" + RFC7616_REALM + "\", qop=\"auth, auth-int\", algorithm="
                + algorithm + ", nonce=\"" + RFC7616_NONCE + "\", opaque=\"" + RFC7616_OPAQUE + "\"", false);
    }

    @Test
    void rfc7616Sha256Vector() {
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                DigestCredentials.response(rfc7616("SHA-256"), "Mufasa", "Circle of Life", "GET", "/dir/index.html",
                        null, "auth", RFC7616_CNONCE, "00000001"));
    }

    @Test
    void rfc7616Md5Vector() {
        assertEquals("8ca523f5e9506fed4657c9700eebdbec",
                DigestCredentials.response(rfc7616("MD5"), "Mufasa", "Circle of Life", "GET", "/dir/index.html",
                        null, "auth", RFC7616_CNONCE, "00000001"));
    }

    /** RFC 7616 section 3.9.2: SHA-512-256 with a user name hash. */
    @Test
    void rfc7616Sha512256VectorAndUserhash() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256,"
                + " nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\","
                + " opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8, userhash=true", false);
        String user = "J\u00e4s\u00f8n Doe";
        assertEquals("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5",
                DigestCredentials.response(c, user, "Secret, or not?", "GET", "/doe.json", null, "auth",
                        "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", "00000001"));
        String header = DigestCredentials.header(c, user, "Secret, or not?", "GET", "/doe.json", null,
                "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", 1);
        Map<String, String> p = DigestChallenge.parameters(header);
        assertEquals("793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", p.get("username"));
        assertEquals("true", p.get("userhash"));
    }

    /** RFC 2617 section 3.5. */
    @Test
    void rfc2617Md5Vector() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", false);
        assertEquals("6629fae49393a05397450978507c4ef1", DigestCredentials.response(c, "Mufasa", "Circle Of Life",
                "GET", "/dir/index.html", null, "auth", "0a4f113b", "00000001"));
    }

    @Test
    void headerCarriesEveryFieldTheServerNeeds() {
        String h = DigestCredentials.header(rfc7616("SHA-256"), "Mufasa", "Circle of Life", "GET", "/dir/index.html",
                null, RFC7616_CNONCE, 1);
        assertTrue(h.startsWith("Digest "), h);
        Map<String, String> p = DigestChallenge.parameters(h);
        assertEquals("Mufasa", p.get("username"));
        assertEquals(RFC7616_REALM, p.get("realm"));
        assertEquals(RFC7616_NONCE, p.get("nonce"));
        assertEquals("/dir/index.html", p.get("uri"));
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", p.get("response"));
        assertEquals("SHA-256", p.get("algorithm"));
        assertEquals(RFC7616_OPAQUE, p.get("opaque"));
        assertEquals("auth", p.get("qop"));
        assertEquals("00000001", p.get("nc"));
        assertEquals(RFC7616_CNONCE, p.get("cnonce"));
        assertTrue(h.contains("qop=auth,") && h.contains("nc=00000001,"), "qop and nc are tokens, not quoted: " + h);
        assertFalse(h.contains("Circle of Life"), "the password never appears: " + h);
    }

    @Test
    void nonceCountIsEightHexDigits() {
        String h = DigestCredentials.header(rfc7616("MD5"), "u", "p", "REGISTER", "sip:example.org", null, "c", 255);
        assertEquals("000000ff", DigestChallenge.parameters(h).get("nc"));
    }

    @Test
    void rfc2069ChallengeWithoutQopHasNoCnonceOrNc() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\"", false);
        String h = DigestCredentials.header(c, "alice", "pw", "REGISTER", "sip:r", null, "cn", 1);
        Map<String, String> p = DigestChallenge.parameters(h);
        assertFalse(p.containsKey("qop") || p.containsKey("nc") || p.containsKey("cnonce"), h);
        assertFalse(p.containsKey("algorithm"), "the challenge named none, so neither do we: " + h);
        // response = MD5(HA1:nonce:HA2)
        String ha1 = DigestAlgorithm.MD5.hash("alice:r:pw");
        String ha2 = DigestAlgorithm.MD5.hash("REGISTER:sip:r");
        assertEquals(DigestAlgorithm.MD5.hash(ha1 + ":n:" + ha2), p.get("response"));
    }

    @Test
    void sessionVariantHashesTheNoncesIntoA1() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-256-sess", false);
        DigestAlgorithm h = DigestAlgorithm.SHA_256;
        String ha1 = h.hash(h.hash("alice:r:pw") + ":n:cn");
        String ha2 = h.hash("INVITE:sip:bob@r");
        assertEquals(h.hash(ha1 + ":n:00000002:cn:auth:" + ha2),
                DigestCredentials.response(c, "alice", "pw", "INVITE", "sip:bob@r", null, "auth", "cn", "00000002"));
    }

    @Test
    void authIntHashesTheBody() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", false);
        byte[] body = "v=0\r\n".getBytes(StandardCharsets.UTF_8);
        DigestAlgorithm h = DigestAlgorithm.MD5;
        String ha2 = h.hash("INVITE:sip:bob@r:" + h.hash(body));
        String expected = h.hash(h.hash("alice:r:pw") + ":n:00000001:cn:auth-int:" + ha2);
        assertEquals(expected, DigestCredentials.response(c, "alice", "pw", "INVITE", "sip:bob@r", body, "auth-int", "cn", "00000001"));
        assertEquals("auth-int", c.chosenQop());
    }

    @Test
    void quotesAndBackslashesInValuesAreEscapedAndRoundTrip() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"a \\\"quoted\\\" realm\", nonce=\"n\\\\1\", qop=auth", false);
        assertEquals("a \"quoted\" realm", c.realm());
        assertEquals("n\\1", c.nonce());
        String h = DigestCredentials.header(c, "o\"brien", "pw", "REGISTER", "sip:r", null, "cn", 1);
        Map<String, String> p = DigestChallenge.parameters(h);
        assertEquals("o\"brien", p.get("username"));
        assertEquals("a \"quoted\" realm", p.get("realm"));
        assertEquals("n\\1", p.get("nonce"));
    }

    @Test
    void lineBreaksInTheUserNameAreRefused() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\"", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DigestCredentials.header(c, "alice\r\nX-Evil: 1", "pw", "REGISTER", "sip:r", null, "cn", 1));
        assertTrue(e.getMessage().contains("user name"), e.getMessage());
    }
}
