package io.siprtc.gateway.internal;

import java.util.concurrent.Executor;

/**
 * One serial thread with timers: everything an account's registration does runs on it, in order,
 * so its state needs no locks. Tests use a manual one with virtual time.
 */
interface Scheduler extends Executor {

    /** Runs the task once after the delay, on the scheduler's thread. */
    Timer schedule(Runnable task, long delayMillis);

    /** A scheduled task. */
    interface Timer {
        /** Cancels the task if it has not run yet; harmless afterwards. */
        void cancel();
    }
}
