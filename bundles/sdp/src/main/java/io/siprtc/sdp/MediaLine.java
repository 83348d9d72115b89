package io.siprtc.sdp;

import java.util.List;
import java.util.OptionalInt;

/**
 * An m= line: {@code <media> <port>[/<number of ports>] <proto> <fmt> ...} (RFC 8866 section 5.14).
 * Immutable; a parsed line keeps its exact text until changed with a {@code with...} method.
 */
public final class MediaLine {

    private final String media;
    private final int port;
    /** The number of ports, or -1 when absent. */
    private final int portCount;
    private final String proto;
    private final List<String> formats;
    private final String content;

    private MediaLine(String media, int port, int portCount, String proto, List<String> formats, String content) {
        this.media = media;
        this.port = port;
        this.portCount = portCount;
        this.proto = proto;
        this.formats = formats;
        this.content = content;
    }

    /**
     * An m= line without a port count.
     *
     * @throws IllegalArgumentException if a field is not a token, the port is out of 0..65535 or
     *         there is no format
     */
    public static MediaLine of(String media, int port, String proto, List<String> formats) {
        return of(media, port, -1, proto, formats);
    }

    /**
     * An m= line.
     *
     * @param portCount the number of ports ({@code /<n>} after the port), or -1 for none
     * @throws IllegalArgumentException if a field is not a token, the port is out of 0..65535,
     *         the port count is not -1 or positive, or there is no format
     */
    public static MediaLine of(String media, int port, int portCount, String proto, List<String> formats) {
        Tokens.requireToken("media", media);
        Tokens.requireToken("proto", proto);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (portCount == 0 || portCount < -1) {
            throw new IllegalArgumentException("port count must be positive: " + portCount);
        }
        List<String> fmts = List.copyOf(formats);
        if (fmts.isEmpty()) {
            throw new IllegalArgumentException("an m= line needs at least one format");
        }
        StringBuilder sb = new StringBuilder(32 + fmts.size() * 4);
        sb.append(media).append(' ').append(port);
        if (portCount > 0) {
            sb.append('/').append(portCount);
        }
        sb.append(' ').append(proto);
        for (String f : fmts) {
            sb.append(' ').append(Tokens.requireToken("format", f));
        }
        return new MediaLine(media, port, portCount, proto, fmts, sb.toString());
    }

    /** Parses the content of an m= line; returns an error message in {@code error[0]} and null if bad. */
    static MediaLine parse(String content, String[] error) {
        List<String> t = Tokens.split(content);
        if (t.size() < 4) {
            error[0] = "m= line needs <media> <port> <proto> <fmt>..., got " + t.size() + " field(s)";
            return null;
        }
        String portField = t.get(1);
        int slash = portField.indexOf('/');
        int port = Tokens.parseBounded(slash < 0 ? portField : portField.substring(0, slash), 65535);
        if (port < 0) {
            error[0] = "m= port is not a number in 0..65535: '" + Tokens.excerpt(portField) + "'";
            return null;
        }
        int count = -1;
        if (slash >= 0) {
            count = Tokens.parseBounded(portField.substring(slash + 1), 65535);
            if (count <= 0) {
                error[0] = "m= number of ports is not a positive number: '" + Tokens.excerpt(portField) + "'";
                return null;
            }
        }
        return new MediaLine(t.get(0), port, count, t.get(2), List.copyOf(t.subList(3, t.size())), content);
    }

    /** The media type, e.g. {@code audio}, {@code video}, {@code application}. */
    public String media() {
        return media;
    }

    /** The transport port; 0 means a rejected or bundle-only m= line. */
    public int port() {
        return port;
    }

    /** The number of ports after {@code /}, if given. */
    public OptionalInt portCount() {
        return portCount < 0 ? OptionalInt.empty() : OptionalInt.of(portCount);
    }

    /** The transport protocol, e.g. {@code UDP/TLS/RTP/SAVPF} or {@code RTP/AVP}. */
    public String proto() {
        return proto;
    }

    /** The formats (RTP payload types for RTP), unmodifiable, in order. */
    public List<String> formats() {
        return formats;
    }

    /** This line with another port; the port count is kept. */
    public MediaLine withPort(int newPort) {
        return newPort == port ? this : of(media, newPort, portCount, proto, formats);
    }

    /** This line with other formats. */
    public MediaLine withFormats(List<String> newFormats) {
        return of(media, port, portCount, proto, newFormats);
    }

    /** This line with another transport protocol. */
    public MediaLine withProto(String newProto) {
        return of(media, port, portCount, newProto, formats);
    }

    /** The text after {@code "m="}. */
    public String content() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaLine other && other.content.equals(content);
    }

    @Override
    public int hashCode() {
        return 'm' * 31 + content.hashCode();
    }

    @Override
    public String toString() {
        return "m=" + content;
    }
}
