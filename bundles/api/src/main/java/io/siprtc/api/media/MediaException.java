package io.siprtc.api.media;

/** A media operation that failed; {@link #sipStatus()} suggests the SIP response for it. */
public class MediaException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int sipStatus;

    public MediaException(String message) {
        this(message, 488, null);
    }

    public MediaException(String message, int sipStatus, Throwable cause) {
        super(message, cause);
        this.sipStatus = sipStatus;
    }

    /** 488 for an unusable SDP, 500 or 503 for engine trouble. */
    public int sipStatus() {
        return sipStatus;
    }
}
