package io.siprtc.gateway.internal;

import java.util.logging.Logger;

import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * Sends one call's requests inside its dialog (BYE, re-INVITE, UPDATE, INFO, REFER, NOTIFY) and
 * hands each outcome to the caller on the signalling thread. A 401 or 407 is answered once with
 * the account's credentials and the next CSeq (RFC 3261 section 22.2). A timeout or transport
 * error arrives as a 408 or 503 made here, whose reason phrase says what happened.
 */
final class DialogRequests {

    private static final Logger LOG = Logger.getLogger(DialogRequests.class.getName());

    /** The outcome of one request. */
    interface Outcome {
        /** The final response (2xx included), on the signalling thread. */
        void onFinal(SipResponse response);

        /** A 2xx retransmission of a re-INVITE whose ACK was lost. */
        default void onRetransmitted2xx(SipResponse response) {
        }
    }

    /** Reason phrases of the responses made here. */
    static final String NO_RESPONSE = "No response";
    static final String NOT_DELIVERED = "Not delivered";

    private final CallSession call;

    DialogRequests(CallSession call) {
        this.call = call;
    }

    /** Sends the request; a request that cannot be sent at all ends at once with a 503 outcome. */
    void send(SipRequest request, Outcome outcome) {
        send(request, outcome, true);
    }

    private void send(SipRequest request, Outcome outcome, boolean mayAuthenticate) {
        try {
            call.account().send(request, new Handler(request, outcome, mayAuthenticate));
        } catch (SipException e) {
            call.context().signalling.execute(() -> outcome.onFinal(
                    SipResponse.to(request, 503).withReason(NOT_DELIVERED + ": " + e.getMessage())));
        }
    }

    /** True for the 408 made here when no response came. */
    static boolean timedOut(SipResponse r) {
        return r.status() == 408 && r.reason().startsWith(NO_RESPONSE);
    }

    /** True for the 503 made here when the request could not be sent. */
    static boolean notDelivered(SipResponse r) {
        return r.status() == 503 && r.reason().startsWith(NOT_DELIVERED);
    }

    private final class Handler implements ResponseHandler {
        private final SipRequest request;
        private final Outcome outcome;
        private final boolean mayAuthenticate;
        private boolean finalSeen;

        Handler(SipRequest request, Outcome outcome, boolean mayAuthenticate) {
            this.request = request;
            this.outcome = outcome;
            this.mayAuthenticate = mayAuthenticate;
        }

        @Override
        public void onResponse(SipResponse response) {
            if (response.isProvisional()) {
                return;
            }
            call.context().signalling.execute(() -> {
                if (finalSeen) {
                    if (response.isSuccess()) {
                        outcome.onRetransmitted2xx(response);
                    }
                    return;
                }
                finalSeen = true;
                if ((response.status() == 401 || response.status() == 407) && mayAuthenticate) {
                    SipRequest retry = withCredentials(response);
                    if (retry != null) {
                        send(retry, outcome, false);
                        return;
                    }
                }
                outcome.onFinal(response);
            });
        }

        private SipRequest withCredentials(SipResponse challenge) {
            try {
                SipRequest answered = call.digest().answer(request, challenge).request();
                return answered.withHeader("CSeq", call.dialog().nextSeq() + " " + request.method());
            } catch (AuthenticationException e) {
                LOG.info(() -> call.id() + ": " + request.method() + " not authenticated: " + e.getMessage());
                return null;
            }
        }

        @Override
        public void onTimeout() {
            call.context().signalling.execute(() -> {
                if (!finalSeen) {
                    finalSeen = true;
                    outcome.onFinal(SipResponse.to(request, 408).withReason(NO_RESPONSE + " (timer " + timer() + ")"));
                }
            });
        }

        private String timer() {
            return "INVITE".equals(request.method()) ? "B" : "F";
        }

        @Override
        public void onTransportError(String message) {
            call.context().signalling.execute(() -> {
                if (!finalSeen) {
                    finalSeen = true;
                    outcome.onFinal(SipResponse.to(request, 503).withReason(NOT_DELIVERED + ": " + message));
                }
            });
        }
    }
}
