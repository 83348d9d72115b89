package io.siprtc.gateway.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * One account's binding at its registrar (RFC 3261 section 10.2): REGISTER with digest
 * authentication, refresh before the granted expiry, back-off after failures, and the
 * unregistration (Expires: 0) when it stops. One Call-ID and rising CSeq numbers for all its
 * REGISTERs. Every step runs on the {@link Scheduler}, so the state needs no locks.
 */
final class Registration {

    private static final Logger LOG = Logger.getLogger(Registration.class.getName());
    /** The longest Min-Expires (RFC 3261 section 10.2.8) we follow: a week. */
    static final int MAX_MIN_EXPIRES = 7 * 24 * 3600;

    /** Sends a request outside any dialog through the account's endpoint. */
    interface Sender {
        ClientTransaction send(SipRequest request, ResponseHandler handler) throws SipException;
    }

    /** Told about each state change, on the scheduler thread. */
    interface Listener {
        void changed(RegistrationState from, RegistrationState to, String detail, int sipStatus);
    }

    private final AccountSettings settings;
    private final Sender sender;
    private final Scheduler scheduler;
    private final DigestClient digest;
    private final RegistrationBackoff backoff;
    private final Ids ids;
    private final Listener listener;
    private final String callId;
    private final String fromTag;

    private volatile RegistrationState state = RegistrationState.NONE;
    private volatile String detail = "";
    /** Our Contact: the configured one, or the one the registrar saw us at through a NAT ({@link NatContact}). */
    private volatile String contact;
    /** A Contact to remove in the next REGISTER (expires=0), after the NAT correction; null for none. */
    private String staleContact;
    /** The REGISTER with a corrected Contact is under way: its 2xx is taken as it is (no loop). */
    private boolean correcting;
    private long cseq;
    /** The CSeq of the REGISTER waiting for its final response, -1 for none. */
    private long pending = -1;
    private SipRequest lastSent;
    private int requested;
    private boolean intervalRetried;
    private int failures;
    private Scheduler.Timer timer;
    private OptionsKeepAlive keepAlive;
    private boolean stopping;
    private boolean stopped;
    private CompletableFuture<Void> stopDone;

    Registration(AccountSettings settings, Sender sender, Scheduler scheduler, DigestClient digest,
            RegistrationBackoff backoff, Ids ids, Listener listener) {
        this.settings = settings;
        this.sender = sender;
        this.scheduler = scheduler;
        this.digest = digest;
        this.backoff = backoff;
        this.ids = ids;
        this.listener = listener;
        this.callId = ids.callId(settings.listenAddress());
        this.fromTag = ids.tag();
        this.contact = settings.contact();
    }

    RegistrationState state() {
        return state;
    }

    String detail() {
        return detail;
    }

    AccountSettings settings() {
        return settings;
    }

    /** The Contact registered: the configured one, or the address the registrar saw behind a NAT. */
    String contact() {
        return contact;
    }

    /** Registers now. */
    void start() {
        scheduler.execute(() -> {
            if (stopping || stopped) {
                return;
            }
            if (settings.problem() != null) {
                moveTo(RegistrationState.FAILED, "configuration: " + settings.problem(), 0);
                return;
            }
            moveTo(RegistrationState.REGISTERING, "registering at " + settings.registrarUri(), 0);
            attempt();
        });
    }

    /** Refreshes now (the endpoint was reopened, keep-alive got no answer, ...), unless a REGISTER is under way. */
    void refreshNow(String why) {
        scheduler.execute(() -> {
            if (stopping || stopped || settings.problem() != null || pending >= 0) {
                return;
            }
            LOG.fine(() -> settings.addressOfRecord() + ": registering again: " + why);
            if (state != RegistrationState.REGISTERED) {
                moveTo(RegistrationState.REGISTERING, why, 0);
            }
            attempt();
        });
    }

