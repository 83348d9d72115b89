package io.siprtc.api.call;

import java.util.Objects;

/** Why a call ended: a kind a UI can switch on, the SIP status if one applies, and a text. */
public final class CallEndReason {

    /** Kinds of call end, mapped from SIP responses and local events. */
    public enum Kind {
        LOCAL_HANGUP, REMOTE_HANGUP, CANCELLED, REJECTED, BUSY, NOT_FOUND, UNAVAILABLE, TIMEOUT,
        NOT_ACCEPTABLE, SERVER_ERROR, MEDIA_FAILED, NO_MEDIA_ENGINE, NO_SIP_STACK, BAD_REQUEST, ERROR
    }

    private final Kind kind;
    private final int sipStatus;
    private final String text;

    public CallEndReason(Kind kind, int sipStatus, String text) {
        this.kind = Objects.requireNonNull(kind);
        this.sipStatus = sipStatus;
        this.text = text == null ? kind.name() : text;
    }

    public static CallEndReason of(Kind kind, String text) {
        return new CallEndReason(kind, 0, text);
    }

    /** Maps a final SIP failure response to a reason (RFC 3261 section 21). */
    public static CallEndReason fromStatus(int status, String reasonPhrase) {
        Kind kind;
        switch (status) {
            case 404: case 604: kind = Kind.NOT_FOUND; break;
            case 408: kind = Kind.TIMEOUT; break;
            case 480: kind = Kind.UNAVAILABLE; break;
            case 486: case 600: kind = Kind.BUSY; break;
            case 487: kind = Kind.CANCELLED; break;
            case 488: case 606: kind = Kind.NOT_ACCEPTABLE; break;
            case 603: kind = Kind.REJECTED; break;
            default:
                kind = status >= 500 && status < 600 ? Kind.SERVER_ERROR : Kind.ERROR;
        }
        return new CallEndReason(kind, status, status + " " + (reasonPhrase == null ? "" : reasonPhrase).trim());
    }

    public Kind kind() {
        return kind;
    }

    /** The SIP status that ended the call, or 0 when none did. */
    public int sipStatus() {
        return sipStatus;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return kind + (sipStatus > 0 ? " (" + text + ")" : ": " + text);
    }
}
