package io.siprtc.sdp;

/** A b= line: {@code <bwtype>:<bandwidth>}, e.g. {@code AS:64} (kbit/s) or {@code TIAS:64000}. */
public final class Bandwidth implements SdpLine {

    private final String bwType;
    private final long value;
    private final String content;

    private Bandwidth(String bwType, long value, String content) {
        this.bwType = bwType;
        this.value = value;
        this.content = content;
    }

    /**
     * A bandwidth line.
     *
     * @throws IllegalArgumentException if the type is empty or holds a colon or space, or the value is negative
     */
    public static Bandwidth of(String bwType, long value) {
        Tokens.requireToken("bwtype", bwType);
        if (bwType.indexOf(':') >= 0 || value < 0) {
            throw new IllegalArgumentException("bad bandwidth " + bwType + ":" + value);
        }
        return new Bandwidth(bwType, value, bwType + ':' + value);
    }

    /** Parses the content of a b= line; returns an error message in {@code error[0]} and null if bad. */
    static Bandwidth parse(String content, String[] error) {
        int colon = content.indexOf(':');
        if (colon <= 0) {
            error[0] = "b= line must be <bwtype>:<bandwidth>";
            return null;
        }
        long v = Tokens.parseLong(content.substring(colon + 1));
        if (v < 0) {
            error[0] = "b= bandwidth is not numeric: '" + Tokens.excerpt(content.substring(colon + 1)) + "'";
            return null;
        }
        return new Bandwidth(content.substring(0, colon), v, content);
    }

    /** The bandwidth type, e.g. {@code AS}, {@code CT}, {@code TIAS}. */
    public String bwType() {
        return bwType;
    }

    /** The bandwidth value in the type's unit. */
    public long value() {
        return value;
    }

    @Override
    public char type() {
        return 'b';
    }

    @Override
    public String content() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bandwidth other && other.content.equals(content);
    }

    @Override
    public int hashCode() {
        return 'b' * 31 + content.hashCode();
    }

    @Override
    public String toString() {
        return "b=" + content;
    }
}
