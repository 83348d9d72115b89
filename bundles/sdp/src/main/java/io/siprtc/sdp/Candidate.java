package io.siprtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An ICE candidate, the value of an {@code a=candidate} line (RFC 8839 section 5.1):
 * {@code <foundation> <component> <transport> <priority> <address> <port> typ <type>
 * [raddr <addr>] [rport <port>] *(<ext-name> <ext-value>)}. Extensions (e.g. libwebrtc's
 * {@code generation}, {@code ufrag}, {@code network-id}, {@code network-cost}) are kept in order.
 * Immutable; {@link #toValue()} writes it back (raddr/rport right after the type).
 */
public final class Candidate {

    /** One extension name/value pair of a candidate line. */
    public record Extension(String name, String value) {
        /** @throws IllegalArgumentException if the name or value is not a token */
        public Extension {
            Tokens.requireToken("extension name", name);
            Tokens.requireToken("extension value", value);
        }
    }

    private final String foundation;
    private final int component;
    private final String transport;
    private final long priority;
    private final String address;
    private final int port;
    private final String type;
    private final String relAddr;
    private final int relPort;
    private final List<Extension> extensions;

    private Candidate(String foundation, int component, String transport, long priority, String address,
            int port, String type, String relAddr, int relPort, List<Extension> extensions) {
        this.foundation = foundation;
        this.component = component;
        this.transport = transport;
        this.priority = priority;
        this.address = address;
        this.port = port;
        this.type = type;
        this.relAddr = relAddr;
        this.relPort = relPort;
        this.extensions = extensions;
    }

    /**
     * A candidate without related address or extensions.
     *
     * @throws IllegalArgumentException if a field is not a token or a number is out of range
     */
    public static Candidate of(String foundation, int component, String transport, long priority,
            String address, int port, String type) {
        return create(foundation, component, transport, priority, address, port, type, null, -1, List.of());
    }

    private static Candidate create(String foundation, int component, String transport, long priority,
            String address, int port, String type, String relAddr, int relPort, List<Extension> extensions) {
        Tokens.requireToken("foundation", foundation);
        Tokens.requireToken("transport", transport);
        Tokens.requireToken("address", address);
        Tokens.requireToken("type", type);
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component out of 1..256: " + component);
        }
        if (priority < 0 || priority > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (relAddr != null) {
            Tokens.requireToken("raddr", relAddr);
        }
        if (relPort < -1 || relPort > 65535) {
            throw new IllegalArgumentException("rport out of range: " + relPort);
        }
        return new Candidate(foundation, component, transport, priority, address, port, type, relAddr, relPort,
                List.copyOf(extensions));
    }

    /**
     * Parses a candidate attribute value (the text after {@code a=candidate:}).
     *
     * @throws IllegalArgumentException if it is malformed
     */
    public static Candidate parse(String value) {
        Candidate c = parseOrNull(value);
        if (c == null) {
            throw new IllegalArgumentException("malformed candidate: '" + Tokens.excerpt(String.valueOf(value)) + "'");
        }
        return c;
    }

    /** Parses a candidate attribute value; empty if it is malformed (no exception is thrown). */
    public static Optional<Candidate> tryParse(String value) {
        return Optional.ofNullable(parseOrNull(value));
    }

    /** Parses a candidate attribute value, or returns null if it is malformed (no exception). */
    static Candidate parseOrNull(String value) {
        if (value == null) {
            return null;
        }
        List<String> t = Tokens.split(value);
        int n = t.size();
        if (n < 8 || !"typ".equals(t.get(6)) || (n - 8) % 2 != 0) {
            return null;
        }
        int component = Tokens.parseBounded(t.get(1), 256);
        long priority = Tokens.parseLong(t.get(3));
        int port = Tokens.parseBounded(t.get(5), 65535);
        if (component < 1 || priority < 0 || priority > 0xFFFFFFFFL || port < 0) {
            return null;
        }
        String relAddr = null;
        int relPort = -1;
        List<Extension> ext = n == 8 ? List.of() : new ArrayList<>((n - 8) / 2);
        for (int i = 8; i < n; i += 2) {
            String k = t.get(i);
            String v = t.get(i + 1);
            if ("raddr".equals(k) && relAddr == null) {
                relAddr = v;
            } else if ("rport".equals(k) && relPort < 0) {
                relPort = Tokens.parseBounded(v, 65535);
                if (relPort < 0) {
                    return null;
                }
            } else {
                ext.add(new Extension(k, v));
            }
        }
        return new Candidate(t.get(0), component, t.get(2), priority, t.get(4), port, t.get(7), relAddr, relPort,
                n == 8 ? ext : List.copyOf(ext));
    }

    public String foundation() {
        return foundation;
    }

    /** The component id: 1 for RTP, 2 for RTCP. */
    public int component() {
        return component;
    }

    /** The transport as written, e.g. {@code udp} or {@code UDP}. */
    public String transport() {
        return transport;
    }

    /** Whether the transport is UDP (case-insensitive). */
    public boolean isUdp() {
        return "udp".equalsIgnoreCase(transport);
    }

    public long priority() {
        return priority;
    }

    /** The connection address: an IP literal or a host name (e.g. an mDNS {@code .local} name). */
    public String address() {
        return address;
    }

    /** The family of the address if it is an IP literal. */
    public Optional<AddressFamily> addressFamily() {
        return AddressFamily.of(address);
    }

    public int port() {
        return port;
    }

    /** The candidate type, e.g. {@code host}, {@code srflx}, {@code prflx}, {@code relay}. */
    public String type() {
        return type;
    }

    /** Whether the type is {@code host}. */
    public boolean isHost() {
        return "host".equals(type);
    }

    /** The related address ({@code raddr}), if present. */
    public Optional<String> relAddr() {
        return Optional.ofNullable(relAddr);
    }

    /** The related port ({@code rport}), if present. */
    public OptionalInt relPort() {
        return relPort < 0 ? OptionalInt.empty() : OptionalInt.of(relPort);
    }

    /** The extension name/value pairs, in order, unmodifiable. */
    public List<Extension> extensions() {
        return extensions;
    }

    /** The value of the first extension named {@code name}. */
    public Optional<String> extension(String name) {
        for (Extension e : extensions) {
            if (e.name().equals(name)) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** This candidate with another address. */
    public Candidate withAddress(String newAddress) {
        return create(foundation, component, transport, priority, newAddress, port, type, relAddr, relPort,
                extensions);
    }

    /** This candidate with another port. */
    public Candidate withPort(int newPort) {
        return create(foundation, component, transport, priority, address, newPort, type, relAddr, relPort,
                extensions);
    }

    /** This candidate with a related address and port ({@code null} / -1 to drop them). */
    public Candidate withRelated(String newRelAddr, int newRelPort) {
        return create(foundation, component, transport, priority, address, port, type, newRelAddr, newRelPort,
                extensions);
    }

    /** This candidate with other extensions. */
    public Candidate withExtensions(List<Extension> newExtensions) {
        return create(foundation, component, transport, priority, address, port, type, relAddr, relPort,
                newExtensions);
    }

    /** The attribute value: the text after {@code a=candidate:}. */
    public String toValue() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        if (relAddr != null) {
            sb.append(" raddr ").append(relAddr);
        }
        if (relPort >= 0) {
            sb.append(" rport ").append(relPort);
        }
        for (Extension e : extensions) {
            sb.append(' ').append(e.name()).append(' ').append(e.value());
        }
        return sb.toString();
    }

    /** This candidate as an {@code a=candidate} line. */
    public Attribute toAttribute() {
        return Attribute.of("candidate", toValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Candidate c && c.component == component && c.priority == priority && c.port == port
                && c.relPort == relPort && c.foundation.equals(foundation) && c.transport.equals(transport)
                && c.address.equals(address) && c.type.equals(type) && Objects.equals(c.relAddr, relAddr)
                && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(foundation, component, address, port, type);
    }

    @Override
    public String toString() {
        return "candidate:" + toValue();
    }
}
