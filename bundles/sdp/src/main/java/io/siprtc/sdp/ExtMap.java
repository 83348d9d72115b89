package io.siprtc.sdp;

import java.util.Optional;

/**
 * The value of an {@code a=extmap} line (RFC 8285 section 7):
 * {@code <id>[/<direction>] <uri> [<extension attributes>]}, e.g.
 * {@code 1 urn:ietf:params:rtp-hdrext:ssrc-audio-level}.
 *
 * @param id the local identifier: 1..14 for one-byte headers, up to 255 for two-byte ones; SDP
 *        offers may also use 4096..4351 (RFC 5285)
 * @param direction {@code sendonly}, {@code recvonly}, {@code sendrecv} or {@code inactive}, empty if absent
 * @param uri the extension's URI
 * @param attributes the extension attributes, empty if none
 */
public record ExtMap(int id, String direction, String uri, String attributes) {

    /** @throws IllegalArgumentException if the id is out of range or a field is malformed */
    public ExtMap {
        if (id < 1 || id > 4351) {
            throw new IllegalArgumentException("extmap id out of 1..4351: " + id);
        }
        Tokens.requireLineSafe("direction", direction);
        Tokens.requireToken("extmap uri", uri);
        Tokens.requireLineSafe("extmap attributes", attributes);
    }

    /** Parses an extmap value; empty if malformed. */
    public static Optional<ExtMap> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static ExtMap parseOrNull(String value, String[] error) {
        int sp = value.indexOf(' ');
        if (sp <= 0 || sp == value.length() - 1) {
            return Tokens.fail(error, "a=extmap needs <id> <uri>, got '" + Tokens.excerpt(value) + "'");
        }
        String head = value.substring(0, sp);
        int slash = head.indexOf('/');
        int id = Tokens.parseBounded(slash < 0 ? head : head.substring(0, slash), 4351);
        if (id < 1) {
            return Tokens.fail(error, "a=extmap id is not a number in 1..4351: '" + Tokens.excerpt(head) + "'");
        }
        String dir = slash < 0 ? "" : head.substring(slash + 1);
        if (slash >= 0 && MediaDirection.of(dir).isEmpty()) {
            return Tokens.fail(error, "a=extmap direction is not sendrecv, sendonly, recvonly or inactive: '"
                    + Tokens.excerpt(dir) + "'");
        }
        String rest = value.substring(sp + 1);
        int sp2 = rest.indexOf(' ');
        String uri = sp2 < 0 ? rest : rest.substring(0, sp2);
        if (uri.isEmpty()) {
            return Tokens.fail(error, "a=extmap needs a URI, got '" + Tokens.excerpt(value) + "'");
        }
        return new ExtMap(id, dir, uri, sp2 < 0 ? "" : rest.substring(sp2 + 1));
    }

    public String toValue() {
        return id + (direction.isEmpty() ? "" : "/" + direction) + ' ' + uri
                + (attributes.isEmpty() ? "" : " " + attributes);
    }

    public Attribute toAttribute() {
        return Attribute.of("extmap", toValue());
    }
}
