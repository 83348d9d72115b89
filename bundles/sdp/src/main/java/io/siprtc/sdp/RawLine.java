package io.siprtc.sdp;

/**
 * A line the model keeps as text: v=, s=, t=, i=, u=, e=, p=, z=, k=, r= and any unknown type.
 * The typed letters a, o, c, b and m are refused; use their own classes.
 */
public final class RawLine implements SdpLine {

    private final char type;
    private final String content;

    private RawLine(char type, String content) {
        this.type = type;
        this.content = content;
    }

    /**
     * A raw line.
     *
     * @param type a letter other than a, o, c, b and m
     * @param content the text after {@code "<type>="}
     * @throws IllegalArgumentException if the type is not a letter or is one of the typed ones,
     *         or the content holds CR, LF or NUL
     */
    public static RawLine of(char type, String content) {
        if (!((type >= 'a' && type <= 'z') || (type >= 'A' && type <= 'Z'))) {
            throw new IllegalArgumentException("line type must be a letter: " + type);
        }
        if (type == 'a' || type == 'o' || type == 'c' || type == 'b' || type == 'm') {
            throw new IllegalArgumentException("use the typed line class for " + type + "=");
        }
        return new RawLine(type, Tokens.requireLineSafe("content", content));
    }

    /** For the parser, which has checked the type and content. */
    static RawLine trusted(char type, String content) {
        return new RawLine(type, content);
    }

    @Override
    public char type() {
        return type;
    }

    @Override
    public String content() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawLine r && r.type == type && r.content.equals(content);
    }

    @Override
    public int hashCode() {
        return type * 31 + content.hashCode();
    }

    @Override
    public String toString() {
        return type + "=" + content;
    }
}
