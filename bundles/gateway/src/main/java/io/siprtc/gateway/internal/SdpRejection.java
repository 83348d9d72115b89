package io.siprtc.gateway.internal;

/**
 * A description the gateway cannot use, with the SIP status to answer an offer with (488 Not
 * Acceptable Here, or 500 for our own misconfiguration) and a one-line reason for the Warning
 * header and the call's end reason.
 */
final class SdpRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final int sipStatus;

    SdpRejection(int sipStatus, String message) {
        super(message);
        this.sipStatus = sipStatus;
    }

    SdpRejection(String message) {
        this(488, message);
    }

    int sipStatus() {
        return sipStatus;
    }
}
