package io.siprtc.api.call;

import java.util.Objects;

/**
 * Something that happened to a call: a state change, a SIP message sent or received, or a
 * media milestone. {@link #detail()} is a line a person can read.
 */
public final class CallEvent {

    public enum Type {
        /** {@link #from()} to {@link #to()}. */
        STATE_CHANGED,
        /** A SIP request or response was sent. */
        SIP_SENT,
        /** A SIP request or response was received. */
        SIP_RECEIVED,
        /** ICE, DTLS or first-media milestones. */
        MEDIA,
        /** Hold or resume, by us or the far end; the detail says which ({@link Call#isOnHold()}). @since 1.2 */
        HOLD,
        /** A DTMF tone received (SIP INFO) or sent; the detail is the tone. @since 1.2 */
        DTMF,
        /** Progress of a transfer (REFER and its NOTIFYs), sent or received. @since 1.2 */
        TRANSFER,
        /** The media session was renegotiated (re-INVITE or UPDATE with SDP, session refresh). @since 1.2 */
        RENEGOTIATED
    }

    private final Call call;
    private final Type type;
    private final CallState from;
    private final CallState to;
    private final String detail;
    private final long nanoTime;

    public CallEvent(Call call, Type type, CallState from, CallState to, String detail) {
        this.call = Objects.requireNonNull(call);
        this.type = Objects.requireNonNull(type);
        this.from = from;
        this.to = to;
        this.detail = detail == null ? "" : detail;
        this.nanoTime = System.nanoTime();
    }

    public Call call() {
        return call;
    }

    public Type type() {
        return type;
    }

    /** For {@link Type#STATE_CHANGED}: the old state; otherwise the current one. */
    public CallState from() {
        return from;
    }

    /** For {@link Type#STATE_CHANGED}: the new state; otherwise the current one. */
    public CallState to() {
        return to;
    }

    public String detail() {
        return detail;
    }

    /** {@link System#nanoTime()} when the event was made. */
    public long nanoTime() {
        return nanoTime;
    }

    @Override
    public String toString() {
        return call.id() + " " + type + (type == Type.STATE_CHANGED ? " " + from + "->" + to : "") + " " + detail;
    }
}
