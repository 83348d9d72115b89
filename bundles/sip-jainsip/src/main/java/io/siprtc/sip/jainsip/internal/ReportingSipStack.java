package io.siprtc.sip.jainsip.internal;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.lang.reflect.Field;
import java.util.EventObject;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.Properties;
import java.util.function.BiConsumer;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.PeerUnavailableException;

/** A JAIN-SIP stack that reports the messages it could not parse and stops without leaving threads behind. */
final class ReportingSipStack extends SipStackImpl {

    private static final long UDP_WORKERS_TIMEOUT_NANOS = 2_000_000_000L;
    private static final Field UDP_CHANNELS = udpChannelsField();

    private volatile BiConsumer<String, String> malformed = (source, problem) -> { };

    ReportingSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
    }

    /** The UDP processor's worker list, or null if this JAIN-SIP version has none (then stop does not wait). */
    private static Field udpChannelsField() {
        try {
            Field f = UDPMessageProcessor.class.getDeclaredField("messageChannels");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    /** Replaces the sockets' source (before any listening point is created): see {@link TlsNetworkLayer}. */
    void useNetworkLayer(gov.nist.core.net.NetworkLayer layer) {
        this.networkLayer = layer;
    }

    void onMalformed(BiConsumer<String, String> sink) {
        this.malformed = sink;
    }

    void reportMalformed(String source, String problem) {
        malformed.accept(source, problem);
    }

    /**
     * Stops the stack and lets its threads exit. JAIN-SIP RI 1.3.0-91 gets three things wrong
     * that this works around:
     * <ul>
     * <li>a UDP processor creates its worker channels on its own thread after start; stopping
     * before it has done so fails halfway with a NullPointerException (the rest of the stack
     * keeps running) or leaves late workers blocked forever, so stop waits for them first;</li>
     * <li>{@code stop()} only sets the event scanner's stopped flag (and forgets the scanner)
     * while the scanner's non-daemon thread stays blocked on an empty queue; one event that no
     * listener acts on wakes it, and it sees the flag and returns;</li>
     * <li>any thread of the stack still blocked afterwards is found by the stack's name, which
     * prefixes its own, and interrupted (it then sees that its processor stopped and returns).</li>
     * </ul>
     */
    @Override
    public void stop() {
        awaitUdpWorkers(UDP_WORKERS_TIMEOUT_NANOS);
        EventScanner scanner = getEventScanner();
        Iterator<?> providers = getSipProviders();
        Object provider = providers.hasNext() ? providers.next() : null;
        super.stop();
        if (scanner != null) {
            EventObject wake = provider != null
                    ? new DialogTerminatedEvent(provider, null) // to the provider's listener: removed before stop
                    : new IOExceptionEvent(this, "127.0.0.1", 0, "udp"); // to the stack's listener: none was set
            scanner.addEvent(new EventWrapper(wake, null));
        }
        String prefix = getStackName() + "-";
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }

    private void awaitUdpWorkers(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        for (MessageProcessor processor : getMessageProcessors()) {
            if (processor instanceof UDPMessageProcessor udp) {
                while (udpWorkers(udp) < threadPoolSize && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
    }

    private static int udpWorkers(UDPMessageProcessor udp) {
        if (UDP_CHANNELS == null) {
            return Integer.MAX_VALUE;
        }
        try {
            Object channels = UDP_CHANNELS.get(udp);
            return channels == null ? 0 : ((List<?>) channels).size();
        } catch (IllegalAccessException | RuntimeException e) {
            return Integer.MAX_VALUE; // cannot tell: do not wait
        }
    }
}
