package io.siprtc.gateway.internal;

import java.util.Locale;

import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * Our blind transfer of one call (RFC 3515, RFC 5589 section 6): a REFER asking the far end to
 * call the target, then the far end's NOTIFYs ({@code message/sipfrag}) reporting on that call.
 * A 2xx in a NOTIFY ends our call with BYE; a failure leaves it as it was. Signalling thread only.
 */
final class Transfer {

    private final CallSession call;
    private String target;

    Transfer(CallSession call) {
        this.call = call;
    }

    boolean isPending() {
        return target != null;
    }

    /** Sends the REFER; the caller checked the call is connected and no transfer is pending. */
    void refer(String to) {
        target = to;
        SipRequest refer = call.dialog().request("REFER")
                .withHeader("Refer-To", "<" + to + ">")
                .withHeader("Referred-By", "<" + call.localUri() + ">");
        call.publish(CallEvent.Type.TRANSFER, "REFER to " + to);
        call.requests().send(refer, r -> {
            if (target == null) {
                return; // a NOTIFY already finished it
            }
            if (r.isSuccess()) {
                call.publish(CallEvent.Type.TRANSFER, "accepted by the far end (" + r.status() + " " + r.reason() + ")");
            } else {
                target = null;
                call.publish(CallEvent.Type.TRANSFER, "refused: " + r.status() + " " + r.reason());
            }
        });
    }

    /** A NOTIFY in the dialog (RFC 3515 section 2.4.4): progress of the call the far end made. */
    void onNotify(ServerTransaction tx) {
        SipRequest req = tx.request();
        String event = req.header("Event").orElse("").split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!"refer".equals(event)) {
            respond(tx, 489);
            return;
        }
        if (target == null) {
            respond(tx, 481); // no REFER of ours is pending: no such subscription
            return;
        }
        int status = sipfragStatus(req.bodyText());
        respond(tx, 200);
        boolean terminated = req.header("Subscription-State").orElse("").trim().toLowerCase(Locale.ROOT)
                .startsWith("terminated");
        String line = req.bodyText().split("\r?\n")[0].trim();
        call.publish(CallEvent.Type.TRANSFER, "target: " + (line.isEmpty() ? "(no status)" : line));
        if (status >= 200 && status < 300) {
            String to = target;
            target = null;
            call.publish(CallEvent.Type.TRANSFER, "succeeded: " + to + " answered");
            if (call.state() == CallState.CONNECTED) {
                call.terminate(CallEndReason.of(CallEndReason.Kind.LOCAL_HANGUP, "transferred to " + to), true);
            }
        } else if (status >= 300 || terminated) {
            target = null;
            call.publish(CallEvent.Type.TRANSFER, "failed: " + (status > 0 ? line : "subscription ended"));
        }
    }

    /** The status code of a {@code message/sipfrag} status line, or -1. */
    static int sipfragStatus(String body) {
        String first = body == null ? "" : body.trim().split("\r?\n")[0].trim();
        String[] p = first.split("\\s+");
        if (p.length < 2 || !p[0].startsWith("SIP/")) {
            return -1;
        }
        try {
            int s = Integer.parseInt(p[1]);
            return s >= 100 && s <= 699 ? s : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void respond(ServerTransaction tx, int status) {
        call.respondInDialog(tx, SipResponse.to(tx.request(), status));
    }
}
