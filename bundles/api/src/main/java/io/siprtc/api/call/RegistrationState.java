package io.siprtc.api.call;

/**
 * Where an account stands with its registrar (RFC 3261 section 10). Peer-to-peer accounts, and
 * accounts configured not to register, stay {@link #NONE}.
 */
public enum RegistrationState {
    /** The account does not register (peer-to-peer, or registration turned off). */
    NONE,
    /** A REGISTER is on its way (first registration, or again after a failure). */
    REGISTERING,
    /** The registrar accepted the binding; it is refreshed before it expires. */
    REGISTERED,
    /** The binding is being removed (REGISTER with Expires: 0). */
    UNREGISTERING,
    /** The binding was removed, or the account stopped before it had one. */
    UNREGISTERED,
    /**
     * The registrar refused our credentials: a second challenge for freshly computed credentials,
     * or 403. The account retries only after a long wait or when its configuration changes.
     */
    AUTHENTICATION_FAILED,
    /** Any other failure (no answer, unreachable, an error response); retried with back-off. */
    FAILED;

    /** True for the two failure states. */
    public boolean isFailure() {
        return this == FAILED || this == AUTHENTICATION_FAILED;
    }
}
