package io.siprtc.sip.jainsip.internal;

import gov.nist.javax.sip.RequestEventExt;
import io.siprtc.api.sip.SipRequestHandler;
import io.siprtc.api.sip.SipTransport;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Incoming requests of one endpoint: server transactions for new requests, ACKs for 2xx, and
 * CANCELs matched to their pending INVITE.
 */
final class IncomingRequests implements JainServerTransaction.Owner {

    private static final Logger LOG = Logger.getLogger(IncomingRequests.class.getName());

    private final SipProvider provider;
    private final MessageFactory messages;
    private final MessageConverter converter;
    private final SipRequestHandler handler;
    private final TwoXxRetransmitter retransmitter;
    /** INVITE server transactions without a final response yet, by branch. */
    private final Map<String, JainServerTransaction> pendingInvites = new ConcurrentHashMap<>();

    IncomingRequests(SipProvider provider, MessageFactory messages, MessageConverter converter,
            SipRequestHandler handler, TwoXxRetransmitter retransmitter) {
        this.provider = provider;
        this.messages = messages;
        this.converter = converter;
        this.handler = handler;
        this.retransmitter = retransmitter;
    }

    @Override
    public MessageConverter converter() {
        return converter;
    }

    void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        String refusal = RequestChecks.problem(request);
        if (refusal != null) {
            refuse(event, refusal);
            return;
        }
        if (Request.ACK.equals(method)) {
            onAck(event);
        } else if (Request.CANCEL.equals(method)) {
            onCancel(event);
        } else {
            ServerTransaction st = serverTransaction(event);
            if (st == null) {
                return;
            }
            JainServerTransaction tx = new JainServerTransaction(st, converter.toNeutral(request),
                    transportOf(st, request), source(event), this);
            st.setApplicationData(tx);
            if (Request.INVITE.equals(method)) {
                pendingInvites.put(st.getBranchId(), tx);
            }
            Callbacks.run("onRequest", () -> handler.onRequest(tx));
        }
    }

    /**
     * A request JAIN-SIP parsed but that must not reach the handler ({@link RequestChecks}): 505
     * for another SIP version, else 400 with the problem as reason phrase; an ACK gets nothing.
     */
    private void refuse(RequestEvent event, String problem) {
        Request request = event.getRequest();
        String source = source(event);
        LOG.fine(() -> "Refused " + request.getMethod() + " from " + source + ": " + problem);
        Callbacks.run("onMalformed", () -> handler.onMalformed(source, problem));
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        int status = problem.startsWith(RequestChecks.VERSION) ? Response.VERSION_NOT_SUPPORTED : Response.BAD_REQUEST;
        try {
            Response response = messages.createResponse(status, request);
            response.setReasonPhrase(status == Response.BAD_REQUEST ? "Bad Request (" + problem + ")" : "Version Not Supported");
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
                try {
                    st = provider.getNewServerTransaction(request);
                } catch (TransactionAlreadyExistsException retransmission) {
                    return; // the transaction already answered it
                } catch (TransactionUnavailableException | RuntimeException e) {
                    st = null;
                }
            }
            if (st != null) {
                st.sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
        } catch (ParseException | javax.sip.SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.FINE, "Cannot answer a refused " + request.getMethod() + " with " + status, e);
        }
    }

    @Override
    public void finalResponseSent(JainServerTransaction transaction, Response response) {
        pendingInvites.remove(transaction.branch(), transaction);
        if (Request.INVITE.equals(transaction.request().method()) && response.getStatusCode() / 100 == 2) {
            retransmitter.start(response);
        }
    }

    void onTerminated(ServerTransaction st) {
        if (st != null && st.getApplicationData() instanceof JainServerTransaction tx) {
            pendingInvites.remove(tx.branch(), tx);
        }
    }

    private void onAck(RequestEvent event) {
        if (event.getServerTransaction() != null) {
            // The ACK of a non-2xx final response: it belongs to the INVITE transaction.
            LOG.fine(() -> "ACK for a non-2xx absorbed by its transaction");
            return;
        }
        Request ack = event.getRequest();
        CallIdHeader callId = (CallIdHeader) ack.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) ack.getHeader(CSeqHeader.NAME);
        if (callId != null && cseq != null) {
            retransmitter.acked(callId.getCallId(), cseq.getSeqNumber());
        }
        Callbacks.run("onAck", () -> handler.onAck(converter.toNeutral(ack)));
    }

    private void onCancel(RequestEvent event) {
        Request cancel = event.getRequest();
        ServerTransaction st = serverTransaction(event);
        if (st == null) {
            return;
        }
        JainServerTransaction invite = findInvite(cancel);
        int status = invite == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK;
        try {
            st.sendResponse(messages.createResponse(status, cancel));
        } catch (ParseException | javax.sip.SipException | InvalidArgumentException e) {
            LOG.log(Level.WARNING, "Cannot answer CANCEL with " + status, e);
        }
        if (invite != null && !invite.isFinalSent()) {
            Callbacks.run("onCancel", () -> handler.onCancel(invite));
        }
    }

    private JainServerTransaction findInvite(Request cancel) {
        ViaHeader via = (ViaHeader) cancel.getHeader(ViaHeader.NAME);
        JainServerTransaction byBranch = via == null || via.getBranch() == null ? null : pendingInvites.get(via.getBranch());
        if (byBranch != null) {
            return byBranch;
        }
        // RFC 2543 peers without a magic-cookie branch: match Call-ID and CSeq number.
        String callId = ((CallIdHeader) cancel.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) cancel.getHeader(CSeqHeader.NAME)).getSeqNumber();
        for (JainServerTransaction tx : pendingInvites.values()) {
            if (tx.request().callId().equals(callId) && tx.request().cseqNumber() == cseq) {
                return tx;
            }
        }
        return null;
    }

    /** The event's server transaction, or a new one; null for a retransmission JAIN-SIP let through. */
    private ServerTransaction serverTransaction(RequestEvent event) {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            LOG.fine(() -> "Retransmission ignored: " + event.getRequest().getMethod());
            return null;
        } catch (TransactionUnavailableException e) {
            LOG.log(Level.WARNING, "No server transaction for " + event.getRequest().getMethod(), e);
            return null;
        }
    }

    private static SipTransport transportOf(ServerTransaction st, Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String transport = st instanceof gov.nist.javax.sip.TransactionExt ext ? ext.getTransport() : null;
        if (transport == null && via != null) {
            transport = via.getTransport();
        }
        try {
            return transport == null ? SipTransport.UDP : SipTransport.parse(transport);
        } catch (IllegalArgumentException e) {
            return SipTransport.UDP;
        }
    }

    private static String source(RequestEvent event) {
        if (event instanceof RequestEventExt ext && ext.getRemoteIpAddress() != null) {
            String ip = ext.getRemoteIpAddress();
            // Over UDP JAIN-SIP reports the Via's port; the rport it filled in (RFC 3581) is the packet's.
            javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) event.getRequest().getHeader(
                    javax.sip.header.ViaHeader.NAME);
            int port = via != null && via.getRPort() > 0 ? via.getRPort() : ext.getRemotePort();
            return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
        }
        return "unknown";
    }
}
