package io.siprtc.sdp;

import java.util.Optional;

/**
 * The value of an {@code a=rtcp-fb} line (RFC 4585 section 4.2, RFC 5104):
 * {@code <format|*> <type> [<parameters>]}, e.g. {@code 96 nack pli} or {@code 111 transport-cc}.
 *
 * @param format the payload type, or {@code *} for every format
 * @param type the feedback type, e.g. {@code nack}, {@code ccm}, {@code goog-remb}
 * @param parameters the rest (e.g. {@code pli}, {@code fir}), empty if none
 */
public record RtcpFb(String format, String type, String parameters) {

    /** @throws IllegalArgumentException if format or type is not a token or parameters hold CR, LF or NUL */
    public RtcpFb {
        Tokens.requireToken("format", format);
        Tokens.requireToken("feedback type", type);
        Tokens.requireLineSafe("feedback parameters", parameters);
    }

    /** Parses an rtcp-fb value; empty if malformed. */
    public static Optional<RtcpFb> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static RtcpFb parseOrNull(String value, String[] error) {
        int sp = value.indexOf(' ');
        if (sp <= 0) {
            return Tokens.fail(error, "a=rtcp-fb needs <format> <type>, got '" + Tokens.excerpt(value) + "'");
        }
        String fmt = value.substring(0, sp);
        if (!"*".equals(fmt) && Tokens.parseBounded(fmt, 127) < 0) {
            return Tokens.fail(error, "a=rtcp-fb format is not * or a payload type in 0..127: '" + Tokens.excerpt(fmt) + "'");
        }
        String rest = value.substring(sp + 1);
        int sp2 = rest.indexOf(' ');
        String type = sp2 < 0 ? rest : rest.substring(0, sp2);
        if (type.isEmpty()) {
            return Tokens.fail(error, "a=rtcp-fb needs a feedback type, got '" + Tokens.excerpt(value) + "'");
        }
        return new RtcpFb(fmt, type, sp2 < 0 ? "" : rest.substring(sp2 + 1));
    }

    /** Whether this feedback applies to every format ({@code *}). */
    public boolean isWildcard() {
        return "*".equals(format);
    }

    public String toValue() {
        return format + ' ' + type + (parameters.isEmpty() ? "" : " " + parameters);
    }

    public Attribute toAttribute() {
        return Attribute.of("rtcp-fb", toValue());
    }
}
