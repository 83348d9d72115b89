package io.siprtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The value of an {@code a=rtcp} line (RFC 3605 section 2.1):
 * {@code <port> [<nettype> <addrtype> <connection-address>]}.
 *
 * @param port the RTCP port
 * @param address the connection fields {@code IN IP4 192.0.2.1}, empty if absent
 */
public record Rtcp(int port, String address) {

    /** @throws IllegalArgumentException if the port is out of 0..65535 */
    public Rtcp {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("rtcp port out of range: " + port);
        }
        Tokens.requireLineSafe("rtcp address", address);
    }

    /** Parses an rtcp value; empty if malformed. */
    public static Optional<Rtcp> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static Rtcp parseOrNull(String value, String[] error) {
        List<String> t = Tokens.split(value);
        if (t.size() != 1 && t.size() != 4) {
            return Tokens.fail(error, "a=rtcp needs <port> [<nettype> <addrtype> <address>], got '"
                    + Tokens.excerpt(value) + "'");
        }
        int port = Tokens.parseBounded(t.get(0), 65535);
        if (port < 0) {
            return Tokens.fail(error, "a=rtcp port is not a number in 0..65535: '" + Tokens.excerpt(t.get(0)) + "'");
        }
        return new Rtcp(port, t.size() == 1 ? "" : String.join(" ", t.subList(1, 4)));
    }

    public String toValue() {
        return address.isEmpty() ? Integer.toString(port) : port + " " + address;
    }

    public Attribute toAttribute() {
        return Attribute.of("rtcp", toValue());
    }
}
