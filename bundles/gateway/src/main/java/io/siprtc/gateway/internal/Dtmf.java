package io.siprtc.gateway.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.logging.Logger;

import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * DTMF on one call: sent as RFC 4733 telephone events through the media engine when both sides
 * negotiated them, else as SIP INFO ({@code application/dtmf-relay}, one tone per request, in
 * order); received from INFO ({@code application/dtmf-relay} or {@code application/dtmf}).
 * Runs on the signalling thread only.
 */
final class Dtmf {

    private static final Logger LOG = Logger.getLogger(Dtmf.class.getName());
    static final String DTMF_RELAY = "application/dtmf-relay";
    static final String DTMF = "application/dtmf";
    static final String TONES = "0123456789*#ABCD";
    /** Tone length and gap: ITU-T Q.24 asks for at least 40 ms; 100/70 is what phones send. */
    static final int TONE_MS = 100;
    static final int GAP_MS = 70;

    private final CallSession call;
    private final Deque<Character> infoQueue = new ArrayDeque<>();
    private boolean infoInFlight;

    Dtmf(CallSession call) {
        this.call = call;
    }

    /** The tones upper-cased, or an IllegalArgumentException naming the first that is not DTMF. */
    static String validate(String tones) {
        if (tones == null || tones.isEmpty()) {
            throw new IllegalArgumentException("no DTMF tones given");
        }
        String t = tones.toUpperCase(Locale.ROOT);
        for (int i = 0; i < t.length(); i++) {
            if (TONES.indexOf(t.charAt(i)) < 0) {
                throw new IllegalArgumentException("'" + tones.charAt(i) + "' is not a DTMF tone (use 0-9 * # A-D)");
            }
        }
        return t;
    }

    /** Sends validated tones: RFC 4733 when the engine can, else INFO. */
    void send(String tones) {
        MediaSession media = call.media();
        boolean rfc4733;
        try {
            rfc4733 = media != null && media.canInsertDtmf();
        } catch (RuntimeException e) {
            rfc4733 = false;
        }
        if (!rfc4733) {
            sendByInfo(tones);
            return;
        }
        CallSession.guarded(() -> media.insertDtmf(tones, TONE_MS, GAP_MS)).whenCompleteAsync((v, error) -> {
            if (error == null) {
                call.publish(CallEvent.Type.DTMF, "sent " + tones + " (RFC 4733)");
            } else if (call.state() == CallState.CONNECTED) {
                LOG.info(() -> call.id() + ": RFC 4733 DTMF failed (" + CallSession.cause(error) + "), sending INFO");
                sendByInfo(tones);
            }
        }, call.context().signalling);
    }

    private void sendByInfo(String tones) {
        for (char c : tones.toCharArray()) {
            infoQueue.add(c);
        }
        nextInfo();
    }

    private void nextInfo() {
        if (infoInFlight || infoQueue.isEmpty() || call.state() != CallState.CONNECTED) {
            return;
        }
        char tone = infoQueue.poll();
        infoInFlight = true;
        String body = "Signal=" + tone + "\r\nDuration=" + (TONE_MS * 8 / 5) + "\r\n";
        SipRequest info = call.dialog().request("INFO")
                .withBody(DTMF_RELAY, body.getBytes(StandardCharsets.US_ASCII));
        call.requests().send(info, r -> {
            infoInFlight = false;
            if (r.isSuccess()) {
                call.publish(CallEvent.Type.DTMF, "sent " + tone + " (INFO)");
            } else {
                call.publish(CallEvent.Type.DTMF, "DTMF " + tone + " refused: " + r.status() + " " + r.reason());
                if (r.status() == 405 || r.status() == 501 || r.status() == 481) {
                    infoQueue.clear();
                }
            }
            nextInfo();
        });
    }

    /** An INFO from the far end (RFC 6086 for its legacy use without Info-Package). */
    void onInfo(ServerTransaction tx) {
        SipRequest req = tx.request();
        String pkg = req.header("Info-Package").orElse(null);
        if (pkg != null && !pkg.trim().toLowerCase(Locale.ROOT).startsWith("dtmf")) {
            call.respondInDialog(tx, SipResponse.to(req, 469).withReason("Bad Info Package"));
            return;
        }
        if (!req.hasBody()) {
            call.respondInDialog(tx, SipResponse.to(req, 200)); // an empty INFO: a keep-alive
            return;
        }
        String type = req.header("Content-Type").orElse("").split(";")[0].trim().toLowerCase(Locale.ROOT);
        String tone;
        if (DTMF_RELAY.equals(type)) {
            tone = relaySignal(req.bodyText());
        } else if (DTMF.equals(type)) {
            tone = req.bodyText().trim();
        } else {
            call.respondInDialog(tx, SipResponse.to(req, 415).withHeader("Accept", DTMF_RELAY + ", " + DTMF));
            return;
        }
        String valid;
        try {
            valid = validate(tone);
        } catch (IllegalArgumentException e) {
            call.respondInDialog(tx, SipResponse.to(req, 400).withReason("Bad DTMF: " + e.getMessage()));
            return;
        }
        if (valid.length() != 1) {
            call.respondInDialog(tx, SipResponse.to(req, 400).withReason("One DTMF tone per INFO"));
            return;
        }
        call.respondInDialog(tx, SipResponse.to(req, 200));
        call.publish(CallEvent.Type.DTMF, "received " + valid + " (INFO)");
    }

    /** The Signal= value of an application/dtmf-relay body, or null. */
    static String relaySignal(String body) {
        for (String line : body.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("Signal")) {
                return line.substring(eq + 1).trim();
            }
        }
        return null;
    }
}
