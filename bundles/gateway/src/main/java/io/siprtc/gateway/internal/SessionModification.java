package io.siprtc.gateway.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaDirection;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * Offer and answer inside an established dialog (RFC 3261 section 14, RFC 3311, RFC 6337): our
 * re-INVITEs (hold, resume, session refresh) and the far end's re-INVITEs and UPDATEs. One offer
 * at a time: a far-end offer that crosses ours is glare and gets 491, and a 491 to ours brings a
 * retry after the random back-off of RFC 3261 section 14.1. A refused re-INVITE leaves the
 * session as it was. Runs on the signalling thread only.
 */
final class SessionModification {

    private static final Logger LOG = Logger.getLogger(SessionModification.class.getName());
    /**
     * The re-INVITE sent after a refused one: the last agreed session offered again. The engine
     * rolled its refused offer back, and libwebrtc plays received audio again only after a
     * completed offer/answer (see WebRtcMediaSession#rollback).
     */
    static final String RESYNC = "media re-sync";
    /** How long we wait for the ACK of our 2xx to a re-INVITE (64 * T1, RFC 3261 section 13.3.1.4). */
    static final long ACK_WAIT_MS = 32_000;

    private final CallSession call;
    private final DoubleSupplier random;

    /** The direction we want (sendonly while we hold) and the one the far end last accepted. */
    private MediaDirection wanted = MediaDirection.SENDRECV;
    private MediaDirection accepted = MediaDirection.SENDRECV;
    private boolean heldByRemote;

    /** Our offer: from createOffer to the end of its re-INVITE, including a glare back-off. */
    private boolean offering;
    /** Our re-INVITE is on the wire and has no final response yet. */
    private boolean inFlight;
    /** Asked for while an offer exchange was under way: made when it ends. */
    private String queued;
    private Scheduler.Timer glareRetry;

    /** The far end's re-INVITE we answered, until its ACK; or its UPDATE until we answered it. */
    private ServerTransaction answering;
    /** Our 2xx to an offerless re-INVITE carried the offer: the ACK brings the answer. */
    private boolean answerInAck;
    private Scheduler.Timer ackWait;

    SessionModification(CallSession call, DoubleSupplier random) {
        this.call = call;
        this.random = random;
    }

    boolean isOnHold() {
        return accepted != MediaDirection.SENDRECV;
    }

    boolean isHeldByRemote() {
        return heldByRemote;
    }

    // ---- our offers ------------------------------------------------------------------------

    /** Hold (RFC 6337 section 5.3): a re-INVITE offering sendonly. */
    void hold() {
        wanted = MediaDirection.SENDONLY;
        offer("hold");
    }

    /** Resume: a re-INVITE offering sendrecv. */
    void resume() {
        wanted = MediaDirection.SENDRECV;
        offer("resume");
    }

    /** An ICE restart (see {@link IceRecovery}): a re-INVITE with new ICE credentials, the direction as it is. */
    void restartIce() {
        offer(IceRecovery.WHY);
    }

    /** A session refresh by re-INVITE (RFC 4028), with the direction as it is. */
    void refresh() {
        offer("session refresh");
    }

    private void offer(String why) {
        if (offering || answering != null) {
            queued = why;
            return;
        }
        offering = true;
        MediaSession media = call.media();
        MediaDirection direction = wanted;
        // An engine that cannot set directions can still refresh or resume: only hold needs it.
        CallSession.guarded(() -> media.setDirection(direction)).handle((v, e) -> {
            if (e != null && direction != MediaDirection.SENDRECV) {
                throw new CompletionException(e);
            }
            return (Void) null;
        }).thenCompose(v -> IceRecovery.WHY.equals(why) ? CallSession.guarded(media::restartIce)
                : java.util.concurrent.CompletableFuture.completedFuture((Void) null))
                .thenCompose(v -> media.createOffer()).whenCompleteAsync((offer, error) -> {
            if (call.state() != CallState.CONNECTED) {
                return;
            }
            if (error != null) {
                failed(why, "the media engine made no offer: " + CallSession.cause(error));
                return;
            }
            String body;
            try {
                body = call.sdp().localOffer(offer.sdp());
            } catch (SdpRejection e) {
                rollback();
                failed(why, "offer unusable: " + e.getMessage());
                return;
            }
            sendReinvite(why, body);
        }, call.context().signalling);
    }

