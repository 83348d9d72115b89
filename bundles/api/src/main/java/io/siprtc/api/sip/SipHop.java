package io.siprtc.api.sip;

import java.util.Locale;
import java.util.Objects;

/**
 * The next hop of a request (RFC 3263 section 4): the address a request is sent to, its port and
 * transport, as server location found them. The host is normally an IP address (no further name
 * lookup happens); a host name is resolved by the stack's own resolver.
 */
public final class SipHop {

    private final String host;
    private final int port;
    private final SipTransport transport;

    public SipHop(String host, int port, SipTransport transport) {
        Objects.requireNonNull(host, "host");
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.host = h.toLowerCase(Locale.ROOT);
        this.port = port;
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The host without brackets ({@code 192.0.2.1}, {@code 2001:db8::1}). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public SipTransport transport() {
        return transport;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipHop h && h.port == port && h.host.equals(host) && h.transport == transport;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, transport);
    }

    /** e.g. {@code 192.0.2.1:5060/UDP}, {@code [2001:db8::1]:5061/TLS}. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/" + transport;
    }
}
