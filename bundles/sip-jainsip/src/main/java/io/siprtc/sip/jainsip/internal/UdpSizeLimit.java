package io.siprtc.sip.jainsip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * RFC 3261 section 18.1.1: a request larger than 1300 bytes, when the path MTU is unknown (it
 * always is to us), must go over a congestion-controlled transport (TCP) instead of UDP, to the
 * same target, with the Via naming TCP. This says whether a request we would send over UDP is
 * such a request.
 */
final class UdpSizeLimit {

    /** The largest request we send over UDP, in bytes. */
    static final int MAX_UDP_REQUEST_BYTES = 1300;

    private UdpSizeLimit() {
    }

    /** True when the request, whose top Via is ours, would go over UDP and is larger than the limit. */
    static boolean exceededBy(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via == null || !"UDP".equalsIgnoreCase(via.getTransport())) {
            return false;
        }
        return ((SIPMessage) request).encodeAsBytes("UDP").length > MAX_UDP_REQUEST_BYTES;
    }
}
