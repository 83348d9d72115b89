package io.siprtc.gateway.internal;

import java.util.concurrent.Executor;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallException;

/**
 * What the gateway lends each call: the signalling thread, timers that fire on it, the event
 * bus, id generation and the way to place a new call (for a REFER the far end sent).
 */
final class CallContext {

    /** Places a call from an account, as {@link io.siprtc.api.call.CallService#dial} does. */
    interface Dialler {
        Call dial(String accountId, String target) throws CallException;
    }

    final Executor signalling;
    /**
     * Where a call makes the media engine calls that keep their caller waiting (libwebrtc runs
     * {@code setRemoteDescription} on its own thread while the caller waits), so that the
     * signalling thread goes on meanwhile (the callee's 180).
     */
    final Executor media;
    final Scheduler timers;
    final EventBus events;
    final Ids ids;
    final Dialler dialler;

    /**
     * @param timers fires its tasks anywhere: the call moves them onto {@code signalling} itself
     */
    CallContext(Executor signalling, Executor media, Scheduler timers, EventBus events, Ids ids, Dialler dialler) {
        this.signalling = signalling;
        this.media = media;
        this.timers = timers;
        this.events = events;
        this.ids = ids;
        this.dialler = dialler;
    }

    /** Runs the task on the signalling thread after the delay. */
    Scheduler.Timer later(Runnable task, long delayMillis) {
        return timers.schedule(() -> signalling.execute(task), delayMillis);
    }
}
