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
     * Request-URI; its {@code transport} parameter picks the transport, UDP by default). A request
     * over 1300 bytes that would go over UDP goes over TCP to the same host and port (RFC 3261
     * section 18.1.1), here and with an explicit hop. Not for ACK: see {@link #sendAck(SipRequest)}.
     */
    ClientTransaction send(SipRequest request, ResponseHandler handler) throws SipException;

    /**
     * Sends a request in a new client transaction to the given next hop, whatever its Route and
     * Request-URI say (RFC 3263: the caller located the server). The message is sent as given:
     * no Route is added; the Via names the hop's transport. A CANCEL of it goes to the same hop.
     * Not for ACK.
     *
     * @since 1.1
     */
    ClientTransaction send(SipRequest request, SipHop hop, ResponseHandler handler) throws SipException;

    /** Sends the ACK for a 2xx: outside any transaction, as RFC 3261 section 13.2.2.4 says. */
    void sendAck(SipRequest ack) throws SipException;

    /**
     * Sends a keep-alive to the hop (RFC 5626 section 4.4.1): over TCP or TLS a double CRLF
     * ("ping") on the connection to it, which is opened if there is none, so later requests reuse
     * it; over UDP a datagram with a double CRLF (which a SIP server ignores, RFC 3261 section
     * 7.5) to keep a NAT binding. The server's CRLF "pong" is read and dropped by the endpoint.
     *
     * @throws SipException when it cannot be sent (no such transport, connection refused, ...)
     * @since 1.1
     */
    void sendKeepAlive(SipHop hop) throws SipException;

    /** Stops listening; transactions under way end with {@link ResponseHandler#onTransportError}. */
    @Override
    void close();
}
