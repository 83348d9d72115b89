package io.siprtc.api.sip;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Where an endpoint listens: an address, a port (0 picks a free one) and the transports. */
public final class SipEndpointConfig {

    private final String name;
    private final String host;
    private final int port;
    private final Set<SipTransport> transports;

    public SipEndpointConfig(String name, String host, int port, Set<SipTransport> transports) {
        this.name = Objects.requireNonNull(name);
        this.host = Objects.requireNonNull(host);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        this.transports = transports.isEmpty() ? EnumSet.of(SipTransport.UDP) : EnumSet.copyOf(transports);
    }

    /** A label for logs (the account id). */
    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Set<SipTransport> transports() {
        return EnumSet.copyOf(transports);
    }
}
