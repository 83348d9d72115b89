package io.siprtc.sip.jainsip.internal;

import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipTransport;
import javax.sip.InvalidArgumentException;
import javax.sip.message.Response;

/** A received request in its JAIN-SIP server transaction, answered with neutral responses. */
final class JainServerTransaction implements ServerTransaction {

    /** Told about final responses (pending INVITEs, 2xx retransmission). */
    interface Owner {
        MessageConverter converter();

        void finalResponseSent(JainServerTransaction transaction, Response response);
    }

    private final javax.sip.ServerTransaction jain;
    private final SipRequest request;
    private final SipTransport transport;
    private final String source;
    private final Owner owner;
    private volatile boolean finalSent;

    JainServerTransaction(javax.sip.ServerTransaction jain, SipRequest request, SipTransport transport, String source,
            Owner owner) {
        this.jain = jain;
        this.request = request;
        this.transport = transport;
        this.source = source;
        this.owner = owner;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public SipTransport transport() {
        return transport;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public void respond(SipResponse response) throws SipException {
        Response jainResponse = owner.converter().toJain(response, jain.getRequest());
        try {
            jain.sendResponse(jainResponse);
        } catch (javax.sip.SipException | InvalidArgumentException | RuntimeException e) {
            throw new SipException("Cannot send " + response + ": " + e.getMessage(), e);
        }
        if (response.status() >= 200) {
            finalSent = true;
            owner.finalResponseSent(this, jainResponse);
        }
    }

    boolean isFinalSent() {
        return finalSent;
    }

    String branch() {
        return jain.getBranchId();
    }

    javax.sip.ServerTransaction jain() {
        return jain;
    }
}
