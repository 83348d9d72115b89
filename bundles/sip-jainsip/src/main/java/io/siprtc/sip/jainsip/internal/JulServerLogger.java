package io.siprtc.sip.jainsip.internal;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's message trace routed to java.util.logging at FINE (loaded by class name through
 * {@code gov.nist.javax.sip.SERVER_LOGGER}).
 */
public final class JulServerLogger implements ServerLogger {

    static final String LOGGER = "io.siprtc.sip.jainsip.messages";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    @Override
    public void closeLogFile() {
        // No file.
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine((sender ? "sent " : "received ") + from + " -> " + to + "\n" + message.encode());
        }
    }

    @Override
    public void logException(Exception ex) {
        LOG.log(Level.FINE, "JAIN-SIP message exception", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to read.
    }

    @Override
    public void setSipStack(javax.sip.SipStack sipStack) {
        // Not needed.
    }
}
