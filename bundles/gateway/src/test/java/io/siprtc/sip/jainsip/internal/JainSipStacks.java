package io.siprtc.sip.jainsip.internal;

import io.siprtc.api.sip.SipStack;

/**
 * The gateway's tests against real servers use the JAIN-SIP stack bundle's service class without
 * OSGi: this helper sits in its package (on the test classpath only) to call what DS would call.
 */
public final class JainSipStacks {

    private JainSipStacks() {
    }

    /** An active stack with the default settings. */
    public static SipStack start() {
        JainSipStack stack = new JainSipStack();
        stack.activate(StackSettings.DEFAULTS);
        return stack;
    }

    /** Deactivates it: every endpoint still open is closed. */
    public static void stop(SipStack stack) {
        ((JainSipStack) stack).deactivate();
    }
}
