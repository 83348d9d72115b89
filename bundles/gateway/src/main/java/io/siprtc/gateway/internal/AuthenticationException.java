package io.siprtc.gateway.internal;

/** A challenge we cannot or must not answer; the message says why and never holds a password. */
final class AuthenticationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the challenge was not answered. */
    enum Reason {
        /** A second challenge for credentials computed from a fresh nonce: the password (or user) is wrong. */
        REFUSED,
        /** The account has no password to answer with. */
        NO_PASSWORD,
        /** No challenge we can answer: malformed, unknown algorithm or qop, endless stale nonces. */
        UNUSABLE_CHALLENGE
    }

    private final Reason reason;

    AuthenticationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    /** True when the account's credentials are the problem (wrong or missing), not the server's challenge. */
    boolean credentialsProblem() {
        return reason != Reason.UNUSABLE_CHALLENGE;
    }
}
