package io.siprtc.sdp;

import java.util.Optional;

/** The direction attributes of RFC 8866 section 6.7: {@code a=sendrecv} (the default) and the others. */
public enum MediaDirection {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String token;

    MediaDirection(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The direction seen from the other side: sendonly and recvonly swap (RFC 3264 section 6.1). */
    public MediaDirection reverse() {
        return this == SENDONLY ? RECVONLY : this == RECVONLY ? SENDONLY : this;
    }

    /** The direction named by an attribute name. */
    public static Optional<MediaDirection> of(String token) {
        for (MediaDirection d : values()) {
            if (d.token.equals(token)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public Attribute toAttribute() {
        return Attribute.of(token);
    }
}
