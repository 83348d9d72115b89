package io.siprtc.gateway.internal;

import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;

/** Small readings of received requests. */
final class SipRequestUris {

    private SipRequestUris() {
    }

    /** The caller's URI from the From header. */
    static String fromUri(SipRequest request) {
        return SipMessage.uriOf(request.header("From").orElse("")); 
    }

    /** The To tag of a request, null for an initial request. */
    static String toTag(SipRequest request) {
        return SipMessage.tagOf(request.header("To").orElse(""));
    }
}
