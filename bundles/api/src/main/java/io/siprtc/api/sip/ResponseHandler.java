package io.siprtc.api.sip;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives what happens to a client transaction; called on a stack thread, must not block. */
@ConsumerType
public interface ResponseHandler {

    /** A provisional or final response; for INVITE, each 2xx retransmission too. */
    void onResponse(SipResponse response);

    /** Timer B or F fired: no final response came. */
    void onTimeout();

    /** The request could not be sent (no route, connection refused, ...). */
    void onTransportError(String message);
}
