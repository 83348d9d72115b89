package io.siprtc.api.call;

/** A call control request that could not be carried out; the message says why. */
public class CallException extends Exception {

    private static final long serialVersionUID = 1L;

    public CallException(String message) {
        super(message);
    }

    public CallException(String message, Throwable cause) {
        super(message, cause);
    }
}
