package io.siprtc.sdp;

import java.util.Optional;

/**
 * The value of an {@code a=ssrc} line (RFC 5576 section 4.1):
 * {@code <ssrc-id> <attribute>[:<value>]}, e.g. {@code 2731894602 cname:q3JpZ8vN0xT1cWbE}.
 *
 * @param ssrc the synchronization source, 0..2^32-1
 * @param attribute the source attribute's name, e.g. {@code cname}, {@code msid}
 * @param value the source attribute's value, empty if it has none
 */
public record Ssrc(long ssrc, String attribute, String value) {

    /** @throws IllegalArgumentException if the ssrc is out of range or a field is malformed */
    public Ssrc {
        if (ssrc < 0 || ssrc > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ssrc out of range: " + ssrc);
        }
        Tokens.requireToken("ssrc attribute", attribute);
        Tokens.requireLineSafe("ssrc attribute value", value);
    }

    /** Parses an ssrc value; empty if malformed. */
    public static Optional<Ssrc> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static Ssrc parseOrNull(String value, String[] error) {
        int sp = value.indexOf(' ');
        long id = Tokens.parseLong(sp < 0 ? value : value.substring(0, sp));
        if (id < 0 || id > 0xFFFFFFFFL) {
            return Tokens.fail(error, "a=ssrc id is not a number in 0..4294967295: '" + Tokens.excerpt(value) + "'");
        }
        String rest = sp < 0 ? "" : value.substring(sp + 1);
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        if (name.isEmpty() || name.indexOf(' ') >= 0) {
            return Tokens.fail(error, "a=ssrc needs <ssrc-id> <attribute>[:<value>], got '" + Tokens.excerpt(value) + "'");
        }
        return new Ssrc(id, name, colon < 0 ? "" : rest.substring(colon + 1));
    }

    public String toValue() {
        return ssrc + " " + attribute + (value.isEmpty() ? "" : ":" + value);
    }

    public Attribute toAttribute() {
        return Attribute.of("ssrc", toValue());
    }
}
