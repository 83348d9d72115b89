package io.siprtc.gateway.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionListener;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * One call: its state machine, its {@link Dialog} and its media session. Every method runs on
 * the gateway's signalling executor, so no locking is needed inside.
 */
final class CallSession implements Call {

    private static final Logger LOG = Logger.getLogger(CallSession.class.getName());
    static final String SDP = "application/sdp";

    private final String id;
    private final UserAgent account;
    private final CallDirection direction;
    private final String remoteUri;
    private final Instant createdAt = Instant.now();
    private final Executor signalling;
    private final EventBus events;
    private final CallSdp sdp;
    private final Dialog dialog;

    private volatile CallState state;
    private volatile CallEndReason endReason;
    private volatile MediaSession media;
    private ClientTransaction invite;
    private long inviteSeq;
    /** The INVITE as we built it (without the stack's Via): re-sent with credentials when challenged. */
    private SipRequest inviteRequest;
    /** Answers this call's digest challenges (INVITE, BYE); made at the first one. */
    private DigestClient digest;
    /** Follows 3xx responses to our INVITE; made at the first one. */
    private Redirection redirection;
    private ServerTransaction incomingInvite;
    private SipResponse answerResponse;
    private boolean answerRequested;

    private CallSession(String id, UserAgent account, CallDirection direction, String remoteUri, Dialog dialog,
            CallState initial, Executor signalling, EventBus events, CallSdp sdp) {
        this.id = id;
        this.account = account;
        this.direction = direction;
        this.remoteUri = remoteUri;
        this.dialog = dialog;
        this.state = initial;
        this.signalling = signalling;
        this.events = events;
        this.sdp = sdp;
    }

    static CallSession outgoing(String id, UserAgent account, String target, Ids ids, Executor signalling,
            EventBus events, CallSdp sdp) {
        Dialog d = new Dialog(ids.callId(account.config().listen_address()), ids.tag(), account.addressOfRecord(),
                target, account.contact(), 1);
        return new CallSession(id, account, CallDirection.OUTGOING, target, d, CallState.CALLING, signalling,
                events, sdp);
    }

    static CallSession incoming(String id, UserAgent account, ServerTransaction tx, Ids ids, Executor signalling,
            EventBus events, CallSdp sdp) {
        Dialog d = Dialog.fromInvite(tx.request(), ids.tag(), account.contact());
        CallSession c = new CallSession(id, account, CallDirection.INCOMING,
                SipRequestUris.fromUri(tx.request()), d, CallState.INCOMING, signalling, events, sdp);
        c.incomingInvite = tx;
        return c;
    }

    // ---- outgoing ----------------------------------------------------------------------

