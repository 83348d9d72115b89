package io.siprtc.sip.jainsip.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs a gateway callback so that its exceptions never reach (and kill) a stack thread. */
final class Callbacks {

    private static final Logger LOG = Logger.getLogger(Callbacks.class.getName());

    private Callbacks() {
    }

    static void run(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.log(Level.WARNING, "SIP handler failed in " + what, e);
        }
    }
}
