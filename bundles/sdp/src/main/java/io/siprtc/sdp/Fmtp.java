package io.siprtc.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value of an {@code a=fmtp} line (RFC 8866 section 6.15): {@code <format> <parameters>}.
 * The parameters are kept verbatim; {@link #parameters()} reads the common
 * {@code key=value;key=value} form (RFC 4855), names lower-cased. Immutable.
 */
public final class Fmtp {

    private final String format;
    private final String parameterText;

    private Fmtp(String format, String parameterText) {
        this.format = format;
        this.parameterText = parameterText;
    }

    /**
     * An fmtp value.
     *
     * @throws IllegalArgumentException if the format is not a token or the parameters hold CR, LF or NUL
     */
    public static Fmtp of(String format, String parameterText) {
        Tokens.requireToken("format", format);
        Tokens.requireLineSafe("fmtp parameters", parameterText);
        return new Fmtp(format, parameterText);
    }

    /** An fmtp value from {@code key=value} pairs, written as {@code k1=v1;k2=v2}. */
    public static Fmtp of(String format, Map<String, String> parameters) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(e.getKey());
            if (e.getValue() != null) {
                sb.append('=').append(e.getValue());
            }
        }
        return of(format, sb.toString());
    }

    /** Parses an fmtp value; empty if malformed. */
    public static Optional<Fmtp> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static Fmtp parseOrNull(String value, String[] error) {
        int sp = value.indexOf(' ');
        String fmt = sp < 0 ? value : value.substring(0, sp);
        if (fmt.isEmpty()) {
            return Tokens.fail(error, "a=fmtp needs <format> <parameters>, got '" + Tokens.excerpt(value) + "'");
        }
        return new Fmtp(fmt, sp < 0 ? "" : value.substring(sp + 1));
    }

    /** The format (RTP payload type for RTP media). */
    public String format() {
        return format;
    }

    /** The parameter text as written. */
    public String parameterText() {
        return parameterText;
    }

    /**
     * The {@code name=value} parameters separated by {@code ;}, in order, names lower-cased and
     * trimmed; a part without {@code =} maps to the empty string. Unmodifiable.
     */
    public Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : parameterText.split(";", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String k = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            out.putIfAbsent(k, eq < 0 ? "" : p.substring(eq + 1).trim());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The value of one parameter (name case-insensitive). */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters().get(name.toLowerCase(Locale.ROOT)));
    }

    /** This fmtp with a parameter set (replaced or appended); other parameters keep their order. */
    public Fmtp withParameter(String name, String value) {
        Map<String, String> p = new LinkedHashMap<>(parameters());
        p.put(name.toLowerCase(Locale.ROOT), value);
        return of(format, p);
    }

    public String toValue() {
        return parameterText.isEmpty() ? format : format + ' ' + parameterText;
    }

    public Attribute toAttribute() {
        return Attribute.of("fmtp", toValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fmtp f && f.format.equals(format) && f.parameterText.equals(parameterText);
    }

    @Override
    public int hashCode() {
        return format.hashCode() * 31 + parameterText.hashCode();
    }

    @Override
    public String toString() {
        return "fmtp:" + toValue();
    }
}