    /** Alice: createOffer, then INVITE. */
    void start(MediaSession session) {
        attachMedia(session);
        publish(CallEvent.Type.MEDIA, "creating offer");
        guarded(session::createOffer).whenCompleteAsync((offer, error) -> {
            if (state.isFinal()) {
                return;
            }
            if (error != null) {
                end(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, "offer failed: " + cause(error)));
                return;
            }
            String body;
            try {
                body = sdp.localOffer(offer.sdp());
            } catch (SdpRejection e) {
                end(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, "offer unusable: " + e.getMessage()));
                return;
            }
            sendInvite(body);
        }, signalling);
    }

    private void sendInvite(String body) {
        inviteSeq = dialog.localSeq();
        SipRequest req = SipRequest.of("INVITE", remoteUri)
                .withHeader("From", "<" + account.addressOfRecord() + ">;tag=" + dialog.localTag())
                .withHeader("To", "<" + remoteUri + ">")
                .withHeader("Call-ID", dialog.callId())
                .withHeader("CSeq", inviteSeq + " INVITE")
                .withHeader("Contact", "<" + account.contact() + ">")
                .withHeader("Max-Forwards", "70")
                .withHeader("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS")
                .withHeader("User-Agent", "SIPRTC")
                .withBody(SDP, body.getBytes(StandardCharsets.UTF_8));
        inviteRequest = req;
        try {
            invite = account.send(req, new InviteResponses());
            publish(CallEvent.Type.SIP_SENT, "INVITE " + remoteUri);
        } catch (SipException e) {
            end(new CallEndReason(CallEndReason.Kind.UNAVAILABLE, 503, "cannot send INVITE: " + e.getMessage()));
        }
    }

    private final class InviteResponses implements ResponseHandler {
        @Override
        public void onResponse(SipResponse response) {
            signalling.execute(() -> onInviteResponse(response));
        }

        @Override
        public void onTimeout() {
            signalling.execute(() -> end(new CallEndReason(CallEndReason.Kind.TIMEOUT, 408,
                    "no answer from " + remoteUri + " (timer B)")));
        }

        @Override
        public void onTransportError(String message) {
            signalling.execute(() -> end(new CallEndReason(CallEndReason.Kind.UNAVAILABLE, 503,
                    remoteUri + " unreachable: " + message)));
        }
    }

    private void onInviteResponse(SipResponse r) {
        if (r.isSuccess() && dialog.isConfirmed()) {
            sendAck(); // a retransmitted 2xx: our ACK was lost
            return;
        }
        if (state.isFinal()) {
            if (r.isSuccess()) {
                // 2xx after we gave up (e.g. CANCEL crossed the 200): confirm and hang up at once.
                dialog.confirm(r);
                sendAck();
                sendBye();
            }
            return;
        }
        publish(CallEvent.Type.SIP_RECEIVED, r.status() + " " + r.reason());
        if (r.isProvisional()) {
            if ((r.status() == 180 || r.status() == 183) && state == CallState.CALLING) {
                moveTo(CallState.RINGING);
            }
            return;
        }
        if ((r.status() == 401 || r.status() == 407) && state != CallState.ENDING && resendInviteWithCredentials(r)) {
            return;
        }
        if (r.status() >= 300 && r.status() < 400 && state != CallState.ENDING) {
            followRedirect(r);
            return;
        }
        if (!r.isSuccess()) {
            CallEndReason reason = state == CallState.ENDING && r.status() == 487
                    ? new CallEndReason(CallEndReason.Kind.LOCAL_HANGUP, 487, "cancelled by us")
                    : CallEndReason.fromStatus(r.status(), r.reason());
            end(reason);
            return;
        }
        dialog.confirm(r);
        if (state == CallState.ENDING) {
            sendAck();
            sendBye();
            return;
        }
        if (!r.hasBody()) {
            sendAck();
            failAfterAnswer("200 OK without SDP answer");
            return;
        }
        String answer;
        try {
            answer = sdp.remoteAnswer(r.body());
        } catch (SdpRejection e) {
            sendAck();
            failAfterAnswer("answer unusable: " + e.getMessage());
            return;
        }
        MediaSession m = media;
        guarded(() -> m.setRemoteDescription(io.siprtc.api.media.SessionDescription.answer(answer)))
                .whenCompleteAsync((v, error) -> {
                    sendAck();
                    if (error != null) {
                        failAfterAnswer("answer rejected by media engine: " + cause(error));
                    } else if (!state.isFinal()) {
                        moveTo(CallState.CONNECTED);
                    }
                }, signalling);
    }

    /**
     * A 401 or 407 to our INVITE (RFC 3261 section 22.2): the same INVITE again with credentials,
     * the next CSeq, the same Call-ID and From tag (the stack's transaction ACKed the challenge).
     * Refused or unanswerable credentials end the call. Always true: the response is handled.
     */
    private boolean resendInviteWithCredentials(SipResponse challenge) {
        if (digest == null) {
            digest = account.digestClient();
        }
        SipRequest retry;
        try {
            retry = digest.answer(inviteRequest, challenge).request();
        } catch (AuthenticationException e) {
            end(new CallEndReason(CallEndReason.Kind.ERROR, challenge.status(),
                    challenge.status() + " " + challenge.reason() + ": " + e.getMessage()));
            return true;
        }
        inviteSeq = dialog.nextSeq();
        inviteRequest = retry.withHeader("CSeq", inviteSeq + " INVITE");
        try {
            invite = account.send(inviteRequest, new InviteResponses());
            publish(CallEvent.Type.SIP_SENT, "INVITE " + remoteUri + " (with credentials)");
        } catch (SipException e) {
            end(new CallEndReason(CallEndReason.Kind.UNAVAILABLE, 503, "cannot send INVITE: " + e.getMessage()));
        }
        return true;
    }

    /**
     * A 3xx to our INVITE (the stack's transaction ACKed it): the same INVITE to the next Contact
     * with the next CSeq, or the end of the call after a loop or too many redirections.
     */
    private void followRedirect(SipResponse r) {
        if (redirection == null) {
            redirection = new Redirection(inviteRequest.requestUri());
        }
        Redirection.Step step = redirection.next(r);
        if (step.target() == null) {
            end(step.endReason());
            return;
        }
        inviteSeq = dialog.nextSeq();
        inviteRequest = inviteRequest.withRequestUri(step.target()).withHeader("CSeq", inviteSeq + " INVITE");
        try {
            invite = account.send(inviteRequest, new InviteResponses());
            publish(CallEvent.Type.SIP_SENT, "INVITE " + step.target() + " (redirected)");
        } catch (SipException e) {
            end(new CallEndReason(CallEndReason.Kind.UNAVAILABLE, 503, "cannot send INVITE: " + e.getMessage()));
        }
    }

    /** A proxy challenged our BYE: once more with credentials and the next CSeq; false when it cannot be answered. */
    private boolean resendByeWithCredentials(SipRequest bye, SipResponse challenge) {
        if (digest == null) {
            digest = account.digestClient();
        }
        try {
            SipRequest retry = digest.answer(bye, challenge).request();
            sendBye(retry.withHeader("CSeq", dialog.nextSeq() + " BYE"));
            return true;
        } catch (AuthenticationException e) {
            LOG.info(() -> id + ": BYE not authenticated: " + e.getMessage());
            return false;
        }
    }

    private void sendAck() {
        try {
            account.sendAck(dialog.ack(inviteSeq));
            publish(CallEvent.Type.SIP_SENT, "ACK");
        } catch (SipException e) {
            LOG.warning(() -> id + ": ACK not sent: " + e.getMessage());
        }
    }

    /** The answer could not be used: ACK was sent, so end the dialog with BYE (RFC 3261 13.2.2.4). */
    private void failAfterAnswer(String why) {
        sendBye();
        end(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, why));
    }

    // ---- incoming ----------------------------------------------------------------------

    /** Bob: setRemoteDescription(offer), createAnswer, 180 Ringing; 200 OK once answered. */
    void receive(MediaSession session, boolean autoAnswer) {
        attachMedia(session);
        SipRequest req = incomingInvite.request();
        publish(CallEvent.Type.SIP_RECEIVED, "INVITE from " + remoteUri);
        answerRequested = autoAnswer;
        if (!req.hasBody() || !req.header("Content-Type").orElse("").toLowerCase().startsWith(SDP)) {
            reject(488, "an SDP offer is required", CallEndReason.Kind.NOT_ACCEPTABLE);
            return;
        }
        String offer;
        try {
            offer = sdp.remoteOffer(req.body());
        } catch (SdpRejection e) {
            reject(e.sipStatus(), e.getMessage(), CallEndReason.Kind.NOT_ACCEPTABLE);
            return;
        }
        respondProvisional(180);
        guarded(() -> session.setRemoteDescription(io.siprtc.api.media.SessionDescription.offer(offer)))
                .thenCompose(v -> session.createAnswer())
                .whenCompleteAsync((answer, error) -> {
                    if (state.isFinal()) {
                        return;
                    }
                    if (error != null) {
                        int status = sipStatus(error);
                        if (status == 488 || status == 606) {
                            reject(status, "offer not acceptable: " + cause(error), CallEndReason.Kind.NOT_ACCEPTABLE);
                        } else {
                            reject(status, "media engine failed: " + cause(error), CallEndReason.Kind.MEDIA_FAILED);
                        }
                        return;
                    }
                    String body;
                    try {
                        body = sdp.localAnswer(answer.sdp());
                    } catch (SdpRejection e) {
                        reject(e.sipStatus(), "answer unusable: " + e.getMessage(), CallEndReason.Kind.NOT_ACCEPTABLE);
                        return;
                    }
                    answerResponse = ok(req).withBody(SDP, body.getBytes(StandardCharsets.UTF_8));
                    if (answerRequested) {
                        sendAnswer();
                    }
                }, signalling);
    }

    private SipResponse ok(SipRequest req) {
        return SipResponse.to(req, 200).withToTag(dialog.localTag())
                .withHeader("Contact", "<" + account.contact() + ">")
                .withHeader("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS");
    }

    private void respondProvisional(int status) {
        try {
            incomingInvite.respond(SipResponse.to(incomingInvite.request(), status).withToTag(dialog.localTag())
                    .withHeader("Contact", "<" + account.contact() + ">"));
            publish(CallEvent.Type.SIP_SENT, status + " " + SipResponse.defaultReason(status));
        } catch (SipException e) {
            LOG.warning(() -> id + ": " + status + " not sent: " + e.getMessage());
        }
    }

    /** The user (or auto-answer) accepts: 200 OK now, or as soon as the answer SDP is ready. */
    void answer() {
        if (state != CallState.INCOMING) {
            return;
        }
        answerRequested = true;
        if (answerResponse != null) {
            sendAnswer();
        }
    }

    private void sendAnswer() {
        if (state != CallState.INCOMING) {
            return;
        }
        try {
            incomingInvite.respond(answerResponse);
            moveTo(CallState.ANSWERING);
            publish(CallEvent.Type.SIP_SENT, "200 OK");
        } catch (SipException e) {
            end(CallEndReason.of(CallEndReason.Kind.ERROR, "200 OK not sent: " + e.getMessage()));
        }
    }

    void onAck(SipRequest ack) {
        if (state == CallState.ANSWERING) {
            dialog.confirm();
            publish(CallEvent.Type.SIP_RECEIVED, "ACK");
            moveTo(CallState.CONNECTED);
        }
    }

    /** Rejects an incoming call with a final response. */
    void reject(int status, String why, CallEndReason.Kind kind) {
        if (direction != CallDirection.INCOMING || (state != CallState.INCOMING)) {
            return;
        }
        try {
            SipResponse r = SipResponse.to(incomingInvite.request(), status).withToTag(dialog.localTag());
            if (why != null && status == 488) {
                r = r.withHeader("Warning", "399 siprtc \"" + why.replace('"', '\'') + "\"");
            }
            incomingInvite.respond(r);
            publish(CallEvent.Type.SIP_SENT, status + " " + r.reason());
        } catch (SipException e) {
            LOG.warning(() -> id + ": " + status + " not sent: " + e.getMessage());
        }
        end(new CallEndReason(kind, status, why != null ? status + " " + why : status + " " + SipResponse.defaultReason(status)));
    }

    void onCancel() {
        if (state == CallState.INCOMING) {
            publish(CallEvent.Type.SIP_RECEIVED, "CANCEL");
            try {
                incomingInvite.respond(SipResponse.to(incomingInvite.request(), 487).withToTag(dialog.localTag()));
            } catch (SipException e) {
                LOG.fine(() -> "487 not sent: " + e.getMessage());
            }
            end(new CallEndReason(CallEndReason.Kind.CANCELLED, 487, "caller cancelled"));
        }
    }

    // ---- both ----------------------------------------------------------------------------

    /** BYE from the far end. */
    void onBye(ServerTransaction tx) {
        publish(CallEvent.Type.SIP_RECEIVED, "BYE");
        try {
            tx.respond(SipResponse.to(tx.request(), 200));
            publish(CallEvent.Type.SIP_SENT, "200 OK (BYE)");
        } catch (SipException e) {
            LOG.fine(() -> "200 for BYE not sent: " + e.getMessage());
        }
        if (state == CallState.INCOMING) {
            // A BYE in the early dialog: the INVITE still needs its final response (RFC 3261 section 15.1.2).
            try {
                incomingInvite.respond(SipResponse.to(incomingInvite.request(), 487).withToTag(dialog.localTag()));
            } catch (SipException e) {
                LOG.fine(() -> "487 not sent: " + e.getMessage());
            }
        }
        end(CallEndReason.of(CallEndReason.Kind.REMOTE_HANGUP, "far end hung up"));
    }

    /** Local hang-up in any state: CANCEL before the answer, BYE after, a rejection for incoming. */
    void hangup() {
        switch (state) {
            case CALLING:
            case RINGING:
                moveTo(CallState.ENDING);
                closeMedia();
                if (invite == null) {
                    end(CallEndReason.of(CallEndReason.Kind.LOCAL_HANGUP, "hung up before the INVITE left"));
                    return;
                }
                try {
                    invite.cancel();
                    publish(CallEvent.Type.SIP_SENT, "CANCEL");
                } catch (SipException e) {
                    end(CallEndReason.of(CallEndReason.Kind.LOCAL_HANGUP, "CANCEL failed: " + e.getMessage()));
                }
                return;
            case INCOMING:
                reject(603, null, CallEndReason.Kind.LOCAL_HANGUP);
                return;
            case ANSWERING:
            case CONNECTED:
                moveTo(CallState.ENDING);
                closeMedia();
                sendBye();
                return;
            default:
        }
    }

    private void sendBye() {
        sendBye(dialog.request("BYE"));
    }

    private void sendBye(SipRequest bye) {
        try {
            account.send(bye, new ResponseHandler() {
                @Override
                public void onResponse(SipResponse response) {
                    if (!response.isProvisional()) {
                        signalling.execute(() -> {
                            publish(CallEvent.Type.SIP_RECEIVED, response.status() + " " + response.reason() + " (BYE)");
                            if ((response.status() == 401 || response.status() == 407)
                                    && resendByeWithCredentials(bye, response)) {
                                return;
                            }
                            end(CallEndReason.of(CallEndReason.Kind.LOCAL_HANGUP, "hung up"));
                        });
                    }
                }

                @Override
                public void onTimeout() {
                    signalling.execute(() -> end(CallEndReason.of(CallEndReason.Kind.LOCAL_HANGUP, "hung up (BYE unanswered)")));
                }

                @Override
                public void onTransportError(String message) {
                    signalling.execute(() -> end(CallEndReason.of(CallEndReason.Kind.LOCAL_HANGUP, "hung up (BYE failed: " + message + ")")));
                }
            });
            publish(CallEvent.Type.SIP_SENT, "BYE");
        } catch (SipException e) {
            end(CallEndReason.of(CallEndReason.Kind.LOCAL_HANGUP, "hung up (BYE not sent: " + e.getMessage() + ")"));
        }
    }

    /** Ends the call with a reason; releases media. Idempotent. */
    void end(CallEndReason reason) {
        if (state.isFinal()) {
            return;
        }
        if (endReason == null) {
            endReason = reason;
        }
        closeMedia();
        moveTo(CallState.ENDED);
    }

    private void moveTo(CallState next) {
        CallState from = state;
        if (from == next) {
            return;
        }
        if (!from.canMoveTo(next)) {
            throw new IllegalStateException(id + ": " + from + " -> " + next + " is not a call state transition");
        }
        state = next;
        events.publish(new CallEvent(this, CallEvent.Type.STATE_CHANGED, from, next,
                next == CallState.ENDED && endReason != null ? endReason.toString() : ""));
    }

    private void publish(CallEvent.Type type, String detail) {
        events.publish(new CallEvent(this, type, state, state, detail));
    }

    private void attachMedia(MediaSession session) {
        this.media = session;
        session.addListener(new MediaSessionListener() {
            @Override
            public void onIceStateChanged(MediaState.Ice s) {
                if (s == MediaState.Ice.CONNECTED || s == MediaState.Ice.FAILED) {
                    publish(CallEvent.Type.MEDIA, "ICE " + s.name().toLowerCase());
                }
            }

            @Override
            public void onDtlsStateChanged(MediaState.Dtls s) {
                if (s == MediaState.Dtls.CONNECTED || s == MediaState.Dtls.FAILED) {
                    publish(CallEvent.Type.MEDIA, "DTLS " + (s == MediaState.Dtls.CONNECTED ? "done" : "failed"));
                }
            }

            @Override
            public void onConnectionStateChanged(MediaState.Connection s) {
                if (s == MediaState.Connection.FAILED) {
                    // Before the answer ICE has not started: signalling decides that call's fate.
                    signalling.execute(() -> {
                        if (state == CallState.CONNECTED) {
                            mediaLost("media connection failed");
                        }
                    });
                } else if (s == MediaState.Connection.CLOSED) {
                    // We close media only when the call ends; a close in a live call is the
                    // engine's own (it was stopped or swapped away).
                    signalling.execute(() -> mediaLost("media engine closed the session"));
                }
            }

            @Override
            public void onFirstAudio(long nanoTime) {
                publish(CallEvent.Type.MEDIA, "first audio received");
            }
        });
    }

    /** The media session died under a live call: end it the way its state allows. */
    private void mediaLost(String why) {
        switch (state) {
            case CONNECTED:
            case ANSWERING:
                endReason = CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, why);
                moveTo(CallState.ENDING);
                sendBye();
                return;
            case INCOMING:
                reject(503, why, CallEndReason.Kind.MEDIA_FAILED);
                return;
            case CALLING:
            case RINGING:
                endReason = CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, why);
                hangup();
                return;
            default:
        }
    }

    private void closeMedia() {
        MediaSession m = media;
        if (m != null) {
            m.close();
        }
    }

    /** The engine's stage, or a failed one when the engine threw instead of failing the stage. */
    private static <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> engineCall) {
        try {
            return engineCall.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The final status a media failure suggests ({@link MediaException#sipStatus()}), else 488. */
    private static int sipStatus(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        int status = c instanceof MediaException ? ((MediaException) c).sipStatus() : 488;
        return status >= 400 && status <= 699 ? status : 488;
    }

    private static String cause(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof MediaException ? c.getMessage() : c.toString();
    }

    Dialog dialog() {
        return dialog;
    }

    UserAgent account() {
        return account;
    }

    // ---- Call ---------------------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public String accountId() {
        return account.id();
    }

    @Override
    public String localUri() {
        return account.addressOfRecord();
    }

    @Override
    public String remoteUri() {
        return remoteUri;
    }

    @Override
    public CallDirection direction() {
        return direction;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Optional<CallEndReason> endReason() {
        return Optional.ofNullable(endReason);
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public MediaStats mediaStats() {
        MediaSession m = media;
        return m == null ? MediaStats.NONE : m.stats();
    }

    @Override
    public String toString() {
        return id + " " + direction.name().toLowerCase() + " " + remoteUri + " " + state
                + (endReason != null ? " (" + endReason + ")" : "");
    }
}
