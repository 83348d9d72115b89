package io.siprtc.api.sip;

import java.util.List;
import java.util.Objects;

/** A SIP request. Immutable; the {@code with...} methods return changed copies. */
public final class SipRequest extends SipMessage {

    private final String method;
    private final String requestUri;

    public SipRequest(String method, String requestUri, List<SipHeader> headers, byte[] body) {
        super(headers, body);
        this.method = Objects.requireNonNull(method);
        this.requestUri = Objects.requireNonNull(requestUri);
    }

    public static SipRequest of(String method, String requestUri) {
        return new SipRequest(method, requestUri, List.of(), null);
    }

    public String method() {
        return method;
    }

    public String requestUri() {
        return requestUri;
    }

    /** Sets a header, replacing every earlier value of it (null removes it). */
    public SipRequest withHeader(String name, String value) {
        return new SipRequest(method, requestUri, with(headers(), name, value, true), body());
    }

    /** Adds one more value of a header after the existing ones (Route, Via, ...). */
    public SipRequest addHeader(String name, String value) {
        return new SipRequest(method, requestUri, with(headers(), name, value, false), body());
    }

    public SipRequest withBody(String contentType, byte[] newBody) {
        return new SipRequest(method, requestUri, with(headers(), "Content-Type", contentType, true), newBody);
    }

    public SipRequest withRequestUri(String uri) {
        return new SipRequest(method, uri, headers(), body());
    }

    @Override
    public String toString() {
        return method + " " + requestUri + " (Call-ID " + callId() + ", CSeq " + header("CSeq").orElse("?") + ")";
    }
}
