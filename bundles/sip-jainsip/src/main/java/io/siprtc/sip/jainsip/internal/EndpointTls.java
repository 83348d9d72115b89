package io.siprtc.sip.jainsip.internal;

import gov.nist.core.net.NetworkLayer;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipTlsConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * TLS for one endpoint's JAIN-SIP stack: its {@link SSLContext} (see {@link TlsContexts}), the
 * {@link TlsNetworkLayer} that uses it, and the stack properties JAIN-SIP RI 1.3.0-91 needs
 * (it otherwise offers TLS 1.0-1.2 only, with four cipher suites of which two are anonymous).
 *
 * @param context the endpoint's TLS context
 * @param verifyHostname whether server certificates must name the host connected to
 */
record EndpointTls(SSLContext context, boolean verifyHostname) {

    /** How long JAIN-SIP waits for a TLS handshake before it closes the socket. */
    static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    static EndpointTls of(SipTlsConfig config) throws SipException {
        return new EndpointTls(TlsContexts.create(config), config.verifyHostname());
    }

    /** Adds the TLS properties of the stack. */
    void addTo(Properties p) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS",
                String.join(",", PROTOCOLS.stream().filter(supported::contains).toList()));
        // The JDK's defaults (forward secret suites first), not JAIN-SIP's fixed 2007 list.
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES",
                String.join(",", context.getDefaultSSLParameters().getCipherSuites()));
        // A user agent does not ask the proxies that connect to it for a certificate.
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        // A server that accepts the connection but never completes the handshake must not hold a request forever.
        p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", Long.toString(HANDSHAKE_TIMEOUT_MS));
    }

    NetworkLayer networkLayer() {
        return new TlsNetworkLayer(context, verifyHostname);
    }
}
