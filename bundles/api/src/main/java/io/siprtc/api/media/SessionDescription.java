package io.siprtc.api.media;

import java.util.Objects;

/** An SDP offer or answer (RFC 3264) as text. */
public final class SessionDescription {

    /** RFC 3264 roles; {@code PRANSWER} is a provisional answer (early media, RFC 3959 style). */
    public enum Type { OFFER, PRANSWER, ANSWER }

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

    /** A provisional answer: media may flow, a final answer follows (183 Session Progress). */
    public static SessionDescription provisionalAnswer(String sdp) {
        return new SessionDescription(Type.PRANSWER, sdp);
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
