package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipTransport;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A request from the far end; records the gateway's responses. */
final class FakeServerTransaction implements ServerTransaction {

    private final SipRequest request;
    private final BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
    /** When set, respond fails with it (the transaction already timed out, the stack is gone, ...). */
    volatile String respondFailure;

    FakeServerTransaction(SipRequest request) {
        this.request = request;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public SipTransport transport() {
        return SipTransport.UDP;
    }

    @Override
    public String source() {
        return "192.0.2.20:5072";
    }

    @Override
    public void respond(SipResponse response) throws SipException {
        if (respondFailure != null) {
            throw new SipException(respondFailure);
        }
        responses.add(response);
    }

    /** The next response; it must have this status. */
    SipResponse expect(int status) {
        SipResponse r = Waits.take(responses, "a " + status + " to " + request.method());
        assertEquals(status, r.status(), () -> "expected " + status + " to " + request.method() + ", got " + r
                + r.header("Warning").map(w -> " Warning: " + w).orElse(""));
        return r;
    }

    /** Call after the gateway went idle (see {@link GatewayFixture#sync()}). */
    void assertNoMoreResponses() {
        assertTrue(responses.isEmpty(), () -> "unexpected response: " + responses.peek());
    }
}
