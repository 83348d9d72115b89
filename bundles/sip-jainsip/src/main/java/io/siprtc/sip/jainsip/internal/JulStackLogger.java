package io.siprtc.sip.jainsip.internal;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's stack logger routed to java.util.logging (JAIN-SIP's default needs log4j 1.2).
 * Loaded by JAIN-SIP by class name ({@code gov.nist.javax.sip.STACK_LOGGER}).
 */
public final class JulStackLogger implements StackLogger {

    private static final Logger LOG = Logger.getLogger("io.siprtc.sip.jainsip.stack");

    @Override
    public void logStackTrace() {
        // JAIN-SIP asks for its caller's stack trace on debug paths; never print to stdout.
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        Level level = toJul(traceLevel);
        if (LOG.isLoggable(level)) {
            LOG.log(level, "JAIN-SIP stack trace", new Throwable("stack trace"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.log(Level.WARNING, "JAIN-SIP exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.finer(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.log(Level.FINER, message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.finest(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.severe(message);
    }

    @Override
    public void logError(String message) {
        LOG.warning(message);
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.log(Level.WARNING, message, ex);
    }

    @Override
    public void logWarning(String message) {
        // JAIN-SIP warns about its TLS defaults on every stack creation even without TLS.
        LOG.log(isTlsSetupNoise(message) ? Level.FINE : Level.INFO, message);
    }

    private static boolean isTlsSetupNoise(String message) {
        return message != null && (message.contains("TLS") || message.startsWith("Using default")
                || message.startsWith("using default"));
    }

    @Override
    public void logInfo(String message) {
        LOG.fine(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isLoggable(Level.WARNING);
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        // JAIN-SIP gates its message trace (JulServerLogger) on TRACE_MESSAGES, which equals
        // TRACE_INFO: enable it when the message logger alone is at FINE too.
        return LOG.isLoggable(toJul(logLevel))
                || (logLevel == TRACE_MESSAGES && Logger.getLogger(JulServerLogger.LOGGER).isLoggable(Level.FINE));
    }

    @Override
    public void disableLogging() {
        // Levels are java.util.logging configuration, not the stack's.
    }

    @Override
    public void enableLogging() {
        // Levels are java.util.logging configuration, not the stack's.
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.finer(() -> "JAIN-SIP build " + buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to read: levels come from java.util.logging.
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }

    static Level toJul(int traceLevel) {
        if (traceLevel <= TRACE_FATAL) {
            return Level.SEVERE;
        } else if (traceLevel <= TRACE_ERROR) {
            return Level.WARNING;
        } else if (traceLevel <= TRACE_WARN) {
            return Level.INFO;
        } else if (traceLevel <= TRACE_INFO) {
            return Level.FINE;
        } else if (traceLevel <= TRACE_DEBUG) {
            return Level.FINER;
        }
        return Level.FINEST;
    }
}
