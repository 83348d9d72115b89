package io.siprtc.gateway.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallListener;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * A REFER the far end sent us (RFC 3515 as transferee): accepted with 202, the target called
 * from the same account, and the new call's progress reported back in NOTIFYs with a
 * {@code message/sipfrag} body until it is answered or fails. The transferor ends our call.
 */
final class ReferredCall implements CallListener {

    private static final Logger LOG = Logger.getLogger(ReferredCall.class.getName());
    private static final String SIPFRAG = "message/sipfrag;version=2.0";
    /** How long the implicit subscription lasts (RFC 3515 section 2.4.4). */
    private static final int EXPIRES = 60;

    private final CallSession call;
    private volatile String newCallId;
    private boolean finished;

    private ReferredCall(CallSession call) {
        this.call = call;
    }

    /** Handles the REFER on the signalling thread. */
    static void accept(CallSession call, ServerTransaction tx) {
        SipRequest req = tx.request();
        List<String> referTo = req.headerValues("Refer-To");
        if (referTo.size() != 1 || SipMessage.uriOf(referTo.get(0)).isEmpty()) {
            respond(call, tx, SipResponse.to(req, 400).withReason("Exactly one Refer-To needed"));
            return;
        }
        String uri = SipMessage.uriOf(referTo.get(0));
        String lower = uri.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("sip:") && !lower.startsWith("sips:")) {
            respond(call, tx, SipResponse.to(req, 416));
            return;
        }
        if (uri.indexOf('?') >= 0) {
            // Embedded headers (Replaces: attended transfer) or a method other than INVITE.
            respond(call, tx, SipResponse.to(req, 501).withReason("Refer-To with headers not supported"));
            return;
        }
        respond(call, tx, SipResponse.to(req, 202));
        call.publish(CallEvent.Type.TRANSFER, "the far end transfers us to " + uri);
        new ReferredCall(call).start(uri);
    }

    private void start(String target) {
        notifyProgress("SIP/2.0 100 Trying", false);
        call.context().events.add(this);
        Call placed;
        try {
            placed = call.context().dialler.dial(call.accountId(), target);
        } catch (CallException e) {
            call.context().events.remove(this);
            notifyProgress("SIP/2.0 400 Bad Request", true);
            call.publish(CallEvent.Type.TRANSFER, "cannot call " + target + ": " + e.getMessage());
            return;
        }
        newCallId = placed.id();
        call.publish(CallEvent.Type.TRANSFER, "calling " + target + " (call " + placed.id() + ")");
        if (placed.state().isFinal()) {
            call.context().signalling.execute(() -> onNewCallState(placed, placed.state()));
        }
    }

    @Override
    public void onCallEvent(CallEvent event) {
        if (event.type() == CallEvent.Type.STATE_CHANGED && event.call().id().equals(newCallId)) {
            Call c = event.call();
            CallState to = event.to();
            call.context().signalling.execute(() -> onNewCallState(c, to));
        }
    }

    /** One state change of the new call, in order (the state it moved to, not the one it has now). */
    private void onNewCallState(Call placed, CallState s) {
        if (finished) {
            return;
        }
        if (s == CallState.RINGING) {
            notifyProgress("SIP/2.0 180 Ringing", false);
        } else if (s == CallState.CONNECTED) {
            finish("SIP/2.0 200 OK");
        } else if (s.isFinal()) {
            CallEndReason r = placed.endReason().orElse(CallEndReason.of(CallEndReason.Kind.ERROR, "ended"));
            int status = r.sipStatus() >= 300 ? r.sipStatus() : 503;
            finish("SIP/2.0 " + status + " " + SipResponse.defaultReason(status));
        }
    }

    private void finish(String statusLine) {
        finished = true;
        call.context().events.remove(this);
        notifyProgress(statusLine, true);
    }

    private void notifyProgress(String statusLine, boolean terminated) {
        if (call.state().isFinal() || call.state() == CallState.ENDING) {
            return; // the transferor already hung up: nobody to tell
        }
        SipRequest notify = call.dialog().request("NOTIFY")
                .withHeader("Event", "refer")
                .withHeader("Subscription-State", terminated ? "terminated;reason=noresource" : "active;expires=" + EXPIRES)
                .withBody(SIPFRAG, (statusLine + "\r\n").getBytes(StandardCharsets.UTF_8));
        call.requests().send(notify, r -> {
            if (!r.isSuccess()) {
                LOG.fine(() -> call.id() + ": NOTIFY answered " + r.status());
            }
        });
        call.publish(CallEvent.Type.TRANSFER, "NOTIFY " + statusLine);
    }

    private static void respond(CallSession call, ServerTransaction tx, SipResponse r) {
        if (call.respondInDialog(tx, r)) {
            call.publish(CallEvent.Type.SIP_SENT, r.status() + " " + r.reason() + " (REFER)");
        }
    }
}
