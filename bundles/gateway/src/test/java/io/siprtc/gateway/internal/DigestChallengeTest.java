package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing WWW-Authenticate / Proxy-Authenticate values, including hostile ones. */
class DigestChallengeTest {

    @Test
    void kamailioChallenge() {
        DigestChallenge c = DigestChallenge.parse(
                "Digest realm=\"siprtc.test\", nonce=\"ZWUd6mVlHL6JiCk2+JbFWaOFNVIp1cYz\", qop=\"auth\", algorithm=SHA-256", false);
        assertEquals("siprtc.test", c.realm());
        assertEquals("ZWUd6mVlHL6JiCk2+JbFWaOFNVIp1cYz", c.nonce());
        assertEquals(DigestAlgorithm.SHA_256, c.algorithm());
        assertEquals(Set.of("auth"), c.qop());
        assertEquals("auth", c.chosenQop());
        assertFalse(c.stale());
        assertNull(c.opaque());
        assertEquals("Authorization", c.credentialsHeader());
    }

    @Test
    void proxyChallengeGoesInProxyAuthorization() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"p\", nonce=\"n\"", true);
        assertTrue(c.proxy());
        assertEquals("Proxy-Authorization", c.credentialsHeader());
        assertEquals(DigestAlgorithm.MD5, c.algorithm(), "no algorithm means MD5 (RFC 7616 section 3.3)");
        assertFalse(c.algorithmGiven());
        assertNull(c.chosenQop());
    }

    @Test
    void toleratesCaseSpacingAndEmptyListElements() {
        DigestChallenge c = DigestChallenge.parse("  DIGEST   REALM = \"r\" ,, NONCE=abc/+=,stale=TRUE ,Algorithm=md5-SESS,"
                + " qop=\"AUTH-INT ,auth\", opaque=\"\" , unknown=\"ignored\",", false);
        assertEquals("r", c.realm());
        assertEquals("abc/+=", c.nonce(), "unquoted base64 nonce");
        assertTrue(c.stale());
        assertEquals(DigestAlgorithm.MD5_SESS, c.algorithm());
        assertEquals(Set.of("auth-int", "auth"), c.qop());
        assertEquals("auth", c.chosenQop(), "auth preferred over auth-int");
        assertEquals("", c.opaque());
    }

    @ParameterizedTest
    @CsvSource({"MD5,1", "SHA-256,2", "sha-256-sess,2", "SHA-512-256,3", "SHA-512-256-sess,3"})
    void algorithmsAndTheirStrength(String token, int strength) {
        assertEquals(strength, DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=" + token, false)
                .algorithm().strength());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Basic realm=\"r\"|not a Digest challenge",
        "Digest nonce=\"n\"|without realm",
        "Digest realm=\"r\"|without nonce",
        "Digest realm=\"r\", nonce=\"\"|without nonce",
        "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1|unsupported digest algorithm 'SHA-1'",
        "Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"|no supported qop",
        "Digest realm=\"r, nonce=n|unterminated quoted string",
        "Digest realm=\"r\", realm=\"s\", nonce=\"n\"|'realm' appears twice",
        "Digest realm=\"r\" nonce=\"n\"|expected ','",
        "Digest realm|has no value",
        "Digest realm=, nonce=n|empty value",
        "Digest =\"r\"|expected a parameter name",
        "Digestrealm=\"r\"|not a Digest challenge",
        "\"Digest\" realm=\"r\"|without a scheme",
    })
    void badChallengesGiveClearErrors(String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse(value, false));
        assertTrue(e.getMessage().contains(message), () -> "'" + value + "' gave: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Digest", "Digest ", "Digest ,,,"})
    void emptyChallengesAreRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse(value, false));
    }

    @Test
    void controlCharactersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DigestChallenge.parse("Digest realm=\"r\r\nInjected: yes\", nonce=\"n\"", false));
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse("Digest realm=\"r\0\", nonce=\"n\"", false));
    }

    @Test
    void hugeHeadersAreRefusedAtOnce() {
        String huge = "Digest realm=\"r\", nonce=\"" + "n".repeat(1_000_000) + "\"";
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse(huge, false)));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }

    @Test
    void tooManyParametersAreRefused() {
        StringBuilder b = new StringBuilder("Digest realm=\"r\", nonce=\"n\"");
        for (int i = 0; i < 40; i++) {
            b.append(", p").append(i).append("=x");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse(b.toString(), false));
        assertTrue(e.getMessage().contains("parameters"), e.getMessage());
    }

    @Test
    void pathologicalQuotingEndsQuickly() {
        String backslashes = "Digest realm=\"" + "\\".repeat(4000);
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse(backslashes, false)));
        String commas = "Digest " + ",".repeat(4000);
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse(commas, false)));
    }

    @Test
    void errorMessagesDoNotEchoLongOrBinaryInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=" + "\u00ff".repeat(200), false));
        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }
}
