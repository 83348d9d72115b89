package io.siprtc.sip.jainsip.internal;

import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipTransport;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;

/**
 * Creates and stops the JAIN-SIP stack of one endpoint: properties, listening points (one port
 * for every transport) and the provider.
 *
 * @param stack the JAIN-SIP stack
 * @param provider its provider, holding every listening point
 * @param ports the port bound per transport
 */
record EndpointStack(ReportingSipStack stack, SipProvider provider, Map<SipTransport, Integer> ports) {

    private static final Logger LOG = Logger.getLogger(EndpointStack.class.getName());
    private static final int BIND_ATTEMPTS = 5;
    private static final int UDP_RECEIVE_BUFFER = 1 << 20;

    /** The JAIN-SIP properties for one endpoint's stack. */
    static Properties properties(StackSettings settings, SipEndpointConfig config) {
        Properties p = new Properties();
        // SipFactory caches stacks by name; we bypass it, but keep names unique for the logs too.
        p.setProperty("javax.sip.STACK_NAME", "siprtc-" + config.name() + "-" + UUID.randomUUID());
        // Dialogs (tags, CSeq, route sets) are the gateway's job.
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // JAIN-SIP's default loggers need log4j 1.2; ours go to java.util.logging.
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JulServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", ReportingParserFactory.class.getName());
        // Requests sent to an explicit hop (SipEndpoint.send with a SipHop); the rest as JAIN-SIP routes them.
        p.setProperty("javax.sip.ROUTER_PATH", PinnedHopRouter.class.getName());
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(settings.threadPoolSize()));
        // A burst (a forking proxy's answers, a load test) must not overflow the socket while the
        // one reader thread copies datagrams into JAIN-SIP's queue; the kernel caps it at rmem_max.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_RECEIVE_BUFFER));
        // Listener calls come straight from the receiving threads instead of one event queue.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // Bounds what a TCP peer can make us buffer (UDP is bounded by the datagram size).
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(settings.maxMessageSize()));
        // Keep TCP connections: requests and responses of a flow reuse them (RFC 3261 18.2.2).
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        return p;
    }

    static EndpointStack start(StackSettings settings, SipEndpointConfig config) throws SipException {
        EndpointTls tls = config.transports().contains(SipTransport.TLS) ? EndpointTls.of(config.tls()) : null;
        SipException last = null;
        int attempts = config.port() == 0 ? BIND_ATTEMPTS : 1;
        for (int i = 0; i < attempts; i++) {
            int port = config.port();
            if (port == 0) {
                try {
                    port = FreePorts.pick(config.host());
                } catch (IOException e) {
                    throw new SipException("Cannot find a free port on " + config.host() + ": " + e.getMessage(), e);
                }
            }
            try {
                return bind(settings, config, port, tls);
            } catch (SipException e) {
                last = e;
                LOG.fine(() -> "Bind attempt failed: " + e.getMessage());
            }
        }
        throw last;
    }

    /** Binds every transport: UDP and TCP on the port, TLS on the TLS port (TLS and TCP cannot share one). */
    private static EndpointStack bind(StackSettings settings, SipEndpointConfig config, int port, EndpointTls tls)
            throws SipException {
        ReportingSipStack stack;
        try {
            Properties p = properties(settings, config);
            if (tls != null) {
                tls.addTo(p);
            }
            stack = new ReportingSipStack(p);
            stack.useNetworkLayer(new NoDelayNetworkLayer(
                    tls != null ? tls.networkLayer() : gov.nist.core.net.DefaultNetworkLayer.SINGLETON));
        } catch (javax.sip.PeerUnavailableException | RuntimeException e) {
            throw new SipException("Cannot create a JAIN-SIP stack for " + config.name() + ": " + e.getMessage(), e);
        }
        Map<SipTransport, Integer> ports = new EnumMap<>(SipTransport.class);
        SipProvider provider = null;
        SipTransport current = null;
        int currentPort = port;
        try {
            for (SipTransport transport : config.transports()) {
                current = transport;
                currentPort = transport == SipTransport.TLS ? tlsPort(config) : port;
                ListeningPoint lp = stack.createListeningPoint(config.host(), currentPort,
                        transport.name().toLowerCase(Locale.ROOT));
                if (provider == null) {
                    provider = stack.createSipProvider(lp);
                } else {
                    provider.addListeningPoint(lp);
                }
                ports.put(transport, lp.getPort());
            }
            return new EndpointStack(stack, provider, Collections.unmodifiableMap(ports));
        } catch (javax.sip.SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            stop(stack);
            throw new SipException("Cannot listen on " + config.host() + ":" + currentPort + "/" + current + " for "
                    + config.name() + ": " + e.getMessage(), e);
        }
    }

    private static int tlsPort(SipEndpointConfig config) {
        if (config.tlsPort() != 0) {
            return config.tlsPort();
        }
        try {
            return FreePorts.pickTcp(config.host());
        } catch (IOException e) {
            throw new IllegalStateException("no free TCP port for TLS on " + config.host() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the stack: JAIN-SIP's stop() closes every listening point and provider itself (about
     * 1 s; deleting the listening points first would cost another second for nothing).
     */
    static void stop(ReportingSipStack stack) {
        long start = System.nanoTime();
        try {
            stack.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "JAIN-SIP stack stop failed", e);
        }
        LOG.fine(() -> "JAIN-SIP stack stopped in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
