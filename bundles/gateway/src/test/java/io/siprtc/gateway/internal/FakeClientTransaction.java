package io.siprtc.gateway.internal;

import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** A request the gateway sent; the test answers it as the far end (on the test thread, like a stack thread). */
final class FakeClientTransaction implements ClientTransaction {

    /** The far end's tag in its responses. */
    static final String FAR_TAG = "bobtag77";
    /** The far end's Contact in its responses: where in-dialog requests go. */
    static final String FAR_CONTACT = "sip:bob@192.0.2.20:5072;transport=udp";

    private final SipRequest request;
    private final ResponseHandler handler;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    /** Where it was sent, when the gateway named a hop (RFC 3263 location); null when the stack routes it. */
    volatile SipHop hop;

    FakeClientTransaction(SipRequest request, ResponseHandler handler) {
        this.request = request;
        this.handler = handler;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public void cancel() {
        cancelled.countDown();
    }

    void awaitCancel() {
        Waits.await(cancelled, "the gateway to cancel " + request);
    }

    boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** A response of the far end: To tag and, for 1xx/2xx, its Contact. */
    SipResponse response(int status) {
        SipResponse r = SipResponse.to(request, status);
        if (status > 100) {
            r = r.withToTag(FAR_TAG);
        }
        if (status > 100 && status < 300) {
            r = r.withHeader("Contact", "<" + FAR_CONTACT + ">");
        }
        return r;
    }

    void respond(int status) {
        handler.onResponse(response(status));
    }

    void respond(SipResponse response) {
        handler.onResponse(response);
    }

    /** 200 OK with an SDP answer, through the given proxies (Record-Route in the order a proxy chain writes them). */
    void answer(String sdp, String... recordRoutes) {
        SipResponse r = response(200).withBody("application/sdp", sdp.getBytes(StandardCharsets.UTF_8));
        for (String rr : recordRoutes) {
            r = r.addHeader("Record-Route", rr);
        }
        handler.onResponse(r);
    }

    void timeout() {
        handler.onTimeout();
    }

    void transportError(String message) {
        handler.onTransportError(message);
    }
}
