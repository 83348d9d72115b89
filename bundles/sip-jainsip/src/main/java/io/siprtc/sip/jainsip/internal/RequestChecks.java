package io.siprtc.sip.jainsip.internal;

import java.util.Iterator;
import java.util.Locale;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.message.Request;

/**
 * What JAIN-SIP's lenient parser lets through but a user agent must refuse (RFC 3261, RFC 4475
 * section 3.1.2): another SIP version, headers in the Request-URI, a CSeq method that is not the
 * request's, a Content-Length that is not the body's length, a text body cut short.
 */
final class RequestChecks {

    /** The prefix of the problem that calls for 505 rather than 400. */
    static final String VERSION = "SIP version";

    private RequestChecks() {
    }

    /** The problem with the request, or null when it may go to the handler. */
    static String problem(Request request) {
        if (request instanceof gov.nist.javax.sip.message.SIPRequest sip
                && sip.getApplicationData() instanceof ReportingParserFactory.OtherVersion other) {
            return VERSION + " " + other.version() + " not supported";
        }
        if (request.getRequestURI() instanceof SipURI uri) {
            Iterator<?> headers = uri.getHeaderNames();
            if (headers != null && headers.hasNext()) {
                return "headers in the Request-URI";
            }
        }
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        if (cseq != null && !cseq.getMethod().toUpperCase(Locale.ROOT).equals(request.getMethod().toUpperCase(Locale.ROOT))) {
            return "CSeq method " + cseq.getMethod() + " is not " + request.getMethod();
        }
        ContentLengthHeader length = request.getContentLength();
        byte[] body = request.getRawContent();
        int actual = body == null ? 0 : body.length;
        if (length != null && length.getContentLength() != actual) {
            return "Content-Length " + length.getContentLength() + " but " + actual + " bytes of body";
        }
        if (body != null && textual(request) && indexOfNul(body) >= 0) {
            // JAIN-SIP's TCP reader hands on a message whose connection closed before Content-Length
            // bytes came, padded with NULs: no text body has them.
            return "body cut short or not text (NUL byte at " + indexOfNul(body) + ")";
        }
        return null;
    }

    private static boolean textual(Request request) {
        javax.sip.header.ContentTypeHeader type = (javax.sip.header.ContentTypeHeader) request.getHeader(
                javax.sip.header.ContentTypeHeader.NAME);
        if (type == null) {
            return true;
        }
        String t = type.getContentType().toLowerCase(Locale.ROOT);
        String sub = type.getContentSubType().toLowerCase(Locale.ROOT);
        return t.equals("text") || sub.equals("sdp") || sub.endsWith("+xml") || sub.equals("xml") || sub.equals("json")
                || sub.equals("sipfrag");
    }

    private static int indexOfNul(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
