package io.siprtc.gateway.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallException;
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
    /** How long mute and unmute wait for the media engine (libwebrtc's takes well under a millisecond). */
    static final long MUTE_TIMEOUT_MS = 2000;

    private final String id;
    private final UserAgent account;
    private final CallDirection direction;
    private final String remoteUri;
    private final Instant createdAt = Instant.now();
    private final CallContext context;
    private final Executor signalling;
    private final EventBus events;
    private final CallSdp sdp;
    private final Dialog dialog;
    private final DialogRequests requests = new DialogRequests(this);
    private final SessionModification modification;
    private final IceRecovery iceRecovery;
    private final SessionTimer sessionTimer;
    private final Dtmf dtmf = new Dtmf(this);
    private final Transfer transfer = new Transfer(this);

    private volatile CallState state;
    private volatile CallEndReason endReason;
    private volatile MediaSession media;
    /** What the host asked for ({@link #setMuted}). */
    private volatile boolean muted;
    private volatile boolean videoMuted;
    private ClientTransaction invite;
    private long inviteSeq;
    /** The INVITE as we built it (without the stack's Via): re-sent with credentials when challenged. */
    private SipRequest inviteRequest;
    /** Answers this call's digest challenges (INVITE, BYE): the account's, taken at the first one. */
    private DigestClient digest;
    /** Follows 3xx responses to our INVITE; made at the first one. */
    private Redirection redirection;
    private ServerTransaction incomingInvite;
    private SipResponse answerResponse;
    private boolean answerRequested;
    /** The 183's SDP applied as a provisional answer (early media), chained before the final one. */
    private CompletionStage<Void> earlyAnswer;
    private String earlyAnswerSdp;

    private CallSession(String id, UserAgent account, CallDirection direction, String remoteUri, Dialog dialog,
            CallState initial, CallContext context, CallSdp sdp) {
        this.id = id;
        this.account = account;
        this.direction = direction;
        this.remoteUri = remoteUri;
        this.dialog = dialog;
        this.state = initial;
        this.context = context;
        this.signalling = context.signalling;
        this.events = context.events;
        this.sdp = sdp;
        this.modification = new SessionModification(this, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        this.iceRecovery = new IceRecovery(this);
        this.sessionTimer = new SessionTimer(this, account.config().session_expires(), account.config().min_se());
    }

    static CallSession outgoing(String id, UserAgent account, String target, CallContext context, CallSdp sdp) {
        Dialog d = new Dialog(context.ids.callId(account.config().listen_address()), context.ids.tag(),
                account.addressOfRecord(), target, account.contact(), 1);
        return new CallSession(id, account, CallDirection.OUTGOING, target, d, CallState.CALLING, context, sdp);
    }

    static CallSession incoming(String id, UserAgent account, ServerTransaction tx, CallContext context, CallSdp sdp) {
        Dialog d = Dialog.fromInvite(tx.request(), context.ids.tag(), account.contact());
        CallSession c = new CallSession(id, account, CallDirection.INCOMING,
                SipRequestUris.fromUri(tx.request()), d, CallState.INCOMING, context, sdp);
        c.incomingInvite = tx;
        return c;
    }

    // ---- outgoing ----------------------------------------------------------------------

    /** Alice: createOffer, then INVITE. */
    void start(MediaSession session) {
        attachMedia(session);
        publish(CallEvent.Type.MEDIA, "creating offer");
        invite(guarded(session::createOffer));
    }

    /** Alice with a session whose offer was made in advance ({@link PreparedMedia}): INVITE. */
    void start(MediaSession session, CompletionStage<io.siprtc.api.media.SessionDescription> offer) {
        attachMedia(session);
        publish(CallEvent.Type.MEDIA, "offer made in advance");
        invite(offer);
    }

    private void invite(CompletionStage<io.siprtc.api.media.SessionDescription> offerStage) {
        offerStage.whenCompleteAsync((offer, error) -> {
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
        SipRequest req = sessionTimer.decorate(SipRequest.of("INVITE", remoteUri)
                .withHeader("From", "<" + account.addressOfRecord() + ">;tag=" + dialog.localTag())
                .withHeader("To", "<" + remoteUri + ">")
                .withHeader("Call-ID", dialog.callId())
                .withHeader("CSeq", inviteSeq + " INVITE")
                .withHeader("Contact", "<" + account.contact() + ">")
                .withHeader("Max-Forwards", "70")
                .withHeader("Allow", SipCapabilities.ALLOW)
                .withHeader("User-Agent", "SIPRTC"), false)
                .withBody(SDP, body.getBytes(StandardCharsets.UTF_8));
        req = account.preauthorizeInvite(req);
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
            if (r.status() > 100 && r.hasBody() && state == CallState.RINGING) {
                applyEarlyAnswer(r);
            }
            return;
        }
        if ((r.status() == 401 || r.status() == 407) && state != CallState.ENDING && resendInviteWithCredentials(r)) {
            return;
        }
        if (r.status() == 422 && state != CallState.ENDING && sessionTimer.acceptMinSe(r)) {
            resendInvite("INVITE " + remoteUri + " (Session-Expires raised to the Min-SE of the 422)");
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
        if (!r.hasBody() && earlyAnswerSdp == null) {
            sendAck();
            failAfterAnswer("200 OK without SDP answer");
            return;
        }
        String answer;
        try {
            answer = r.hasBody() ? sdp.remoteAnswer(r.body()) : earlyAnswerSdp;
        } catch (SdpRejection e) {
            sendAck();
            failAfterAnswer("answer unusable: " + e.getMessage());
            return;
        }
        MediaSession m = media;
        CompletionStage<Void> before = earlyAnswer != null
                ? earlyAnswer.handle((v, e) -> null) : CompletableFuture.completedFuture(null);
        before.thenCompose(x -> guarded(() -> m.setRemoteDescription(io.siprtc.api.media.SessionDescription.answer(answer))))
                .whenCompleteAsync((v, error) -> {
                    sendAck();
                    if (error != null) {
                        failAfterAnswer("answer rejected by media engine: " + cause(error));
                    } else if (!state.isFinal()) {
                        moveTo(CallState.CONNECTED);
                        sessionTimer.onSuccess(r);
                    }
                }, signalling);
    }

    /**
     * A provisional response with SDP (183 Session Progress, RFC 3960 early media): the answer
     * applied as provisional so media flows before the call is answered. Only the first counts;
     * an unusable one is ignored (the 2xx brings the answer that matters).
     */
    private void applyEarlyAnswer(SipResponse r) {
        if (earlyAnswer != null) {
            return;
        }
        String answer;
        try {
            answer = sdp.remoteAnswer(r.body());
        } catch (SdpRejection e) {
            LOG.info(() -> id + ": early SDP in " + r.status() + " unusable: " + e.getMessage());
            return;
        }
        earlyAnswerSdp = answer;
        dialog.setRemoteTarget(r.header("Contact").map(io.siprtc.api.sip.SipMessage::uriOf).orElse(dialog.remoteTarget()));
        MediaSession m = media;
        earlyAnswer = guarded(() -> m.setRemoteDescription(io.siprtc.api.media.SessionDescription.provisionalAnswer(answer)));
        earlyAnswer.whenCompleteAsync((v, error) -> {
            if (!state.isFinal()) {
                publish(CallEvent.Type.MEDIA, error == null ? "early media (" + r.status() + ")"
                        : "early media refused by the media engine: " + cause(error));
            }
        }, signalling);
    }

    /**
     * A 401 or 407 to our INVITE (RFC 3261 section 22.2): the same INVITE again with credentials,
     * the next CSeq, the same Call-ID and From tag (the stack's transaction ACKed the challenge).
     * Refused or unanswerable credentials end the call. Always true: the response is handled.
     */
    private boolean resendInviteWithCredentials(SipResponse challenge) {
        SipRequest retry;
        try {
            retry = digest().answer(inviteRequest, challenge).request();
        } catch (AuthenticationException e) {
            end(new CallEndReason(CallEndReason.Kind.ERROR, challenge.status(),
                    challenge.status() + " " + challenge.reason() + ": " + e.getMessage()));
            return true;
        }
        inviteRequest = retry;
        resendInvite("INVITE " + remoteUri + " (with credentials)");
        return true;
    }

    /** The INVITE once more with the next CSeq (same Call-ID and From tag), after a 401/407, 422 or 3xx. */
    private void resendInvite(String what) {
        inviteSeq = dialog.nextSeq();
        inviteRequest = sessionTimer.decorate(inviteRequest, false).withHeader("CSeq", inviteSeq + " INVITE");
        try {
            invite = account.send(inviteRequest, new InviteResponses());
            publish(CallEvent.Type.SIP_SENT, what);
        } catch (SipException e) {
            end(new CallEndReason(CallEndReason.Kind.UNAVAILABLE, 503, "cannot send INVITE: " + e.getMessage()));
        }
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
        inviteRequest = inviteRequest.withRequestUri(step.target());
        resendInvite("INVITE " + step.target() + " (redirected)");
    }

    private void sendAck() {
        sendAck(inviteSeq, null);
    }

    /** The ACK for a 2xx to our INVITE or re-INVITE with that CSeq, with an SDP body or none. */
    void sendAck(long seq, String sdpBody) {
        SipRequest ack = dialog.ack(seq);
        if (sdpBody != null) {
            ack = ack.withBody(SDP, sdpBody.getBytes(StandardCharsets.UTF_8));
        }
        try {
            account.sendAck(ack);
            publish(CallEvent.Type.SIP_SENT, "ACK");
        } catch (SipException e) {
            LOG.warning(() -> id + ": ACK not sent: " + e.getMessage());
        }
    }

    /** This call's digest client (INVITE, BYE and every other request it sends): the account's, shared by its calls. */
    DigestClient digest() {
        if (digest == null) {
            digest = account.callDigest();
        }
        return digest;
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
        Integer minSe = sessionTimer.tooSmall(req);
        if (minSe != null) {
            rejectWith(SipResponse.to(req, 422).withToTag(dialog.localTag()).withHeader("Min-SE", String.valueOf(minSe)),
                    new CallEndReason(CallEndReason.Kind.NOT_ACCEPTABLE, 422, "422 Session-Expires below our Min-SE " + minSe));
            return;
        }
        String offer;
        try {
            offer = sdp.remoteOffer(req.body());
        } catch (SdpRejection e) {
            reject(e.sipStatus(), e.getMessage(), CallEndReason.Kind.NOT_ACCEPTABLE);
            return;
        }
        boolean earlyMedia = account.config().early_media();
        // the engine works on the answer while this thread sends the 180
        CompletionStage<io.siprtc.api.media.SessionDescription> answering = CompletableFuture.supplyAsync(
                () -> guarded(() -> session.setRemoteDescription(io.siprtc.api.media.SessionDescription.offer(offer))),
                context.media).thenCompose(set -> set).thenCompose(v -> session.createAnswer());
        if (!earlyMedia) {
            respondProvisional(180);
        }
        answering.whenCompleteAsync((answer, error) -> {
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
            answerResponse = okFor(req).withBody(SDP, body.getBytes(StandardCharsets.UTF_8));
            if (answerRequested) {
                sendAnswer();
            } else if (earlyMedia) {
                sendEarlyMedia(body);
            }
        }, signalling);
    }

    /** A 200 to a request in this dialog: To tag, Contact, Allow and Supported. */
    SipResponse okFor(SipRequest req) {
        return SipResponse.to(req, 200).withToTag(dialog.localTag())
                .withHeader("Contact", "<" + account.contact() + ">")
                .withHeader("Allow", SipCapabilities.ALLOW)
                .withHeader("Supported", SipCapabilities.SUPPORTED);
    }

    /** Early media (RFC 3960): 183 Session Progress with our answer, so media flows before the user answers. */
    private void sendEarlyMedia(String body) {
        try {
            incomingInvite.respond(SipResponse.to(incomingInvite.request(), 183).withToTag(dialog.localTag())
                    .withHeader("Contact", "<" + account.contact() + ">")
                    .withBody(SDP, body.getBytes(StandardCharsets.UTF_8)));
            publish(CallEvent.Type.SIP_SENT, "183 Session Progress (early media)");
        } catch (SipException e) {
            LOG.warning(() -> id + ": 183 not sent: " + e.getMessage());
        }
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
            incomingInvite.respond(sessionTimer.grant(incomingInvite.request(), answerResponse));
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
        } else if (state == CallState.CONNECTED) {
            modification.onAck(ack);
        }
    }

    /** Rejects an incoming call with a final response. */
    void reject(int status, String why, CallEndReason.Kind kind) {
        if (direction != CallDirection.INCOMING || (state != CallState.INCOMING)) {
            return;
        }
        SipResponse r = SipResponse.to(incomingInvite.request(), status).withToTag(dialog.localTag());
        if (why != null && status == 488) {
            r = r.withHeader("Warning", warning(why));
        }
        rejectWith(r, new CallEndReason(kind, status, why != null ? status + " " + why : status + " " + SipResponse.defaultReason(status)));
    }

    private void rejectWith(SipResponse r, CallEndReason reason) {
        try {
            incomingInvite.respond(r);
            publish(CallEvent.Type.SIP_SENT, r.status() + " " + r.reason());
        } catch (SipException e) {
            LOG.warning(() -> id + ": " + r.status() + " not sent: " + e.getMessage());
        }
        end(reason);
    }

    /** A Warning header value (RFC 3261 section 20.43) carrying a problem. */
    static String warning(String problem) {
        return "399 siprtc \"" + problem.replace('"', '\'') + "\"";
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
        publish(CallEvent.Type.SIP_SENT, "BYE");
        requests.send(dialog.request("BYE"), response -> {
            publish(CallEvent.Type.SIP_RECEIVED, response.status() + " " + response.reason() + " (BYE)");
            String how = response.isSuccess() ? "hung up"
                    : DialogRequests.timedOut(response) ? "hung up (BYE unanswered)"
                    : DialogRequests.notDelivered(response) ? "hung up (BYE failed: " + response.reason() + ")"
                    : "hung up (BYE answered " + response.status() + " " + response.reason() + ")";
            end(CallEndReason.of(CallEndReason.Kind.LOCAL_HANGUP, how));
        });
    }

    /**
     * Ends a live call for a reason of ours: with BYE (the reason is kept, the state is ENDING until
     * the BYE is answered), or at once when the dialog is already gone.
     */
    void terminate(CallEndReason reason, boolean bye) {
        if (state.isFinal() || state == CallState.ENDING) {
            return;
        }
        if (!bye) {
            end(reason);
            return;
        }
        endReason = reason;
        moveTo(CallState.ENDING);
        closeMedia();
        sendBye();
    }

    /** Ends the call with a reason; releases media. Idempotent. */
    void end(CallEndReason reason) {
        if (state.isFinal()) {
            return;
        }
        if (endReason == null) {
            endReason = reason;
        }
        modification.stop();
        iceRecovery.stop();
        sessionTimer.stop();
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

    void publish(CallEvent.Type type, String detail) {
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
                if (s == MediaState.Connection.FAILED || s == MediaState.Connection.DISCONNECTED
                        || s == MediaState.Connection.CONNECTED) {
                    // Before the answer ICE has not started: signalling decides that call's fate.
                    signalling.execute(() -> {
                        if (state == CallState.CONNECTED) {
                            iceRecovery.onConnectionState(s);
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

    /**
     * Mutes or unmutes what the call sends, audio or video (the host's {@code setMuted},
     * {@code setVideoMuted}); on the signalling thread, the caller checked the call has not
     * ended (a call gets its media session in the signalling task that makes it).
     *
     * @throws CallException when the media engine failed to do it
     */
    void setMuted(boolean video, boolean on) throws CallException {
        MediaSession m = media;
        if (m != null) {
            String failed = mute(m, video, on);
            if (failed != null) {
                throw new CallException("call " + id + ": " + failed);
            }
        }
        if (video) {
            videoMuted = on;
        } else {
            muted = on;
        }
        publish(CallEvent.Type.MEDIA, (video ? "video " : "") + (on ? "muted" : "unmuted"));
    }

    /** Asks the session (bounded wait); returns what went wrong, null when it was done. */
    private String mute(MediaSession m, boolean video, boolean on) {
        String why;
        try {
            (video ? m.setVideoMuted(on) : m.setMuted(on)).toCompletableFuture().get(MUTE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            why = cause(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            why = "the media engine did not answer within " + MUTE_TIMEOUT_MS + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        String failed = (video ? "video " : "") + (on ? "mute" : "unmute") + " failed: " + why;
        publish(CallEvent.Type.MEDIA, failed);
        return failed;
    }

    /** The media session died under a live call: end it the way its state allows. */
    void mediaLost(String why) {
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
    static <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> engineCall) {
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

    static String cause(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof MediaException ? c.getMessage() : c.toString();
    }

    Dialog dialog() {
        return dialog;
    }

    CallContext context() {
        return context;
    }

    MediaSession media() {
        return media;
    }

    CallSdp sdp() {
        return sdp;
    }

    DialogRequests requests() {
        return requests;
    }

    SessionModification modification() {
        return modification;
    }

    IceRecovery iceRecovery() {
        return iceRecovery;
    }

    SessionTimer sessionTimer() {
        return sessionTimer;
    }

    // ---- mid-call: hold, DTMF, transfer, and the far end's in-dialog requests -------------

    /** Hold or resume; the caller checked the call is connected. */
    void hold(boolean on) {
        if (on) {
            modification.hold();
        } else {
            modification.resume();
        }
    }

    /** DTMF tones, validated by the caller. */
    void sendDtmf(String tones) {
        dtmf.send(tones);
    }

    /** Blind transfer; false when one is already under way. */
    boolean transfer(String target) {
        if (transfer.isPending()) {
            return false;
        }
        transfer.refer(target);
        return true;
    }

    /** A request inside this call's dialog other than BYE, ACK and CANCEL. */
    void onInDialogRequest(ServerTransaction tx) {
        SipRequest req = tx.request();
        if (!dialog.acceptRemoteSeq(req.cseqNumber())) {
            respondInDialog(tx, SipResponse.to(req, 500).withReason("CSeq out of order"));
            return;
        }
        String method = req.method();
        if (state != CallState.CONNECTED && !("NOTIFY".equals(method) || "INFO".equals(method))) {
            // RFC 3261 section 14.2 and RFC 3311: an offer before the dialog is confirmed waits.
            respondInDialog(tx, SipResponse.to(req, 500).withHeader("Retry-After", "1"));
            return;
        }
        switch (method) {
            case "INVITE":
                if (req.header("Allow").isPresent()) {
                    dialog.setRemoteAllow(Dialog.allowOf(req));
                }
                modification.onReinvite(tx);
                return;
            case "UPDATE":
                modification.onUpdate(tx);
                return;
            case "INFO":
                dtmf.onInfo(tx);
                return;
            case "REFER":
                ReferredCall.accept(this, tx);
                return;
            case "NOTIFY":
                transfer.onNotify(tx);
                return;
            default:
                respondInDialog(tx, SipResponse.to(req, 405).withHeader("Allow", SipCapabilities.ALLOW));
        }
    }

    /**
     * Answers a request of the far end in this call; a response that cannot be sent (the
     * transaction is gone) is logged. True when it was sent.
     */
    boolean respondInDialog(ServerTransaction tx, SipResponse r) {
        try {
            tx.respond(r);
            return true;
        } catch (SipException e) {
            LOG.fine(() -> id + ": " + r.status() + " to " + tx.request().method() + " not sent: " + e.getMessage());
            return false;
        }
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
    public boolean isOnHold() {
        return modification.isOnHold();
    }

    @Override
    public boolean isHeldByRemote() {
        return modification.isHeldByRemote();
    }

    @Override
    public boolean isMuted() {
        return muted;
    }

    @Override
    public boolean isVideoMuted() {
        return videoMuted;
    }

    @Override
    public MediaStats mediaStats() {
        MediaSession m = media;
        return m == null ? MediaStats.NONE : m.stats();
    }

    @Override
    public String toString() {
        return id + " " + direction.name().toLowerCase() + " " + remoteUri + " " + state
                + (muted ? " muted" : "") + (videoMuted ? " video-off" : "")
                + (endReason != null ? " (" + endReason + ")" : "");
    }
}
