package io.siprtc.gateway.internal;

import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaState;

/**
 * Brings the media of a live call back after the network changed or the connection failed: an
 * ICE restart offered in a re-INVITE (RFC 8445 section 9, RFC 8829 section 4.1.10). A connection
 * that stays disconnected for {@link #DISCONNECTED_GRACE_MS}, or fails, starts one; media that is
 * not connected again within {@link #RECOVERY_MS}, a refused restart, or an engine that cannot
 * restart ICE ends the call with a reason. Both ends see the failure: the caller restarts at once
 * and the callee only if the caller's restart has not reached it after {@link #CALLEE_DELAY_MS},
 * which keeps the two re-INVITEs from crossing. Runs on the signalling thread only.
 */
final class IceRecovery {

    static final String WHY = "ICE restart";
    static final long DISCONNECTED_GRACE_MS = 2_000;
    static final long CALLEE_DELAY_MS = 1_500;
    static final long RECOVERY_MS = 10_000;
    /** Restarts per call: a link that keeps failing is not restarted forever. */
    static final int MAX_RESTARTS = 3;

    private final CallSession call;
    private int restarts;
    /** Why media is down, while a restart is under way; null otherwise. */
    private String lost;
    private Scheduler.Timer grace;
    private Scheduler.Timer deadline;
    private Scheduler.Timer ourTurn;

    IceRecovery(CallSession call) {
        this.call = call;
    }

    /** The media session's connection state, in a connected call. */
    void onConnectionState(MediaState.Connection s) {
        switch (s) {
            case CONNECTED:
                cancel(grace);
                grace = null;
                if (lost != null) {
                    stopTimers();
                    lost = null;
                    call.publish(CallEvent.Type.MEDIA, "media recovered by an ICE restart");
                }
                return;
            case DISCONNECTED:
                if (lost == null && grace == null) {
                    grace = call.context().later(() -> {
                        grace = null;
                        start("media connection lost");
                    }, DISCONNECTED_GRACE_MS);
                }
                return;
            case FAILED:
                cancel(grace);
                grace = null;
                start("media connection failed");
                return;
            default:
        }
    }

    /** The far end sent an offer (its own ICE restart, most likely): ours is not needed. */
    void onFarEndOffer() {
        cancel(ourTurn);
        ourTurn = null;
    }

    /** Our restart offer went nowhere (refused, unanswered, or the engine could not make it). */
    void restartFailed(String problem) {
        if (lost != null) {
            giveUp(lost + "; ICE restart failed: " + problem);
        }
    }

    void stop() {
        cancel(grace);
        grace = null;
        stopTimers();
        lost = null;
    }

    private void start(String what) {
        if (lost != null || call.state() != CallState.CONNECTED) {
            return;
        }
        if (restarts >= MAX_RESTARTS) {
            call.mediaLost(what + " (" + restarts + " ICE restarts already)");
            return;
        }
        restarts++;
        lost = what;
        call.publish(CallEvent.Type.MEDIA, what + ": restarting ICE");
        long wait = call.direction() == CallDirection.OUTGOING ? 0 : CALLEE_DELAY_MS;
        ourTurn = call.context().later(() -> {
            ourTurn = null;
            call.modification().restartIce();
        }, wait);
        deadline = call.context().later(() -> {
            deadline = null;
            giveUp(what + "; not recovered by an ICE restart within " + RECOVERY_MS / 1000 + " s");
        }, RECOVERY_MS);
    }

    private void giveUp(String why) {
        stopTimers();
        lost = null;
        if (call.state() == CallState.CONNECTED) {
            call.mediaLost(why);
        }
    }

    private void stopTimers() {
        cancel(ourTurn);
        cancel(deadline);
        ourTurn = null;
        deadline = null;
    }

    private static void cancel(Scheduler.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
