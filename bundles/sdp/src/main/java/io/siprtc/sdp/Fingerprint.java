package io.siprtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The value of an {@code a=fingerprint} line (RFC 8122 section 5, used by DTLS-SRTP, RFC 5763
 * and RFC 8842): {@code <hash function> <fingerprint>}, e.g. {@code sha-256 9B:41:...}.
 *
 * @param hashFunction e.g. {@code sha-256}
 * @param fingerprint colon-separated upper-case hex bytes, as written
 */
public record Fingerprint(String hashFunction, String fingerprint) {

    /** @throws IllegalArgumentException if a field is not a token */
    public Fingerprint {
        Tokens.requireToken("hash function", hashFunction);
        Tokens.requireToken("fingerprint", fingerprint);
    }

    /** Parses a fingerprint value; empty if malformed. */
    public static Optional<Fingerprint> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static Fingerprint parseOrNull(String value, String[] error) {
        List<String> t = Tokens.split(value);
        if (t.size() != 2) {
            return Tokens.fail(error, "a=fingerprint needs <hash function> <fingerprint>, got '"
                    + Tokens.excerpt(value) + "'");
        }
        return new Fingerprint(t.get(0), t.get(1));
    }

    public String toValue() {
        return hashFunction + ' ' + fingerprint;
    }

    public Attribute toAttribute() {
        return Attribute.of("fingerprint", toValue());
    }
}
