package io.siprtc.api.call;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register a service of this type to receive every account's registration state
 * changes. Events arrive in order on one thread; a slow or failing listener does not stop the
 * account. The current state of every account is in {@link CallService#accounts()}.
 */
@ConsumerType
public interface AccountListener {

    void onAccountEvent(AccountEvent event);
}
