package io.siprtc.api.sip;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives requests for an endpoint; called on a stack thread, must not block. */
@ConsumerType
public interface SipRequestHandler {

    /** A new request (not ACK, not CANCEL) in its server transaction. */
    void onRequest(ServerTransaction transaction);

    /** An ACK for a 2xx: it has no transaction of its own. */
    void onAck(SipRequest ack);

    /**
     * A CANCEL matched a pending INVITE. The stack already answered the CANCEL with 200; the
     * handler answers the INVITE (487 Request Terminated).
     */
    void onCancel(ServerTransaction invite);

    /** A request the stack could not parse arrived; it already answered 400 where it could. */
    default void onMalformed(String source, String problem) {
    }
}
