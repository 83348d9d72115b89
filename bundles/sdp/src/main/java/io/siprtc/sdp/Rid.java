package io.siprtc.sdp;

import java.util.Optional;

/**
 * The value of an {@code a=rid} line (RFC 8851 section 10): {@code <rid-id> <send|recv> [<params>]},
 * naming one RTP stream, e.g. a simulcast layer.
 *
 * @param id the RTP stream id
 * @param direction {@code send} or {@code recv}
 * @param parameters the restrictions ({@code pt=...;max-width=...}), empty if none
 */
public record Rid(String id, String direction, String parameters) {

    /** @throws IllegalArgumentException if a field is malformed */
    public Rid {
        Tokens.requireToken("rid id", id);
        if (!"send".equals(direction) && !"recv".equals(direction)) {
            throw new IllegalArgumentException("rid direction must be send or recv: " + direction);
        }
        Tokens.requireLineSafe("rid parameters", parameters);
    }

    /** Parses a rid value; empty if malformed. */
    public static Optional<Rid> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static Rid parseOrNull(String value, String[] error) {
        java.util.List<String> t = Tokens.split(value);
        if (t.size() < 2 || t.size() > 3 || (!"send".equals(t.get(1)) && !"recv".equals(t.get(1)))) {
            return Tokens.fail(error, "a=rid needs <id> send|recv [<params>], got '" + Tokens.excerpt(value) + "'");
        }
        return new Rid(t.get(0), t.get(1), t.size() == 3 ? t.get(2) : "");
    }

    public String toValue() {
        return id + ' ' + direction + (parameters.isEmpty() ? "" : " " + parameters);
    }

    public Attribute toAttribute() {
        return Attribute.of("rid", toValue());
    }
}
