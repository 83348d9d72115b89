package io.siprtc.sdp;

import java.util.Optional;

/**
 * An a= line: a property {@code a=<name>} or a value attribute {@code a=<name>:<value>}. The
 * value is everything after the first colon, kept verbatim (e.g. {@code " WMS s"} for
 * {@code a=msid-semantic: WMS s}). Names are compared case-sensitively.
 */
public final class Attribute implements SdpLine {

    private final String content;
    /** Index of the first ':' in content, or -1 for a property attribute. */
    private final int colon;

    private Attribute(String content, int colon) {
        this.content = content;
        this.colon = colon;
    }

    /**
     * A property attribute {@code a=<name>}.
     *
     * @throws IllegalArgumentException if the name is empty or holds a colon, space, CR, LF or NUL
     */
    public static Attribute of(String name) {
        return new Attribute(checkName(name), -1);
    }

    /**
     * A value attribute {@code a=<name>:<value>}; a {@code null} value gives a property attribute.
     *
     * @throws IllegalArgumentException if the name is invalid or the value holds CR, LF or NUL
     */
    public static Attribute of(String name, String value) {
        checkName(name);
        if (value == null) {
            return new Attribute(name, -1);
        }
        Tokens.requireLineSafe("attribute value", value);
        return new Attribute(name + ':' + value, name.length());
    }

    /** For the parser: {@code content} is the text after {@code "a="}, with a non-empty name. */
    static Attribute trusted(String content, int colon) {
        return new Attribute(content, colon);
    }

    private static String checkName(String name) {
        Tokens.requireToken("attribute name", name);
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("attribute name must not contain ':': " + name);
        }
        return name;
    }

    /** The attribute's name, e.g. {@code rtpmap}. */
    public String name() {
        return colon < 0 ? content : content.substring(0, colon);
    }

    /** Whether this attribute is named {@code name}; allocation-free. */
    public boolean isNamed(String name) {
        int n = name.length();
        return (colon < 0 ? content.length() == n : colon == n) && content.startsWith(name);
    }

    /** The value after the first colon, or empty for a property attribute ({@code a=rtcp-mux}). */
    public Optional<String> value() {
        return colon < 0 ? Optional.empty() : Optional.of(content.substring(colon + 1));
    }

    /** The value after the first colon, or {@code fallback} for a property attribute. */
    public String valueOr(String fallback) {
        return colon < 0 ? fallback : content.substring(colon + 1);
    }

    /** Whether this is a value attribute ({@code a=name:value}, even with an empty value). */
    public boolean hasValue() {
        return colon >= 0;
    }

    /** This attribute's name with another value ({@code null} for a property attribute). */
    public Attribute withValue(String value) {
        return of(name(), value);
    }

    @Override
    public char type() {
        return 'a';
    }

    @Override
    public String content() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && a.content.equals(content);
    }

    @Override
    public int hashCode() {
        return 'a' * 31 + content.hashCode();
    }

    @Override
    public String toString() {
        return "a=" + content;
    }
}
