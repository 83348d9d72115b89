package io.siprtc.sdp;

import java.util.Optional;

/**
 * The value of an {@code a=setup} line (RFC 4145 section 4, for DTLS RFC 8842 section 5): which
 * side opens the DTLS association.
 */
public enum Setup {
    /** Opens the connection (the DTLS client). */
    ACTIVE("active"),
    /** Waits for the connection (the DTLS server). */
    PASSIVE("passive"),
    /** Either; only allowed in offers. */
    ACTPASS("actpass"),
    /** Keeps the current connection. */
    HOLDCONN("holdconn");

    private final String token;

    Setup(String token) {
        this.token = token;
    }

    /** The SDP token, e.g. {@code actpass}. */
    public String token() {
        return token;
    }

    /** The role an answerer takes against this offered role: active for actpass (RFC 8842 section 5.3). */
    public Setup answerTo() {
        switch (this) {
            case ACTIVE:
                return PASSIVE;
            case PASSIVE:
            case ACTPASS:
                return ACTIVE;
            default:
                return HOLDCONN;
        }
    }

    /** The role named by an SDP token (case-sensitive, as RFC 4145 writes them). */
    public static Optional<Setup> of(String token) {
        for (Setup s : values()) {
            if (s.token.equals(token)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Attribute toAttribute() {
        return Attribute.of("setup", token);
    }
}