    /**
     * Removes the binding (REGISTER with Expires: 0) if there may be one. The stage completes
     * when the registrar answered, gave up, or there was nothing to remove; callers bound their wait.
     */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (stopping) {
                stopDone.whenComplete((v, e) -> done.complete(null));
                return;
            }
            if (stopped) {
                done.complete(null);
                return;
            }
            cancelTimer();
            stopKeepAlive();
            boolean mayBeBound = state == RegistrationState.REGISTERED || pending >= 0;
            if (!mayBeBound) {
                stopped = true;
                if (state != RegistrationState.NONE) {
                    moveTo(RegistrationState.UNREGISTERED, "stopped", 0);
                }
                done.complete(null);
                return;
            }
            stopping = true;
            stopDone = done;
            moveTo(RegistrationState.UNREGISTERING, "removing the binding at " + settings.registrarUri(), 0);
            send(digest.preauthorize(build(0)));
        });
        return done;
    }

    // ---- on the scheduler -----------------------------------------------------------------

    private void attempt() {
        cancelTimer();
        intervalRetried = false;
        correcting = false;
        requested = settings.expires();
        send(digest.preauthorize(build(requested)));
    }

    private SipRequest build(int expires) {
        String aor = "<" + settings.addressOfRecord() + ">";
        return SipRequest.of("REGISTER", settings.registrarUri())
                .withHeader("From", aor + ";tag=" + fromTag)
                .withHeader("To", aor)
                .withHeader("Call-ID", callId)
                .withHeader("CSeq", cseq + " REGISTER")
                .withHeader("Contact", "<" + contact + ">" + (staleContact != null && expires > 0
                        ? ", <" + staleContact + ">;expires=0" : ""))
                .withHeader("Expires", Integer.toString(expires))
                .withHeader("Max-Forwards", "70")
                .withHeader("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS")
                .withHeader("User-Agent", "SIPRTC");
    }

    /** Sends the request with the next CSeq. */
    private void send(SipRequest request) {
        long seq = ++cseq;
        SipRequest r = request.withHeader("CSeq", seq + " REGISTER");
        lastSent = r;
        pending = seq;
        try {
            sender.send(r, new Responses(seq));
        } catch (SipException | RuntimeException e) {
            pending = -1;
            noAnswer("cannot send REGISTER: " + e.getMessage(), 503);
        }
    }

    private void onResponse(long seq, SipResponse r) {
        if (seq != pending || r.isProvisional()) {
            return;
        }
        pending = -1;
        int status = r.status();
        if (stopping) {
            unregisterAnswered(r);
            return;
        }
        if (stopped) {
            return;
        }
        if (r.isSuccess()) {
            registered(r);
        } else if (status == 401 || status == 407) {
            challenged(r);
        } else if (status == 423) {
            intervalTooBrief(r);
        } else if (status == 403 && hasCredentials(lastSent)) {
            fail(RegistrationState.AUTHENTICATION_FAILED, "authentication failed: " + status + " " + r.reason()
                    + " for user " + digest.username(), status);
        } else {
            fail(RegistrationState.FAILED, "registrar answered " + status + " " + r.reason(), status);
        }
    }

    private void onNoAnswer(long seq, String why, int status) {
        if (seq != pending) {
            return;
        }
        pending = -1;
        noAnswer(why, status);
    }

    private void noAnswer(String why, int status) {
        if (stopping) {
            finishStop("the registrar did not answer the unregistration (" + why + ")", 0);
        } else if (!stopped) {
            fail(RegistrationState.FAILED, why, status);
        }
    }

    private void registered(SipResponse r) {
        String observed = correcting ? null : NatContact.corrected(r, contact);
        correcting = false;
        if (observed != null) {
            // RFC 3581: the registrar saw us elsewhere; register that address and drop the old binding.
            LOG.info(() -> settings.addressOfRecord() + ": the registrar sees us at " + observed + ", not " + contact
                    + "; registering that Contact");
            staleContact = contact;
            contact = observed;
            correcting = true;
            send(digest.preauthorize(build(requested)));
            return;
        }
        staleContact = null;
        int granted = grantedExpires(r, contact, requested);
        if (granted <= 0) {
            fail(RegistrationState.FAILED, "the registrar's " + r.status() + " gives our contact no time", r.status());
            return;
        }
        failures = 0;
        moveTo(RegistrationState.REGISTERED, "registered for " + granted + " s", r.status());
        timer = scheduler.schedule(this::refresh, refreshDelayMillis(granted));
        startKeepAlive();
    }

    private void refresh() {
        if (stopping || stopped || pending >= 0) {
            return;
        }
        attempt();
    }

    private void challenged(SipResponse r) {
        try {
            send(digest.answer(lastSent, r).request());
        } catch (AuthenticationException e) {
            fail(e.credentialsProblem() ? RegistrationState.AUTHENTICATION_FAILED : RegistrationState.FAILED,
                    e.getMessage(), r.status());
        }
    }

    private void intervalTooBrief(SipResponse r) {
        int min = intHeader(r, "Min-Expires");
        if (intervalRetried || min <= requested || min > MAX_MIN_EXPIRES) {
            fail(RegistrationState.FAILED, "registrar answered 423 " + r.reason() + " (Min-Expires "
                    + r.header("Min-Expires").orElse("missing") + ")", 423);
            return;
        }
        intervalRetried = true;
        requested = min;
        send(digest.preauthorize(build(min)));
    }

    private void unregisterAnswered(SipResponse r) {
        if (r.status() == 401 || r.status() == 407) {
            try {
                send(digest.answer(lastSent, r).request());
                return;
            } catch (AuthenticationException e) {
                finishStop("unregistration refused: " + e.getMessage(), r.status());
                return;
            }
        }
        finishStop(r.isSuccess() ? "unregistered" : "unregistration refused: " + r.status() + " " + r.reason(), r.status());
    }

    private void finishStop(String why, int status) {
        stopping = false;
        stopped = true;
        moveTo(RegistrationState.UNREGISTERED, why, status);
        stopDone.complete(null);
    }

    private void fail(RegistrationState failure, String why, int status) {
        failures++;
        cancelTimer();
        stopKeepAlive();
        long wait = failure == RegistrationState.AUTHENTICATION_FAILED ? backoff.refusedMillis()
                : backoff.delayMillis(failures);
        moveTo(failure, why + "; next attempt in " + (wait + 999) / 1000 + " s", status);
        timer = scheduler.schedule(() -> retry(failure), wait);
    }

    private void retry(RegistrationState after) {
        if (stopping || stopped) {
            return;
        }
        if (after == RegistrationState.AUTHENTICATION_FAILED) {
            digest.forget();
        }
        moveTo(RegistrationState.REGISTERING, "registering again at " + settings.registrarUri(), 0);
        attempt();
    }

    private void startKeepAlive() {
        if (keepAlive == null && settings.keepAliveSeconds() > 0) {
            keepAlive = new OptionsKeepAlive(settings, sender, scheduler, ids,
                    why -> refreshNow("keep-alive: " + why));
            keepAlive.start();
        }
    }

    private void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.stop();
            keepAlive = null;
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void moveTo(RegistrationState next, String why, int status) {
        RegistrationState from = state;
        detail = why;
        if (from == next) {
            return;
        }
        state = next;
        try {
            listener.changed(from, next, why, status);
        } catch (RuntimeException e) {
            LOG.warning(() -> "registration listener failed: " + e);
        }
    }

    private static boolean hasCredentials(SipRequest r) {
        return r != null && (r.header("Authorization").isPresent() || r.header("Proxy-Authorization").isPresent());
    }

    // ---- reading responses -----------------------------------------------------------------

    /** When to refresh a binding granted for this many seconds: a minute before, or half-way for short ones. */
    static long refreshDelayMillis(int grantedSeconds) {
        double margin = Math.min(grantedSeconds / 2.0, 60.0);
        return (long) ((grantedSeconds - margin) * 1000);
    }

    /**
     * The expiry the registrar granted (RFC 3261 section 10.2.4): the {@code expires} parameter of
     * our own Contact in the 2xx, else its Expires header, else what we asked for.
     */
    static int grantedExpires(SipResponse ok, String ourContact, int requested) {
        for (String value : ok.headerValues("Contact")) {
            for (String contact : splitList(value)) {
                if (sameAddress(SipMessage.uriOf(contact), ourContact)) {
                    int e = expiresParam(contact);
                    if (e >= 0) {
                        return e;
                    }
                }
            }
        }
        int header = intHeader(ok, "Expires");
        return header >= 0 ? header : requested;
    }

    private static int intHeader(SipMessage m, String name) {
        return m.header(name).map(v -> parseSeconds(v.trim())).orElse(-1);
    }

    private static int expiresParam(String contact) {
        int gt = contact.lastIndexOf('>');
        String params = gt >= 0 ? contact.substring(gt + 1) : contact;
        for (String p : params.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("expires=")) {
                return parseSeconds(t.substring(8).trim());
            }
        }
        return -1;
    }

    private static int parseSeconds(String s) {
        if (!s.matches("\\d{1,10}")) {
            return -1;
        }
        long v = Long.parseLong(s);
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** Two SIP URIs for the same address: user, host (any case) and port (5060 when absent). */
    static boolean sameAddress(String a, String b) {
        try {
            SipUri x = SipUri.parse(a, null);
            SipUri y = SipUri.parse(b, null);
            return java.util.Objects.equals(x.user(), y.user()) && x.host().equalsIgnoreCase(y.host())
                    && (x.port() > 0 ? x.port() : 5060) == (y.port() > 0 ? y.port() : 5060);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** Splits a header value at commas outside quotes and angle brackets. */
    static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int angle = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && c == ',') {
                out.add(value.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(value.substring(start).trim());
        out.removeIf(String::isEmpty);
        return out;
    }

    /** The stack's callbacks, moved onto the scheduler; each knows the CSeq it belongs to. */
    private final class Responses implements ResponseHandler {
        private final long seq;

        Responses(long seq) {
            this.seq = seq;
        }

        @Override
        public void onResponse(SipResponse response) {
            scheduler.execute(() -> Registration.this.onResponse(seq, response));
        }

        @Override
        public void onTimeout() {
            scheduler.execute(() -> onNoAnswer(seq, "no answer from the registrar " + settings.registrarUri()
                    + " (timer F)", 408));
        }

        @Override
        public void onTransportError(String message) {
            scheduler.execute(() -> onNoAnswer(seq, "cannot reach the registrar " + settings.registrarUri() + ": "
                    + message, 503));
        }
    }

    @Override
    public String toString() {
        return "Registration[" + settings.addressOfRecord() + " " + state + (detail.isEmpty() ? "" : ": " + detail) + "]";
    }
}
