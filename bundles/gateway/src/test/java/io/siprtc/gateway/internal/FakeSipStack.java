package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequestHandler;
import io.siprtc.api.sip.SipStack;

/** A SIP stack that opens {@link FakeSipEndpoint}s: nothing goes on the wire. */
final class FakeSipStack implements SipStack {

    /** When set, {@link #open} fails with it (an address in use, ...). */
    volatile String openFailure;
    private volatile FakeSipEndpoint last;

    @Override
    public SipEndpoint open(SipEndpointConfig config, SipRequestHandler handler) throws SipException {
        if (openFailure != null) {
            throw new SipException(openFailure);
        }
        FakeSipEndpoint e = new FakeSipEndpoint(config, handler);
        last = e;
        return e;
    }

    /** The endpoint opened last. */
    FakeSipEndpoint endpoint() {
        FakeSipEndpoint e = last;
        assertNotNull(e, "no endpoint was opened");
        return e;
    }
}
