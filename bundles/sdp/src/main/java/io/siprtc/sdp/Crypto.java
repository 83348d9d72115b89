package io.siprtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The value of an {@code a=crypto} line (SDES, RFC 4568 section 9.1):
 * {@code <tag> <crypto-suite> <key-params> [<session-params>]}. SIPRTC recognises it to refuse
 * it: SDES puts the SRTP keys into signalling, and WebRTC requires DTLS-SRTP (RFC 8827).
 *
 * @param tag the decimal tag
 * @param suite e.g. {@code AES_CM_128_HMAC_SHA1_80}
 * @param keyParams e.g. {@code inline:<key||salt>}
 * @param sessionParams the rest, empty if none
 */
public record Crypto(long tag, String suite, String keyParams, String sessionParams) {

    /** @throws IllegalArgumentException if a field is malformed */
    public Crypto {
        if (tag < 0 || tag > 999_999_999L) {
            throw new IllegalArgumentException("crypto tag out of range: " + tag);
        }
        Tokens.requireToken("crypto suite", suite);
        Tokens.requireToken("key params", keyParams);
        Tokens.requireLineSafe("session params", sessionParams);
    }

    /** Parses a crypto value; empty if malformed. */
    public static Optional<Crypto> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static Crypto parseOrNull(String value, String[] error) {
        List<String> t = Tokens.split(value);
        if (t.size() < 3) {
            return Tokens.fail(error, "a=crypto needs <tag> <suite> <key-params>, got '" + Tokens.excerpt(value) + "'");
        }
        long tag = t.get(0).length() > 9 ? -1 : Tokens.parseLong(t.get(0));
        if (tag < 0) {
            return Tokens.fail(error, "a=crypto tag is not a number of 1..9 digits: '" + Tokens.excerpt(t.get(0)) + "'");
        }
        return new Crypto(tag, t.get(1), t.get(2), String.join(" ", t.subList(3, t.size())));
    }

    public String toValue() {
        return tag + " " + suite + ' ' + keyParams + (sessionParams.isEmpty() ? "" : " " + sessionParams);
    }

    public Attribute toAttribute() {
        return Attribute.of("crypto", toValue());
    }
}
