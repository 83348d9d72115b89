package io.siprtc.api.sip;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One listening point of a stack, with its transaction layer. The endpoint adds the Via (with a
 * fresh branch), Max-Forwards and Content-Length; everything else in a request is the caller's.
 */
@ProviderType
public interface SipEndpoint extends AutoCloseable {

    /** The address the endpoint listens on. */
    String host();

    /** The port actually bound for a transport (the one chosen when 0 was configured). */
    int port(SipTransport transport);

    /**
     * Sends a request in a new client transaction to its next hop (the first Route, else the
     * Request-URI; its {@code transport} parameter picks the transport, UDP by default).
     * Not for ACK: see {@link #sendAck(SipRequest)}.
     */
    ClientTransaction send(SipRequest request, ResponseHandler handler) throws SipException;

    /** Sends the ACK for a 2xx: outside any transaction, as RFC 3261 section 13.2.2.4 says. */
    void sendAck(SipRequest ack) throws SipException;

    /** Stops listening; transactions under way end with {@link ResponseHandler#onTransportError}. */
    @Override
    void close();
}
