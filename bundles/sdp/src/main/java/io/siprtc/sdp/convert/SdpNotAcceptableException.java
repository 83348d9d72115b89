package io.siprtc.sdp.convert;

/**
 * A rule found that a description cannot be used at all, e.g. an offer keyed only with SDES
 * ({@code a=crypto}, RFC 4568). A SIP user agent answers such an offer with 488 Not Acceptable
 * Here (RFC 3261 section 21.4.26), putting {@link #getMessage()} into a Warning header.
 */
public class SdpNotAcceptableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message why, in one line, for the far end's user and the logs */
    public SdpNotAcceptableException(String message) {
        super(message);
    }

    /** The SIP status to answer with: 488. */
    public int sipStatus() {
        return 488;
    }
}
