package io.siprtc.api.media;

import java.util.Objects;

/** An SDP offer or answer (RFC 3264) as text. */
public final class SessionDescription {

    public enum Type { OFFER, ANSWER }

    private final Type type;
    private final String sdp;

    public SessionDescription(Type type, String sdp) {
        this.type = Objects.requireNonNull(type);
        this.sdp = Objects.requireNonNull(sdp);
    }

    public static SessionDescription offer(String sdp) {
        return new SessionDescription(Type.OFFER, sdp);
    }

    public static SessionDescription answer(String sdp) {
        return new SessionDescription(Type.ANSWER, sdp);
    }

    public Type type() {
        return type;
    }

    public String sdp() {
        return sdp;
    }

    @Override
    public String toString() {
        return type + " (" + sdp.length() + " chars)";
    }
}
