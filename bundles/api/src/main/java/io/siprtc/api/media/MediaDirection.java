package io.siprtc.api.media;

/** The direction of a media stream, as in SDP's {@code a=sendrecv} and friends (RFC 3264 section 5.1). */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The SDP attribute name, e.g. {@code sendonly}. */
    public String sdpAttribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction an answer takes for an offer with this one (RFC 3264 section 6.1). */
    public MediaDirection answerTo() {
        switch (this) {
            case SENDONLY: return RECVONLY;
            case RECVONLY: return SENDONLY;
            default: return this;
        }
    }

    /** Parses an SDP direction attribute name; null when it is not one. */
    public static MediaDirection fromSdp(String attribute) {
        for (MediaDirection d : values()) {
            if (d.sdpAttribute().equalsIgnoreCase(attribute)) {
                return d;
            }
        }
        return null;
    }
}
