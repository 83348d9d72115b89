package io.siprtc.gateway.internal;

import java.util.Optional;
import java.util.logging.Logger;

import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * Session timers (RFC 4028) for one call: the interval we ask for and grant, who refreshes, and
 * the one timer that runs: the refresher's (a refresh at half the interval, by UPDATE when the
 * far end allows it, else by re-INVITE) or the other side's (BYE when no refresh came by the
 * interval minus min(32 s, a third of it), section 10). Runs on the signalling thread only.
 */
final class SessionTimer {

    private static final Logger LOG = Logger.getLogger(SessionTimer.class.getName());
    /** The smallest interval RFC 4028 allows (section 4). */
    static final int MIN_SE_FLOOR = 90;

    private final CallSession call;
    /** What we ask for, in seconds; 0 turns session timers off (we still answer them). */
    private int requested;
    private final int minSe;
    private int interval;
    private boolean weRefresh;
    private Scheduler.Timer timer;

    SessionTimer(CallSession call, int sessionExpires, int minSe) {
        this.call = call;
        this.minSe = Math.max(MIN_SE_FLOOR, minSe);
        this.requested = sessionExpires <= 0 ? 0 : Math.max(sessionExpires, this.minSe);
    }

    /** The negotiated interval in seconds, 0 while there is none. */
    int interval() {
        return interval;
    }

    boolean weRefresh() {
        return weRefresh;
    }

    /**
     * The session-timer headers of an INVITE, re-INVITE or UPDATE we send. A refresh by us says
     * {@code refresher=uac} (we are that transaction's client).
     */
    SipRequest decorate(SipRequest request, boolean refresh) {
        SipRequest r = request.withHeader("Supported", SipCapabilities.SUPPORTED);
        int se = interval > 0 ? interval : requested;
        if (se <= 0) {
            return r;
        }
        String refresher = refresh && interval > 0 ? ";refresher=" + (weRefresh ? "uac" : "uas") : "";
        return r.withHeader("Session-Expires", se + refresher).withHeader("Min-SE", String.valueOf(minSe));
    }

    /**
     * A 422 to our INVITE (section 7.3): true when its Min-SE lets us ask again with a larger
     * interval; false when it gives none, or none larger than what we asked.
     */
    boolean acceptMinSe(SipResponse tooSmall) {
        int theirs = seconds(tooSmall.header("Min-SE").orElse(null));
        int asked = interval > 0 ? interval : requested;
        if (theirs <= 0 || theirs <= asked) {
            return false;
        }
        requested = theirs;
        interval = 0;
        return true;
    }

    /** The 2xx to our INVITE, re-INVITE or UPDATE: interval and refresher (section 7.2). */
    void onSuccess(SipResponse ok) {
        Optional<Expires> granted = Expires.parse(ok.header("Session-Expires").orElse(null));
        if (granted.isPresent()) {
            interval = granted.get().delta;
            // No refresher parameter in the 2xx: the UAC (we) refresh.
            weRefresh = !"uas".equalsIgnoreCase(granted.get().refresher);
        } else if (requested > 0) {
            // The far end does not do session timers: we may still refresh (section 7.2).
            interval = requested;
            weRefresh = true;
        } else {
            interval = 0;
        }
        arm();
    }

    /** A request asking for too short an interval gets 422 with our Min-SE (section 8.1): that value, else null. */
    Integer tooSmall(SipRequest request) {
        Optional<Expires> asked = Expires.parse(request.header("Session-Expires").orElse(null));
        return asked.isPresent() && asked.get().delta < minSe ? minSe : null;
    }

    /**
     * Our 2xx to the far end's INVITE, re-INVITE or UPDATE (section 9), with the interval and the
     * refresher it settles, and the timers armed for it.
     */
    SipResponse grant(SipRequest request, SipResponse ok) {
        Optional<Expires> asked = Expires.parse(request.header("Session-Expires").orElse(null));
        boolean uacSupports = SipCapabilities.hasOption(String.join(",", request.headerValues("Supported")), "timer");
        int value;
        String refresher;
        if (asked.isPresent()) {
            value = asked.get().delta;
            refresher = asked.get().refresher != null ? asked.get().refresher.toLowerCase()
                    : uacSupports ? "uac" : "uas";
            if (!uacSupports) {
                refresher = "uas";
            }
        } else if (requested > 0) {
            value = requested;
            refresher = "uas";
        } else {
            interval = 0;
            cancel();
            return ok;
        }
        interval = value;
        weRefresh = "uas".equals(refresher);
        arm();
        SipResponse r = ok.withHeader("Session-Expires", value + ";refresher=" + refresher);
        return "uac".equals(refresher) ? r.withHeader("Require", "timer") : r;
    }

    /** The call ended or left CONNECTED for good. */
    void stop() {
        cancel();
    }

    private void arm() {
        cancel();
        if (interval <= 0 || call.state().isFinal()) {
            return;
        }
        if (weRefresh) {
            timer = call.context().later(this::refresh, interval * 1000L / 2);
        } else {
            long expiry = interval - Math.min(32, interval / 3);
            timer = call.context().later(this::expire, expiry * 1000L);
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void refresh() {
        timer = null;
        if (call.state() != CallState.CONNECTED) {
            return;
        }
        if (!call.dialog().remoteAllows("UPDATE")) {
            call.modification().refresh();
            return;
        }
        SipRequest update = decorate(call.dialog().request("UPDATE"), true).withHeader("Allow", SipCapabilities.ALLOW);
        call.publish(CallEvent.Type.SIP_SENT, "UPDATE (session refresh)");
        call.requests().send(update, r -> {
            if (call.state() != CallState.CONNECTED) {
                return;
            }
            call.publish(CallEvent.Type.SIP_RECEIVED, r.status() + " " + r.reason() + " (UPDATE)");
            if (r.isSuccess()) {
                onSuccess(r);
                call.publish(CallEvent.Type.RENEGOTIATED, "session refreshed (UPDATE)");
            } else if (r.status() == 422 && acceptMinSe(r)) {
                refresh();
            } else if (r.status() == 481 || r.status() == 408) {
                call.terminate(new CallEndReason(CallEndReason.Kind.TIMEOUT, r.status(),
                        "session refresh failed: " + r.status() + " " + r.reason()), r.status() == 408);
            } else {
                LOG.fine(() -> call.id() + ": UPDATE refused (" + r.status() + "), refreshing by re-INVITE");
                call.modification().refresh();
            }
        });
    }

    private void expire() {
        timer = null;
        if (call.state() == CallState.CONNECTED) {
            call.terminate(new CallEndReason(CallEndReason.Kind.TIMEOUT, 408,
                    "session expired: no refresh within " + interval + " s (RFC 4028)"), true);
        }
    }

    private static int seconds(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value.split(";")[0].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A Session-Expires value: delta-seconds and the optional refresher parameter. */
    static final class Expires {
        final int delta;
        final String refresher;

        private Expires(int delta, String refresher) {
            this.delta = delta;
            this.refresher = refresher;
        }

        static Optional<Expires> parse(String value) {
            int delta = seconds(value);
            if (delta <= 0) {
                return Optional.empty();
            }
            String refresher = null;
            for (String p : value.split(";")) {
                String t = p.trim();
                if (t.regionMatches(true, 0, "refresher=", 0, 10)) {
                    refresher = t.substring(10).trim();
                }
            }
            if (refresher != null && !"uac".equalsIgnoreCase(refresher) && !"uas".equalsIgnoreCase(refresher)) {
                refresher = null;
            }
            return Optional.of(new Expires(delta, refresher));
        }
    }
}
