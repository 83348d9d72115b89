package io.siprtc.api.call;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register a service of this type to receive every call event. Events of one call
 * arrive in order; a slow or failing listener does not stop the call.
 */
@ConsumerType
public interface CallListener {

    void onCallEvent(CallEvent event);
}
