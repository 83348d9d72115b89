package io.siprtc.api.sip;

import java.util.ArrayList;
import java.util.List;

/** A SIP response. Immutable; the {@code with...} methods return changed copies. */
public final class SipResponse extends SipMessage {

    private final int status;
    private final String reason;

    public SipResponse(int status, String reason, List<SipHeader> headers, byte[] body) {
        super(headers, body);
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("SIP status out of range: " + status);
        }
        this.status = status;
        this.reason = reason == null ? defaultReason(status) : reason;
    }

    /**
     * A response to a request (RFC 3261 section 8.2.6): Via, From, To, Call-ID and CSeq copied
     * from it. The caller adds the To tag, Contact and body as needed.
     */
    public static SipResponse to(SipRequest request, int status) {
        List<SipHeader> headers = new ArrayList<>();
        for (SipHeader h : request.headers()) {
            if (h.is("Via") || h.is("From") || h.is("To") || h.is("Call-ID") || h.is("CSeq")) {
                headers.add(h);
            }
        }
        return new SipResponse(status, null, headers, null);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean isProvisional() {
        return status < 200;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The same response with another reason phrase (null for the default one). @since 1.1 */
    public SipResponse withReason(String newReason) {
        return new SipResponse(status, newReason, headers(), body());
    }

    public SipResponse withHeader(String name, String value) {
        return new SipResponse(status, reason, with(headers(), name, value, true), body());
    }

    public SipResponse addHeader(String name, String value) {
        return new SipResponse(status, reason, with(headers(), name, value, false), body());
    }

    public SipResponse withBody(String contentType, byte[] newBody) {
        return new SipResponse(status, reason, with(headers(), "Content-Type", contentType, true), newBody);
    }

    /** Sets the To tag when the To header has none (the UAS side of a dialog). */
    public SipResponse withToTag(String tag) {
        String to = header("To").orElse("");
        if (tagOf(to) != null || tag == null) {
            return this;
        }
        return withHeader("To", to + ";tag=" + tag);
    }

    public static String defaultReason(int status) {
        switch (status) {
            case 100: return "Trying";
            case 180: return "Ringing";
            case 183: return "Session Progress";
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 407: return "Proxy Authentication Required";
            case 423: return "Interval Too Brief";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 422: return "Session Interval Too Small";
            case 415: return "Unsupported Media Type";
            case 480: return "Temporarily Unavailable";
            case 481: return "Call/Transaction Does Not Exist";
            case 482: return "Loop Detected";
            case 491: return "Request Pending";
            case 486: return "Busy Here";
            case 487: return "Request Terminated";
            case 488: return "Not Acceptable Here";
            case 500: return "Server Internal Error";
            case 501: return "Not Implemented";
            case 503: return "Service Unavailable";
            case 603: return "Decline";
            default: return status < 200 ? "Progress" : status < 300 ? "OK" : "Error";
        }
    }

    @Override
    public String toString() {
        return status + " " + reason + " (Call-ID " + callId() + ", CSeq " + header("CSeq").orElse("?") + ")";
    }
}
