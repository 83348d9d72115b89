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
 * headers, which JAIN-SIP then drops) is reported to the endpoint. Loaded by JAIN-SIP by class
 * name ({@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}).
 */
public final class ReportingParserFactory implements MessageParserFactory {

    private final MessageParserFactory delegate = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = delegate.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> {
            try {
                SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, listener);
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

    private static void report(SIPTransactionStack stack, ParseExceptionListener listener, String problem) {
        if (stack instanceof ReportingSipStack reporting) {
            String source = listener instanceof MessageChannel channel
                    ? channel.getPeerAddress() + ":" + channel.getPeerPort() : "unknown";
            reporting.reportMalformed(source, problem == null ? "unparseable message" : problem);
        }
    }
}
