package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipRequestHandler;
import io.siprtc.api.sip.SipTransport;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An endpoint that records what the gateway sends ({@link #nextRequest}, {@link #nextAck}) and
 * lets a test play the far end: it delivers requests to the account's handler as a stack thread
 * would ({@link #receive}, {@link #receiveAck}, {@link #receiveCancel}).
 */
final class FakeSipEndpoint implements SipEndpoint {

    /** The port "bound" when the account asks for port 0. */
    static final int PORT = 5070;

    private final SipEndpointConfig config;
    private final SipRequestHandler handler;
    private final BlockingQueue<FakeClientTransaction> sent = new LinkedBlockingQueue<>();
    private final BlockingQueue<SipRequest> acks = new LinkedBlockingQueue<>();
    /** When set, send and sendAck fail with it, as for an unresolvable or unroutable target. */
    volatile String sendFailure;
    volatile boolean closed;

    FakeSipEndpoint(SipEndpointConfig config, SipRequestHandler handler) {
        this.config = config;
        this.handler = handler;
    }

    @Override
    public String host() {
        return config.host();
    }

    @Override
    public int port(SipTransport transport) {
        return config.port() == 0 ? PORT : config.port();
    }

    @Override
    public ClientTransaction send(SipRequest request, ResponseHandler responses) throws SipException {
        if ("ACK".equals(request.method())) {
            throw new IllegalArgumentException("ACK goes through sendAck");
        }
        check();
        FakeClientTransaction tx = new FakeClientTransaction(request, responses);
        sent.add(tx);
        return tx;
    }

    /** Records the hop with the transaction ({@link FakeClientTransaction#hop}). */
    @Override
    public ClientTransaction send(SipRequest request, SipHop hop, ResponseHandler responses) throws SipException {
        if ("ACK".equals(request.method())) {
            throw new IllegalArgumentException("ACK goes through sendAck");
        }
        check();
        FakeClientTransaction tx = new FakeClientTransaction(request, responses);
        tx.hop = hop;
        sent.add(tx);
        return tx;
    }

    @Override
    public void sendAck(SipRequest ack) throws SipException {
        check();
        acks.add(ack);
    }

    /** Keep-alive pings sent, in order. */
    final BlockingQueue<SipHop> keepAlives = new LinkedBlockingQueue<>();

    @Override
    public void sendKeepAlive(SipHop hop) throws SipException {
        check();
        keepAlives.add(hop);
    }

    private void check() throws SipException {
        if (closed) {
            throw new SipException("endpoint closed");
        }
        String failure = sendFailure;
        if (failure != null) {
            throw new SipException(failure);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- the test's side -------------------------------------------------------------------

    SipRequestHandler handler() {
        return handler;
    }

    /** The next request the gateway sent in a transaction; it must have this method. */
    FakeClientTransaction nextRequest(String method) {
        FakeClientTransaction tx = Waits.take(sent, "the gateway to send " + method);
        assertEquals(method, tx.request().method(), () -> "expected " + method + ", the gateway sent " + tx.request());
        return tx;
    }

    /** The next request sent within the time, or null: for clean-ups that answer whatever comes. */
    FakeClientTransaction pollRequest(long millis) {
        try {
            return sent.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    SipRequest nextAck() {
        return Waits.take(acks, "the gateway to send ACK");
    }

    /** Call after the gateway went idle (see {@link GatewayFixture#sync()}). */
    void assertNothingSent() {
        assertTrue(sent.isEmpty(), () -> "unexpected request: " + sent.peek().request());
        assertTrue(acks.isEmpty(), () -> "unexpected ACK: " + acks.peek());
    }

    /** A request from the far end in a new server transaction. */
    FakeServerTransaction receive(SipRequest request) {
        FakeServerTransaction tx = new FakeServerTransaction(request);
        handler.onRequest(tx);
        return tx;
    }

    void receiveAck(SipRequest ack) {
        handler.onAck(ack);
    }

    /** A CANCEL for a pending INVITE; like a real stack, the CANCEL itself is already answered. */
    void receiveCancel(FakeServerTransaction invite) {
        handler.onCancel(invite);
    }
}
