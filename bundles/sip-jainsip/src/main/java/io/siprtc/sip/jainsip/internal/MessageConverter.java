package io.siprtc.sip.jainsip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.message.SIPMessage;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHeader;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Converts between the neutral SPI messages and JAIN-SIP messages. Stateless; thread-safe. */
final class MessageConverter {

    private final MessageFactory messages;
    private final HeaderFactory headers;

    MessageConverter(MessageFactory messages, HeaderFactory headers) {
        this.messages = messages;
        this.headers = headers;
    }

    /**
     * A JAIN-SIP request from a neutral one. The header section is parsed by JAIN-SIP's own
     * message parser, so header order, lists and compact names come out as a peer would see them.
     */
    Request toJain(SipRequest request) throws SipException {
        StringBuilder text = new StringBuilder(256);
        text.append(checked(request.method())).append(' ').append(checked(request.requestUri())).append(" SIP/2.0\r\n");
        for (SipHeader h : request.headers()) {
            if (!h.is("Content-Length")) {
                text.append(checked(h.name())).append(": ").append(checked(h.value())).append("\r\n");
            }
        }
        text.append("Content-Length: 0\r\n\r\n");
        try {
            Request jain = messages.createRequest(text.toString());
            setBody(jain, request);
            return jain;
        } catch (ParseException | RuntimeException e) {
            throw new SipException("Cannot build " + request + ": " + e.getMessage(), e);
        }
    }

    /**
     * A JAIN-SIP response to a received request: JAIN-SIP copies Via, From, To, Call-ID and CSeq
     * from the request (Via exactly as received); the neutral response adds the To tag, Contact,
     * body and any other header.
     */
    Response toJain(SipResponse response, Request request) throws SipException {
        try {
            Response jain = messages.createResponse(response.status(), request);
            jain.setReasonPhrase(response.reason());
            for (SipHeader h : response.headers()) {
                if (h.is("Via") || h.is("From") || h.is("Call-ID") || h.is("CSeq") || h.is("Content-Length")) {
                    continue;
                }
                if (h.is("To")) {
                    String tag = SipMessage.tagOf(h.value());
                    if (tag != null) {
                        ((ToHeader) jain.getHeader(ToHeader.NAME)).setTag(tag);
                    }
                    continue;
                }
                for (Header parsed : parse(h)) {
                    append(jain, parsed);
                }
            }
            setBody(jain, response);
            return jain;
        } catch (ParseException | RuntimeException e) {
            throw new SipException("Cannot build " + response + ": " + e.getMessage(), e);
        }
    }

    SipRequest toNeutral(Request request) {
        return new SipRequest(request.getMethod(), request.getRequestURI().toString(), headersOf(request),
                request.getRawContent());
    }

    SipResponse toNeutral(Response response) {
        return new SipResponse(response.getStatusCode(), response.getReasonPhrase(), headersOf(response),
                response.getRawContent());
    }

    /** Every header line in message order, lists split into one entry per value, full names. */
    static List<SipHeader> headersOf(Message message) {
        List<SipHeader> out = new ArrayList<>();
        Iterator<SIPHeader> it = ((SIPMessage) message).getHeaders();
        while (it.hasNext()) {
            SIPHeader h = it.next();
            if (h instanceof SIPHeaderList<?> list) {
                for (Object element : list) {
                    SIPHeader e = (SIPHeader) element;
                    out.add(new SipHeader(list.getHeaderName(), e.getHeaderValue()));
                }
            } else {
                out.add(new SipHeader(h.getHeaderName(), h.getHeaderValue()));
            }
        }
        return out;
    }

    private List<Header> parse(SipHeader h) throws ParseException, SipException {
        String name = checked(h.name());
        String value = checked(h.value());
        try {
            return List.of(headers.createHeader(name, value));
        } catch (ParseException singletonOnly) {
            // "Allow: INVITE, ACK" and other comma lists: JAIN-SIP wants createHeaders for them.
            @SuppressWarnings("unchecked")
            List<Header> list = ((gov.nist.javax.sip.header.HeaderFactoryImpl) headers).createHeaders(name + ": " + value);
            return list;
        }
    }

    private static void append(Message message, Header header) throws ParseException {
        SIPMessage m = (SIPMessage) message;
        try {
            m.attachHeader((SIPHeader) header, false, false);
        } catch (gov.nist.javax.sip.message.SIPDuplicateHeaderException e) {
            // A singleton header the response already has (e.g. Max-Forwards): the neutral one wins.
            message.setHeader(header);
        }
    }

    private void setBody(Message jain, SipMessage neutral) throws ParseException, SipException {
        if (!neutral.hasBody()) {
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) jain.getHeader(ContentTypeHeader.NAME);
        if (type == null) {
            throw new SipException("A body needs a Content-Type: " + neutral);
        }
        jain.setContent(neutral.body(), type);
    }

    private static String checked(String s) throws SipException {
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            throw new SipException("Line break in a SIP start line or header: " + s.replace("\r", "\\r").replace("\n", "\\n"));
        }
        return s;
    }
}
