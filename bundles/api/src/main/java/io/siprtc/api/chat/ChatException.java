package io.siprtc.api.chat;

/** A chat request that could not be carried out; the message says why. */
public class ChatException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChatException(String message) {
        super(message);
    }

    public ChatException(String message, Throwable cause) {
        super(message, cause);
    }
}
