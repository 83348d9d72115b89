package io.siprtc.gateway.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * A SIP dialog (RFC 3261 section 12), kept by the gateway and not by any stack: Call-ID, tags,
 * CSeq numbers, route set and remote target, enough to send in-dialog requests through whichever
 * stack is bound now.
 */
final class Dialog {

    private final String callId;
    private final String localTag;
    private final String localUri;
    private final String remoteUri;
    private final String localContact;
    private String remoteTag;
    private String remoteTarget;
    private List<String> routeSet = List.of();
    private long localSeq;
    private long remoteSeq = -1;
    private boolean confirmed;
    /** The far end's Allow header, as it last sent one. */
    private String remoteAllow;

    Dialog(String callId, String localTag, String localUri, String remoteUri, String localContact, long localSeq) {
        this.callId = callId;
        this.localTag = localTag;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.localContact = localContact;
        this.localSeq = localSeq;
    }

    /** UAS side (RFC 3261 section 12.1.1): the dialog from a received INVITE. */
    static Dialog fromInvite(SipRequest invite, String localTag, String localContact) {
        String from = invite.header("From").orElse("");
        String to = invite.header("To").orElse("");
        Dialog d = new Dialog(invite.callId(), localTag, SipMessage.uriOf(to), SipMessage.uriOf(from), localContact, 0);
        d.remoteTag = SipMessage.tagOf(from);
        d.remoteSeq = invite.cseqNumber();
        d.remoteTarget = invite.header("Contact").map(SipMessage::uriOf).orElse(d.remoteUri);
        d.routeSet = List.copyOf(invite.headerValues("Record-Route"));
        d.remoteAllow = allowOf(invite);
        return d;
    }

    /** UAC side (RFC 3261 section 12.1.2): the remote tag, target and route set from a 2xx. */
    void confirm(SipResponse response) {
        remoteTag = SipMessage.tagOf(response.header("To").orElse(""));
        response.header("Contact").map(SipMessage::uriOf).ifPresent(c -> remoteTarget = c);
        List<String> rr = new ArrayList<>(response.headerValues("Record-Route"));
        Collections.reverse(rr);
        routeSet = List.copyOf(rr);
        if (response.header("Allow").isPresent()) {
            remoteAllow = allowOf(response);
        }
        confirmed = true;
    }

    /** UAS side: the ACK arrived. */
    void confirm() {
        confirmed = true;
    }

    /** All Allow values of a message as one list (a stack may give one header per method). */
    static String allowOf(SipMessage m) {
        return String.join(", ", m.headerValues("Allow"));
    }

    void setRemoteAllow(String allow) {
        remoteAllow = allow;
    }

    /** Whether the far end said it accepts the method (its Allow header). */
    boolean remoteAllows(String method) {
        return SipCapabilities.allows(remoteAllow, method);
    }

    boolean isConfirmed() {
        return confirmed;
    }

    String callId() {
        return callId;
    }

    String localTag() {
        return localTag;
    }

    String remoteTag() {
        return remoteTag;
    }

    String remoteTarget() {
        return remoteTarget != null ? remoteTarget : remoteUri;
    }

    void setRemoteTarget(String target) {
        this.remoteTarget = target;
    }

    long localSeq() {
        return localSeq;
    }

    /** Takes the next local CSeq number, e.g. for a request re-sent with credentials (RFC 3261 section 22.2). */
    long nextSeq() {
        return ++localSeq;
    }

    /** A new in-dialog request with the next local CSeq (RFC 3261 section 12.2.1.1). */
    SipRequest request(String method) {
        return build(method, ++localSeq);
    }

    /** The ACK for a 2xx: same CSeq number as the INVITE (RFC 3261 section 13.2.2.4). */
    SipRequest ack(long inviteSeq) {
        return build("ACK", inviteSeq);
    }

    /** Checks and records the CSeq of an in-dialog request; false for an out-of-order one. */
    boolean acceptRemoteSeq(long seq) {
        if (remoteSeq >= 0 && seq <= remoteSeq) {
            return false;
        }
        remoteSeq = seq;
        return true;
    }

    private SipRequest build(String method, long seq) {
        SipRequest r = SipRequest.of(method, remoteTarget())
                .withHeader("From", "<" + localUri + ">;tag=" + localTag)
                .withHeader("To", "<" + remoteUri + ">" + (remoteTag != null ? ";tag=" + remoteTag : ""))
                .withHeader("Call-ID", callId)
                .withHeader("CSeq", seq + " " + method)
                .withHeader("Max-Forwards", "70");
        for (String route : routeSet) {
            r = r.addHeader("Route", route);
        }
        if (!"ACK".equals(method)) {
            r = r.withHeader("Contact", "<" + localContact + ">");
        }
        return r;
    }
}
