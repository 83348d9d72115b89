package io.siprtc.sip.jainsip.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Response;

/**
 * The UAS core's 2xx retransmission (RFC 3261 section 13.3.1.4): without JAIN-SIP dialogs nobody
 * else resends a 2xx to an INVITE. Resends at T1, 2*T1, ... capped at T2 until the ACK arrives
 * or 64*T1 passed.
 */
final class TwoXxRetransmitter {

    private static final Logger LOG = Logger.getLogger(TwoXxRetransmitter.class.getName());
    private static final long T2_MS = 4000;

    private final ScheduledExecutorService scheduler;
    private final SipProvider provider;
    private final long t1Ms;
    /** What an ACK leaves when it comes before its 2xx's retransmission started. */
    private static final Object ACKED = new Object();

    /** Retransmissions under way by Call-ID/CSeq; the value is the running one's token, or {@link #ACKED}. */
    private final Map<String, Object> pending = new ConcurrentHashMap<>();

    TwoXxRetransmitter(ScheduledExecutorService scheduler, SipProvider provider, long t1Ms) {
        this.scheduler = scheduler;
        this.provider = provider;
        this.t1Ms = t1Ms;
    }

    void start(Response response) {
        String key = key(response);
        if (key == null) {
            return;
        }
        Object token = new Object();
        // The ACK can overtake us: it may arrive while the 2xx is still being handed to the socket.
        if (pending.compute(key, (k, running) -> running == ACKED ? null : token) != token) {
            LOG.fine(() -> "2xx already ACKed: " + key);
            return;
        }
        schedule(key, token, response, t1Ms, t1Ms);
    }

    /**
     * The ACK (same Call-ID and CSeq number) arrived. Before the retransmission started it leaves
     * a mark for {@link #start}, removed after 64*T1 if nothing comes to take it.
     */
    void acked(String callId, long cseq) {
        String key = callId + "/" + cseq;
        if (pending.compute(key, (k, running) -> running == null || running == ACKED ? ACKED : null) == ACKED) {
            try {
                scheduler.schedule(() -> pending.remove(key, ACKED), 64 * t1Ms, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                pending.remove(key, ACKED);
            }
        }
    }

    void stopAll() {
        pending.clear();
    }

    private void schedule(String key, Object token, Response response, long delay, long elapsed) {
        try {
            scheduler.schedule(() -> resend(key, token, response, delay, elapsed), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            pending.remove(key, token);
        }
    }

    private void resend(String key, Object token, Response response, long delay, long elapsed) {
        if (pending.get(key) != token) {
            return;
        }
        if (elapsed >= 64 * t1Ms) {
            pending.remove(key, token);
            LOG.info(() -> "No ACK for " + response.getStatusCode() + " (" + key + ") within 64*T1");
            return;
        }
        try {
            provider.sendResponse((Response) response.clone());
            LOG.fine(() -> "2xx retransmitted: " + key);
        } catch (javax.sip.SipException | RuntimeException e) {
            LOG.log(Level.FINE, "2xx retransmission failed: " + key, e);
        }
        long next = Math.min(delay * 2, T2_MS);
        schedule(key, token, response, next, elapsed + next);
    }

    private static String key(Response response) {
        CallIdHeader callId = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        return callId == null || cseq == null ? null : callId.getCallId() + "/" + cseq.getSeqNumber();
    }
}