    private void sendReinvite(String why, String body) {
        SipRequest reinvite = call.sessionTimer().decorate(call.dialog().request("INVITE"), true)
                .withHeader("Allow", SipCapabilities.ALLOW)
                .withBody(CallSession.SDP, body.getBytes(StandardCharsets.UTF_8));
        inFlight = true;
        call.publish(CallEvent.Type.SIP_SENT, "re-INVITE (" + why + ")");
        call.requests().send(reinvite, new DialogRequests.Outcome() {
            @Override
            public void onFinal(SipResponse r) {
                inFlight = false;
                onReinviteResponse(why, r);
            }

            @Override
            public void onRetransmitted2xx(SipResponse r) {
                call.sendAck(r.cseqNumber(), null); // our ACK was lost
            }
        });
    }

    private void onReinviteResponse(String why, SipResponse r) {
        if (call.state() != CallState.CONNECTED) {
            if (r.isSuccess()) {
                call.sendAck(r.cseqNumber(), null);
            }
            return;
        }
        call.publish(CallEvent.Type.SIP_RECEIVED, r.status() + " " + r.reason() + " (re-INVITE)");
        if (r.isSuccess()) {
            call.sendAck(r.cseqNumber(), null);
            applyAnswer(why, r);
            return;
        }
        if (r.status() == 491) {
            rollback();
            long delay = glareBackoffMillis();
            call.publish(CallEvent.Type.RENEGOTIATED, why + ": glare (491), trying again in " + delay + " ms");
            glareRetry = call.context().later(() -> {
                glareRetry = null;
                offering = false;
                if (call.state() == CallState.CONNECTED) {
                    offer(why);
                }
            }, delay);
            return;
        }
        if (r.status() == 481 || r.status() == 408) {
            // RFC 3261 section 14.1: the dialog is gone (481) or the far end does not answer (408).
            call.terminate(new CallEndReason(r.status() == 408 ? CallEndReason.Kind.TIMEOUT : CallEndReason.Kind.ERROR,
                    r.status(), why + " failed: " + r.status() + " " + r.reason()), r.status() == 408);
            return;
        }
        rollback();
        if (!RESYNC.equals(why) && queued == null) {
            queued = RESYNC; // once: a refused re-sync is not tried again
        }
        failed(why, r.status() + " " + r.reason());
    }

