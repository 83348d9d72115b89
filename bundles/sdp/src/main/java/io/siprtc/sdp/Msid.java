package io.siprtc.sdp;

import java.util.Optional;

/**
 * The value of an {@code a=msid} line (RFC 8830 section 2): {@code <stream id> [<track id>]}.
 * A stream id of {@code -} means no stream.
 *
 * @param streamId the MediaStream id
 * @param trackId the MediaStreamTrack id ("appdata"), empty if absent
 */
public record Msid(String streamId, String trackId) {

    /** @throws IllegalArgumentException if the ids are not tokens (the track id may be empty) */
    public Msid {
        Tokens.requireToken("msid stream id", streamId);
        if (!trackId.isEmpty()) {
            Tokens.requireToken("msid track id", trackId);
        }
    }

    /** Parses an msid value; empty if malformed. */
    public static Optional<Msid> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static Msid parseOrNull(String value, String[] error) {
        java.util.List<String> t = Tokens.split(value);
        if (t.isEmpty() || t.size() > 2) {
            return Tokens.fail(error, "a=msid needs <stream id> [<track id>], got '" + Tokens.excerpt(value) + "'");
        }
        return new Msid(t.get(0), t.size() == 2 ? t.get(1) : "");
    }

    public String toValue() {
        return trackId.isEmpty() ? streamId : streamId + ' ' + trackId;
    }

    public Attribute toAttribute() {
        return Attribute.of("msid", toValue());
    }
}
