package io.siprtc.api.call;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register a service of this type to receive the SIP MESSAGEs that arrive at any
 * account. A slow or failing listener does not delay the 200 OK.
 *
 * @since 1.2
 */
@ConsumerType
public interface InstantMessageListener {

    void onMessage(InstantMessage message);
}
