package io.siprtc.sip.jainsip.internal;

import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.address.Hop;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One request we sent, its JAIN-SIP client transaction and the gateway's handler. Keeps the
 * RFC 3261 section 9.1 rule: a CANCEL waits for the first provisional response.
 */
final class JainClientTransaction implements ClientTransaction {

    private static final Logger LOG = Logger.getLogger(JainClientTransaction.class.getName());

    /** Application data of the client transactions that carry our CANCELs. */
    static final Object CANCEL_MARKER = new Object();

    /** What the endpoint does for a transaction (keeps this class free of stack plumbing). */
    interface Owner {
        /** Sends a CANCEL for the INVITE in a new client transaction. */
        void sendCancel(javax.sip.ClientTransaction invite) throws SipException;

        MessageConverter converter();
    }

    private final SipRequest request;
    private final ResponseHandler handler;
    private final javax.sip.ClientTransaction jain;
    private final Owner owner;
    private final Object lock = new Object();
    private boolean provisionalSeen;
    private boolean cancelRequested;
    private boolean cancelSent;
    private boolean finished;
    private boolean succeeded;

    JainClientTransaction(SipRequest request, ResponseHandler handler, javax.sip.ClientTransaction jain, Owner owner) {
        this.request = request;
        this.handler = handler;
        this.jain = jain;
        this.owner = owner;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public void cancel() throws SipException {
        if (!Request.INVITE.equals(request.method())) {
            throw new SipException("Only an INVITE can be cancelled: " + request);
        }
        boolean sendNow;
        synchronized (lock) {
            if (finished || cancelRequested) {
                return;
            }
            cancelRequested = true;
            sendNow = provisionalSeen && !cancelSent;
            cancelSent = sendNow;
        }
        if (sendNow) {
            owner.sendCancel(jain);
        } else {
            LOG.fine(() -> "CANCEL deferred until a provisional response: " + request);
        }
    }

    void onResponse(Response response) {
        int status = response.getStatusCode();
        boolean sendCancel = false;
        synchronized (lock) {
            if (status < 200) {
                provisionalSeen = true;
                if (cancelRequested && !cancelSent && !finished) {
                    cancelSent = true;
                    sendCancel = true;
                }
            } else {
                finished = true;
                succeeded |= status < 300;
            }
        }
        if (sendCancel) {
            try {
                owner.sendCancel(jain);
            } catch (SipException e) {
                LOG.log(Level.WARNING, "Deferred CANCEL failed for " + request, e);
            }
        }
        Callbacks.run("onResponse", () -> handler.onResponse(owner.converter().toNeutral(response)));
    }

    void onTimeout() {
        if (finish()) {
            Callbacks.run("onTimeout", handler::onTimeout);
        }
    }

    void onTransportError(String message) {
        if (finish()) {
            Callbacks.run("onTransportError", () -> handler.onTransportError(message));
        }
    }

    /** JAIN-SIP ended the transaction: without a final response that is a transport failure. */
    void onTerminated() {
        onTransportError("transaction ended without a final response: " + request);
    }

    /** A 2xx to an INVITE came: 2xx retransmissions may still follow after the transaction ended. */
    boolean acceptsLateResponses() {
        synchronized (lock) {
            return succeeded && Request.INVITE.equals(request.method());
        }
    }

    boolean isTo(String host, int port, String transport) {
        Hop hop = ((gov.nist.javax.sip.ClientTransactionExt) jain).getNextHop();
        return hop != null && hop.getPort() == port && hop.getHost().equalsIgnoreCase(host)
                && hop.getTransport().equalsIgnoreCase(transport);
    }

    String method() {
        return request.method();
    }

    private boolean finish() {
        synchronized (lock) {
            if (finished) {
                return false;
            }
            finished = true;
            return true;
        }
    }
}
