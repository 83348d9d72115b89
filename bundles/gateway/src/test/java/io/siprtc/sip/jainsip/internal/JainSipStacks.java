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

    /** An active stack whose endpoints use this RFC 3261 T1 (Timer B and F are 64*T1): for timeout tests. */
    public static SipStack start(int timerT1Ms) {
        JainSipStack stack = new JainSipStack();
        stack.activate(new StackSettings(StackSettings.DEFAULTS.threadPoolSize(), StackSettings.DEFAULTS.maxMessageSize(),
                timerT1Ms));
        return stack;
    }

    /** Deactivates it: every endpoint still open is closed. */
    public static void stop(SipStack stack) {
        ((JainSipStack) stack).deactivate();
    }
}
