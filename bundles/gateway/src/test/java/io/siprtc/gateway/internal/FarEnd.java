package io.siprtc.gateway.internal;

import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** The far end, bob at 192.0.2.20:5072, building the requests it sends to alice (our account). */
final class FarEnd {

    static final String AOR = "sip:bob@192.0.2.20:5072";
    static final String CONTACT = "sip:bob@192.0.2.20:5072;transport=udp";
    /** Alice's address of record and contact: the fake endpoint binds port 5070. */
    static final String ALICE = "sip:alice@127.0.0.1:" + FakeSipEndpoint.PORT;
    static final String TAG = "bobtag1";

    private static final AtomicInteger BRANCHES = new AtomicInteger();

    final String callId;
    private long cseq = 4711;
    private final long inviteSeq = cseq;

    FarEnd(String callId) {
        this.callId = callId;
    }

    /** An initial INVITE with the far end's SDP offer, through two proxies that record-route. */
    SipRequest invite() {
        return invite("application/sdp", Sdps.FAR_END_OFFER);
    }

    /** An initial INVITE; a null body makes an offerless INVITE. */
    SipRequest invite(String contentType, String body) {
        SipRequest r = base("INVITE", ALICE, "<" + ALICE + ">", inviteSeq)
                .addHeader("Record-Route", "<sip:p1.example.org;lr>")
                .addHeader("Record-Route", "<sip:p2.example.org;lr>");
        return body == null ? r : r.withBody(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The ACK for our 200 OK: the INVITE's CSeq number, our To tag. */
    SipRequest ack(SipResponse ok) {
        return base("ACK", ALICE, ok.header("To").orElseThrow(), inviteSeq);
    }

    /** A new request in the dialog our 200 OK (or any response with our To tag) set up. */
    SipRequest inDialog(String method, SipResponse ours) {
        return base(method, ALICE, ours.header("To").orElseThrow(), ++cseq);
    }

    /** A request outside any dialog (OPTIONS, MESSAGE, ...). */
    SipRequest outOfDialog(String method) {
        return base(method, ALICE, "<" + ALICE + ">", ++cseq);
    }

    private SipRequest base(String method, String requestUri, String to, long seq) {
        return SipRequest.of(method, requestUri)
                .withHeader("Via", "SIP/2.0/UDP 192.0.2.20:5072;branch=z9hG4bK-test" + BRANCHES.incrementAndGet())
                .withHeader("From", "\"Bob\" <" + AOR + ">;tag=" + TAG)
                .withHeader("To", to)
                .withHeader("Call-ID", callId)
                .withHeader("CSeq", seq + " " + method)
                .withHeader("Contact", "<" + CONTACT + ">")
                .withHeader("Max-Forwards", "70");
    }
}
