package io.siprtc.sip.jainsip.internal;

/**
 * Settings of the JAIN-SIP stacks an endpoint creates.
 *
 * @param threadPoolSize UDP message processing threads per stack ({@code gov.nist.javax.sip.THREAD_POOL_SIZE});
 *        1 keeps messages in arrival order (a 180 before its 200, a dialog's requests in CSeq
 *        order): more threads let JAIN-SIP hand them over out of order
 * @param maxMessageSize largest accepted message in bytes ({@code gov.nist.javax.sip.MAX_MESSAGE_SIZE})
 * @param timerT1Ms RFC 3261 T1 in milliseconds; Timer B and F are 64 times it
 */
record StackSettings(int threadPoolSize, int maxMessageSize, int timerT1Ms) {

    static final StackSettings DEFAULTS = new StackSettings(1, 65536, 500);

    StackSettings {
        if (threadPoolSize < 1) {
            throw new IllegalArgumentException("threadPoolSize must be at least 1: " + threadPoolSize);
        }
        if (maxMessageSize < 4096) {
            throw new IllegalArgumentException("maxMessageSize must be at least 4096: " + maxMessageSize);
        }
        if (timerT1Ms < 1) {
            throw new IllegalArgumentException("timerT1Ms must be positive: " + timerT1Ms);
        }
    }

    static StackSettings from(JainSipStack.Config config) {
        return new StackSettings(config.threadPoolSize(), config.maxMessageSize(), config.timerT1Ms());
    }

    /** Timer B / F / the 2xx retransmission limit: 64*T1. */
    long transactionTimeoutMs() {
        return 64L * timerT1Ms;
    }
}
