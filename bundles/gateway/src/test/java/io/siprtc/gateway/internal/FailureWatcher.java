package io.siprtc.gateway.internal;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Remembers whether a test of the class failed, so that a fixture keeps its logs only then. */
final class FailureWatcher implements TestWatcher {

    private volatile boolean failed;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
    }

    boolean failed() {
        return failed;
    }

    /** Stops Kamailio; deletes its files when every test passed, else says where the log is. */
    void stop(Kamailio kamailio) {
        if (kamailio == null) {
            return;
        }
        kamailio.close();
        if (failed) {
            System.err.println("Kept the log of " + kamailio + " for the failed test");
        } else {
            kamailio.deleteFiles();
        }
    }
}
