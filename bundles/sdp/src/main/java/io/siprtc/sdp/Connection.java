package io.siprtc.sdp;

import java.util.List;

/**
 * A c= line: {@code <nettype> <addrtype> <connection-address>} (RFC 8866 section 5.7). The
 * connection address is kept as written, including any {@code /ttl} or {@code /count} suffix.
 */
public final class Connection implements SdpLine {

    private final String netType;
    private final String addrType;
    private final String address;
    private final String content;

    private Connection(String netType, String addrType, String address, String content) {
        this.netType = netType;
        this.addrType = addrType;
        this.address = address;
        this.content = content;
    }

    /**
     * {@code IN IP4 <address>} or {@code IN IP6 <address>} for an IP address literal.
     *
     * @throws IllegalArgumentException if {@code address} is not an IPv4 or IPv6 literal
     */
    public static Connection of(String address) {
        AddressFamily family = AddressFamily.of(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address literal: " + address));
        return of("IN", family.addrType(), address);
    }

    /**
     * A connection line with the given fields.
     *
     * @throws IllegalArgumentException if a field is empty or holds a space
     */
    public static Connection of(String netType, String addrType, String address) {
        Tokens.requireToken("nettype", netType);
        Tokens.requireToken("addrtype", addrType);
        Tokens.requireToken("address", address);
        return new Connection(netType, addrType, address, netType + ' ' + addrType + ' ' + address);
    }

    /** Parses the content of a c= line; returns an error message in {@code error[0]} and null if bad. */
    static Connection parse(String content, String[] error) {
        List<String> t = Tokens.split(content);
        if (t.size() != 3) {
            error[0] = "c= line needs 3 fields (nettype addrtype address), got " + t.size();
            return null;
        }
        return new Connection(t.get(0), t.get(1), t.get(2), content);
    }

    public String netType() {
        return netType;
    }

    public String addrType() {
        return addrType;
    }

    /** The connection address as written, e.g. {@code 0.0.0.0} or {@code 224.2.1.1/127}. */
    public String address() {
        return address;
    }

    /** Whether the address is the unspecified {@code 0.0.0.0} or {@code ::}, as WebRTC writes before gathering. */
    public boolean isUnspecified() {
        return "0.0.0.0".equals(address) || "::".equals(address);
    }

    @Override
    public char type() {
        return 'c';
    }

    @Override
    public String content() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connection other && other.content.equals(content);
    }

    @Override
    public int hashCode() {
        return 'c' * 31 + content.hashCode();
    }

    @Override
    public String toString() {
        return "c=" + content;
    }
}
