package io.siprtc.api.sip;

/** A SIP stack operation that failed; the message says why. */
public class SipException extends Exception {

    private static final long serialVersionUID = 1L;

    public SipException(String message) {
        super(message);
    }

    public SipException(String message, Throwable cause) {
        super(message, cause);
    }
}