    private void applyAnswer(String why, SipResponse ok) {
        if (!ok.hasBody()) {
            call.terminate(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, why + ": 2xx without an SDP answer"), true);
            return;
        }
        String answer;
        try {
            answer = call.sdp().remoteAnswer(ok.body());
        } catch (SdpRejection e) {
            call.terminate(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, why + ": answer unusable: " + e.getMessage()), true);
            return;
        }
        MediaSession media = call.media();
        CallSession.guarded(() -> media.setRemoteDescription(SessionDescription.answer(answer)))
                .whenCompleteAsync((v, error) -> {
                    if (call.state() != CallState.CONNECTED) {
                        return;
                    }
                    if (error != null) {
                        call.terminate(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED,
                                why + ": answer rejected by the media engine: " + CallSession.cause(error)), true);
                        return;
                    }
                    boolean holdChanged = accepted != wanted;
                    accepted = wanted;
                    call.sessionTimer().onSuccess(ok);
                    if (holdChanged) {
                        call.publish(CallEvent.Type.HOLD, isOnHold() ? "on hold" : "resumed");
                    } else {
                        call.publish(CallEvent.Type.RENEGOTIATED, why + " done");
                    }
                    done();
                }, call.context().signalling);
    }

    private void failed(String why, String problem) {
        if (wanted != accepted) {
            wanted = accepted;
            MediaSession media = call.media();
            CallSession.guarded(() -> media.setDirection(accepted));
        }
        call.publish(isHoldChange(why) ? CallEvent.Type.HOLD : CallEvent.Type.RENEGOTIATED, why + " failed: " + problem);
        if (IceRecovery.WHY.equals(why)) {
            call.iceRecovery().restartFailed(problem);
        }
        done();
    }

    private static boolean isHoldChange(String why) {
        return "hold".equals(why) || "resume".equals(why);
    }

    private void done() {
        offering = false;
        runQueued();
    }

    private void runQueued() {
        String next = queued;
        queued = null;
        if (next != null && call.state() == CallState.CONNECTED) {
            offer(next);
        }
    }

    /** RFC 3261 section 14.1: 2.1 to 4 s for the owner of the Call-ID, else 0 to 2 s, in 10 ms steps. */
    long glareBackoffMillis() {
        double r = random.getAsDouble();
        return call.direction() == io.siprtc.api.call.CallDirection.OUTGOING
                ? 2100 + Math.round(r * 190) * 10
                : Math.round(r * 200) * 10;
    }

    private void rollback() {
        MediaSession media = call.media();
        CallSession.guarded(media::rollback).whenComplete((v, e) -> {
            if (e != null) {
                LOG.fine(() -> call.id() + ": rollback: " + CallSession.cause(e));
            }
        });
    }

    // ---- the far end's offers ---------------------------------------------------------------

    /** A re-INVITE from the far end (RFC 3261 section 14.2). */
    void onReinvite(ServerTransaction tx) {
        if (inFlight) {
            respond(tx, SipResponse.to(tx.request(), 491));
            return;
        }
        if (answering != null) {
            respond(tx, SipResponse.to(tx.request(), 500).withHeader("Retry-After", String.valueOf(1 + (int) (random.getAsDouble() * 9))));
            return;
        }
        answerOffer(tx, true);
    }

    /** An UPDATE from the far end (RFC 3311): a session refresh, or an offer answered in its 2xx. */
    void onUpdate(ServerTransaction tx) {
        SipRequest req = tx.request();
        if (req.hasBody() && (inFlight || answering != null)) {
            respond(tx, SipResponse.to(req, inFlight ? 491 : 500));
            return;
        }
        if (!req.hasBody()) {
            Integer minSe = call.sessionTimer().tooSmall(req);
            if (minSe != null) {
                respond(tx, SipResponse.to(req, 422).withHeader("Min-SE", String.valueOf(minSe)));
                return;
            }
            respond(tx, call.sessionTimer().grant(req, call.okFor(req)));
            call.publish(CallEvent.Type.RENEGOTIATED, "session refreshed by the far end (UPDATE)");
            return;
        }
        answerOffer(tx, false);
    }

    private void answerOffer(ServerTransaction tx, boolean invite) {
        SipRequest req = tx.request();
        Integer minSe = call.sessionTimer().tooSmall(req);
        if (minSe != null) {
            respond(tx, SipResponse.to(req, 422).withHeader("Min-SE", String.valueOf(minSe)));
            return;
        }
        String what = invite ? "re-INVITE" : "UPDATE";
        call.publish(CallEvent.Type.SIP_RECEIVED, what + (req.hasBody() ? "" : " without offer"));
        if (!req.hasBody()) {
            offerInOk(tx);
            return;
        }
        if (!req.header("Content-Type").orElse("").toLowerCase().startsWith(CallSession.SDP)) {
            respond(tx, SipResponse.to(req, 415).withHeader("Accept", CallSession.SDP));
            return;
        }
        String offer;
        try {
            offer = call.sdp().remoteOffer(req.body());
        } catch (SdpRejection e) {
            respond(tx, SipResponse.to(req, e.sipStatus()).withHeader("Warning", CallSession.warning(e.getMessage())));
            return;
        }
        boolean holds = call.sdp().remoteOfferHolds();
        call.iceRecovery().onFarEndOffer();
        answering = tx;
        MediaSession media = call.media();
        CallSession.guarded(() -> media.setRemoteDescription(SessionDescription.offer(offer)))
                .thenCompose(v -> media.createAnswer())
                .whenCompleteAsync((answer, error) -> {
                    if (call.state() != CallState.CONNECTED) {
                        return;
                    }
                    String body = null;
                    String problem = null;
                    if (error != null) {
                        problem = "media engine: " + CallSession.cause(error);
                    } else {
                        try {
                            body = call.sdp().localAnswer(answer.sdp());
                        } catch (SdpRejection e) {
                            problem = "answer unusable: " + e.getMessage();
                        }
                    }
                    if (problem != null) {
                        rollback();
                        answering = null;
                        respond(tx, SipResponse.to(req, 488).withHeader("Warning", CallSession.warning(problem)));
                        runQueued();
                        return;
                    }
                    SipResponse ok = call.sessionTimer().grant(req, call.okFor(req))
                            .withBody(CallSession.SDP, body.getBytes(StandardCharsets.UTF_8));
                    respond(tx, ok);
                    boolean holdChanged = holds != heldByRemote;
                    heldByRemote = holds;
                    call.publish(holdChanged ? CallEvent.Type.HOLD : CallEvent.Type.RENEGOTIATED,
                            holdChanged ? (holds ? "held by the far end" : "resumed by the far end")
                                    : "media renegotiated by the far end (" + what + ")");
                    if (invite) {
                        awaitAck();
                    } else {
                        answering = null;
                        runQueued();
                    }
                }, call.context().signalling);
    }

    /** An offerless re-INVITE (RFC 3261 section 14.2): our offer goes in the 2xx, the answer comes in the ACK. */
    private void offerInOk(ServerTransaction tx) {
        SipRequest req = tx.request();
        answering = tx;
        MediaSession media = call.media();
        CallSession.guarded(media::createOffer).whenCompleteAsync((offer, error) -> {
            if (call.state() != CallState.CONNECTED) {
                return;
            }
            String body;
            try {
                if (error != null) {
                    throw new SdpRejection(500, "media engine: " + CallSession.cause(error));
                }
                body = call.sdp().localOffer(offer.sdp());
            } catch (SdpRejection e) {
                answering = null;
                respond(tx, SipResponse.to(req, 500).withHeader("Warning", CallSession.warning(e.getMessage())));
                return;
            }
            answerInAck = true;
            respond(tx, call.sessionTimer().grant(req, call.okFor(req))
                    .withBody(CallSession.SDP, body.getBytes(StandardCharsets.UTF_8)));
            awaitAck();
        }, call.context().signalling);
    }

    private void awaitAck() {
        ackWait = call.context().later(() -> {
            if (answering != null && call.state() == CallState.CONNECTED) {
                answering = null;
                call.terminate(new CallEndReason(CallEndReason.Kind.TIMEOUT, 408, "no ACK for our 2xx to the re-INVITE"), true);
            }
        }, ACK_WAIT_MS);
    }

    /** The ACK of our 2xx to a re-INVITE; it carries the answer when our 2xx carried the offer. */
    void onAck(SipRequest ack) {
        if (answering == null || !"INVITE".equals(answering.request().method())
                || ack.cseqNumber() != answering.request().cseqNumber()) {
            return;
        }
        answering = null;
        cancel(ackWait);
        call.publish(CallEvent.Type.SIP_RECEIVED, "ACK (re-INVITE)");
        if (answerInAck) {
            answerInAck = false;
            if (!ack.hasBody()) {
                call.terminate(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, "the ACK brought no SDP answer to our offer"), true);
                return;
            }
            String answer;
            try {
                answer = call.sdp().remoteAnswer(ack.body());
            } catch (SdpRejection e) {
                call.terminate(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, "answer in ACK unusable: " + e.getMessage()), true);
                return;
            }
            MediaSession media = call.media();
            CallSession.guarded(() -> media.setRemoteDescription(SessionDescription.answer(answer)))
                    .whenCompleteAsync((v, error) -> {
                        if (error != null && call.state() == CallState.CONNECTED) {
                            call.terminate(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED,
                                    "answer in ACK rejected by the media engine: " + CallSession.cause(error)), true);
                        } else if (error == null) {
                            call.publish(CallEvent.Type.RENEGOTIATED, "media renegotiated by the far end (offer in our 2xx)");
                        }
                    }, call.context().signalling);
        }
        runQueued();
    }

    /** The call ended: no more timers. */
    void stop() {
        cancel(glareRetry);
        cancel(ackWait);
        queued = null;
    }

    private static void cancel(Scheduler.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }

    private void respond(ServerTransaction tx, SipResponse r) {
        if (call.respondInDialog(tx, r)) {
            call.publish(CallEvent.Type.SIP_SENT, r.status() + " " + r.reason() + " (" + tx.request().method() + ")");
        }
    }
}
