package io.siprtc.api.sip;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where an endpoint listens: an address, a port (0 picks a free one) and the transports; for
 * TLS also its own port (TLS and TCP cannot share one) and the {@link SipTlsConfig}.
 * Immutable; {@link #withTls} returns a changed copy.
 */
public final class SipEndpointConfig {

    private final String name;
    private final String host;
    private final int port;
    private final Set<SipTransport> transports;
    private final int tlsPort;
    private final SipTlsConfig tls;

    public SipEndpointConfig(String name, String host, int port, Set<SipTransport> transports) {
        this(name, host, port, transports, 0, SipTlsConfig.DEFAULT);
    }

    private SipEndpointConfig(String name, String host, int port, Set<SipTransport> transports, int tlsPort,
            SipTlsConfig tls) {
        this.name = Objects.requireNonNull(name);
        this.host = Objects.requireNonNull(host);
        this.port = checkPort(port);
        this.transports = transports.isEmpty() ? EnumSet.of(SipTransport.UDP) : EnumSet.copyOf(transports);
        this.tlsPort = checkPort(tlsPort);
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    /**
     * A copy with TLS settings and the TLS port (0 picks a free one); TLS is used only when
     * {@link #transports()} contains {@link SipTransport#TLS}.
     *
     * @since 1.1
     */
    public SipEndpointConfig withTls(SipTlsConfig settings, int port) {
        return new SipEndpointConfig(name, host, this.port, transports, port, settings);
    }

    /** The TLS listening port asked for (0: a free one). @since 1.1 */
    public int tlsPort() {
        return tlsPort;
    }

    /** TLS settings ({@link SipTlsConfig#DEFAULT} unless set). @since 1.1 */
    public SipTlsConfig tls() {
        return tls;
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
