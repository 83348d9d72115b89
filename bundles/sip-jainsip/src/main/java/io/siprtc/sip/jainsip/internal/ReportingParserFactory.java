package io.siprtc.sip.jainsip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * JAIN-SIP's message parser, watched: what it cannot parse (or parses without the mandatory
 * headers, which JAIN-SIP then drops) is reported to the endpoint; a line that is no header at all,
 * which JAIN-SIP would skip, makes the whole message a syntax error (400 where one can be formed).
 * Loaded by JAIN-SIP by class name ({@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}).
 */
public final class ReportingParserFactory implements MessageParserFactory {

    private final MessageParserFactory delegate = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = delegate.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> {
            try {
                // JAIN-SIP drops a line that is no header at all (no name, no colon) and goes on:
                // note it, and refuse the message like any other syntax error.
                String[] notAHeader = new String[1];
                ParseExceptionListener watching = listener == null ? null : (ex, msg, headerClass, headerText, messageText) -> {
                    if (headerClass == null && notAHeader[0] == null) {
                        notAHeader[0] = headerText == null ? "" : headerText.trim();
                    }
                    listener.handleException(ex, msg, headerClass, headerText, messageText);
                };
                SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, watching);
                String version = requestVersion(bytes);
                if (message != null && version != null && !version.equalsIgnoreCase("SIP/2.0")) {
                    // JAIN-SIP writes SIP/2.0 into any request line it parses: keep what came.
                    message.setApplicationData(new OtherVersion(version));
                }
                if (message != null && notAHeader[0] != null) {
                    String line = notAHeader[0].length() > 40 ? notAHeader[0].substring(0, 40) + "..." : notAHeader[0];
                    throw new ParseException("not a header line: " + line, 0);
                }
                if (message != null && (message.getFrom() == null || message.getTo() == null
                        || message.getCallId() == null || message.getCSeq() == null || message.getViaHeaders() == null)) {
                    report(stack, listener, "missing From, To, Call-ID, CSeq or Via");
                }
                return message;
            } catch (ParseException e) {
                report(stack, listener, e.getMessage());
                throw e;
            }
        };
    }

    /** Marks a request whose request line named another SIP version (see {@link RequestChecks}). */
    record OtherVersion(String version) {
    }

    /** The version at the end of a request line ({@code SIP/2.0}), or null for a response or no line. */
    static String requestVersion(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n' && end - start < 8192) {
            end++;
        }
        String line = new String(bytes, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
        if (line.regionMatches(true, 0, "SIP/", 0, 4)) {
            return null;
        }
        int space = line.lastIndexOf(' ');
        return space < 0 ? null : line.substring(space + 1);
    }

    private static void report(SIPTransactionStack stack, ParseExceptionListener listener, String problem) {
        if (stack instanceof ReportingSipStack reporting) {
            String source = listener instanceof MessageChannel channel
                    ? channel.getPeerAddress() + ":" + channel.getPeerPort() : "unknown";
            reporting.reportMalformed(source, problem == null ? "unparseable message" : problem);
        }
    }
}
