package io.siprtc.sip.jainsip.internal;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipRequestHandler;
import io.siprtc.api.sip.SipTransport;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** One JAIN-SIP stack with its listening points: a {@link SipEndpoint} of the SPI. */
final class JainSipEndpoint implements SipEndpoint, SipListener, JainClientTransaction.Owner {

    private static final Logger LOG = Logger.getLogger(JainSipEndpoint.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String host;
    private final Map<SipTransport, Integer> ports;
    private final ReportingSipStack stack;
    private final PinnedHopRouter router;
    private final SipProvider provider;
    private final HeaderFactory headers;
    private final MessageConverter converter;
    private final StackSettings settings;
    private final ScheduledExecutorService events;
    private final TwoXxRetransmitter retransmitter;
    private final IncomingRequests incoming;
    private final Consumer<JainSipEndpoint> onClose;
    /** Client transactions under way (and INVITEs that got a 2xx, for a while), by branch. */
    private final Map<String, JainClientTransaction> clientTransactions = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private JainSipEndpoint(EndpointStack started, SipEndpointConfig config, SipRequestHandler handler,
            StackSettings settings, Consumer<JainSipEndpoint> onClose) {
        this.name = config.name();
        this.host = config.host();
        this.ports = started.ports();
        this.stack = started.stack();
        this.router = (PinnedHopRouter) stack.getRouter();
        this.provider = started.provider();
        this.settings = settings;
        this.onClose = onClose;
        this.headers = new HeaderFactoryImpl();
        MessageFactoryImpl messages = new MessageFactoryImpl();
        this.converter = new MessageConverter(messages, headers);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "siprtc-sip-" + config.name());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.events = executor;
        this.retransmitter = new TwoXxRetransmitter(events, provider, settings.timerT1Ms());
        this.incoming = new IncomingRequests(provider, messages, converter, handler, retransmitter);
        stack.onMalformed((source, problem) -> {
            LOG.fine(() -> "Malformed message from " + source + ": " + problem);
            Callbacks.run("onMalformed", () -> handler.onMalformed(source, problem));
        });
    }

    /** Creates the stack, binds every configured transport and starts listening. */
    static JainSipEndpoint open(StackSettings settings, SipEndpointConfig config, SipRequestHandler handler,
            Consumer<JainSipEndpoint> onClose) throws SipException {
        EndpointStack started = EndpointStack.start(settings, config);
        JainSipEndpoint endpoint = new JainSipEndpoint(started, config, handler, settings, onClose);
        try {
            started.provider().addSipListener(endpoint);
            started.stack().start();
        } catch (java.util.TooManyListenersException | javax.sip.SipException | RuntimeException e) {
            endpoint.close();
            throw new SipException("Cannot start SIP endpoint " + config.name() + ": " + e.getMessage(), e);
        }
        LOG.info(() -> "SIP endpoint " + config.name() + " listening on " + config.host() + " " + started.ports());
        return endpoint;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port(SipTransport transport) {
        Integer port = ports.get(transport);
        if (port == null) {
            throw new IllegalArgumentException("Endpoint " + name + " does not listen on " + transport);
        }
        return port;
    }

    @Override
    public MessageConverter converter() {
        return converter;
    }

    @Override
    public ClientTransaction send(SipRequest request, ResponseHandler handler) throws SipException {
        return send(request, null, handler);
    }

    /**
     * RFC 3261 section 18.1.1: a request over 1300 bytes that would go over UDP (to the given hop,
     * or where its Route or Request-URI says) goes over TCP to the same host and port instead, when
     * we listen on TCP, the Via naming TCP.
     */
    @Override
    public ClientTransaction send(SipRequest request, SipHop nextHop, ResponseHandler handler) throws SipException {
        boolean mayMove = ports.containsKey(SipTransport.TCP) && !Request.ACK.equalsIgnoreCase(request.method())
                && !Request.CANCEL.equalsIgnoreCase(request.method())
                && (nextHop == null || nextHop.transport() == SipTransport.UDP);
        if (!mayMove) {
            return send(request, nextHop, null, handler, false);
        }
        // converted once: sent as it is unless it is too large for UDP
        Request converted = nextHop == null ? outgoing(request) : outgoing(request, SipTransport.UDP);
        if (!UdpSizeLimit.exceededBy(converted)) {
            return send(request, nextHop, converted, handler, false);
        }
        SipHop overTcp = tcpHop(request, nextHop, converted);
        if (overTcp == null) {
            return send(request, nextHop, converted, handler, false);
        }
        ClientTransaction tx = send(request, overTcp, null, handler, true);
        // RFC 3261 section 18.1.1: the TCP connection was refused, so UDP after all.
        return tx != null ? tx : send(request, nextHop, null, handler, false);
    }

    /** The TCP hop to the host and port a too large UDP request would have gone to; null when there is none. */
    private SipHop tcpHop(SipRequest request, SipHop given, Request converted) throws SipException {
        if (given != null) {
            LOG.fine(() -> request + " is larger than " + UdpSizeLimit.MAX_UDP_REQUEST_BYTES + " bytes: sent over TCP to "
                    + given.host() + ":" + given.port());
            return new SipHop(given.host(), given.port(), SipTransport.TCP);
        }
        try {
            javax.sip.address.Hop hop = stack.getNextHop((gov.nist.javax.sip.message.SIPRequest) converted);
            if (hop == null) {
                return null;
            }
            LOG.fine(() -> request + " is larger than " + UdpSizeLimit.MAX_UDP_REQUEST_BYTES
                    + " bytes: sent over TCP to " + hop.getHost() + ":" + hop.getPort());
            return new SipHop(hop.getHost(), hop.getPort(), SipTransport.TCP);
        } catch (javax.sip.SipException | RuntimeException e) {
            throw new SipException("Cannot find the next hop of " + request + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends in a new client transaction to the hop (null: as JAIN-SIP routes it), the request as
     * already converted for it when given. With
     * {@code nullIfUnsent}, a request that could not be sent at all (connection refused) returns
     * null and leaves no trace instead of ending with a transport error.
     */
    private ClientTransaction send(SipRequest request, SipHop hop, Request converted, ResponseHandler handler,
            boolean nullIfUnsent) throws SipException {
        if (Request.ACK.equalsIgnoreCase(request.method())) {
            throw new SipException("An ACK for a 2xx goes through sendAck: " + request);
        }
        if (Request.CANCEL.equalsIgnoreCase(request.method())) {
            // JAIN-SIP sends a CANCEL only for an INVITE transaction it knows (RFC 3261 9.1).
            throw new SipException("A CANCEL goes through ClientTransaction.cancel(): " + request);
        }
        Request jain = converted != null ? converted : hop == null ? outgoing(request) : outgoing(request, hop.transport());
        String branch = ((ViaHeader) jain.getHeader(ViaHeader.NAME)).getBranch();
        javax.sip.ClientTransaction ct;
        if (hop != null) {
            router.pin(branch, hop); // JAIN-SIP asks the router while it creates the transaction
        }
        try {
            ct = provider.getNewClientTransaction(jain);
            if (settings.timerT1Ms() != StackSettings.DEFAULTS.timerT1Ms()) {
                ct.setRetransmitTimer(settings.timerT1Ms());
            }
        } catch (javax.sip.SipException | RuntimeException e) {
            throw new SipException("Cannot start a transaction for " + request + (hop == null ? "" : " to " + hop) + ": "
                    + e.getMessage(), e);
        } finally {
            if (hop != null) {
                router.unpin(branch);
            }
        }
        JainClientTransaction tx = new JainClientTransaction(converter.toNeutral(jain), handler, ct, this);
        ct.setApplicationData(tx);
        clientTransactions.put(ct.getBranchId(), tx);
        try {
            ct.sendRequest();
        } catch (javax.sip.SipException | RuntimeException e) {
            String message = "Cannot send " + request + ": " + Causes.describe(e);
            LOG.log(Level.FINE, message, e);
            clientTransactions.remove(ct.getBranchId(), tx);
            if (nullIfUnsent) {
                ct.setApplicationData(null); // its termination must not reach the handler
                LOG.fine(() -> "Over TCP: " + message + "; sending over UDP");
                return null;
            }
            // Reported on a stack thread, after send() returned the transaction.
            later(() -> tx.onTransportError(message));
        }
        return tx;
    }

    @Override
    public void sendAck(SipRequest ack) throws SipException {
        if (!Request.ACK.equalsIgnoreCase(ack.method())) {
            throw new SipException("Not an ACK: " + ack);
        }
        Request jain = outgoing(ack);
        try {
            provider.sendRequest(jain);
        } catch (javax.sip.SipException | RuntimeException e) {
            throw new SipException("Cannot send " + ack + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void sendKeepAlive(SipHop hop) throws SipException {
        if (closed.get()) {
            throw new SipException("SIP endpoint " + name + " is closed");
        }
        javax.sip.ListeningPoint lp = provider.getListeningPoint(hop.transport().name().toLowerCase(java.util.Locale.ROOT));
        if (!(lp instanceof gov.nist.javax.sip.ListeningPointExt ext)) {
            throw new SipException("Endpoint " + name + " does not listen on " + hop.transport() + " (needed for a keep-alive to "
                    + hop + ")");
        }
        try {
            // RFC 5626 section 4.4.1: CRLFCRLF on the (cached) connection, or in a datagram.
            ext.sendHeartbeat(hop.host(), hop.port());
        } catch (java.io.IOException | RuntimeException e) {
            throw new SipException("Keep-alive to " + hop + " failed: " + Causes.describe(e), e);
        }
    }

    @Override
    public void sendCancel(javax.sip.ClientTransaction invite) throws SipException {
        try {
            javax.sip.ClientTransaction ct = provider.getNewClientTransaction(invite.createCancel());
            ct.setApplicationData(JainClientTransaction.CANCEL_MARKER);
            ct.sendRequest();
        } catch (javax.sip.SipException | RuntimeException e) {
            throw new SipException("Cannot send CANCEL: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<JainClientTransaction> pending = new ArrayList<>(clientTransactions.values());
        clientTransactions.clear();
        retransmitter.stopAll();
        later(() -> pending.forEach(tx -> tx.onTransportError("SIP endpoint " + name + " closed")));
        provider.removeSipListener(this);
        EndpointStack.stop(stack);
        events.shutdown();
        try {
            if (!events.awaitTermination(2, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            events.shutdownNow();
            Thread.currentThread().interrupt();
        }
        onClose.accept(this);
        LOG.info(() -> "SIP endpoint " + name + " closed");
    }

    // ---- JAIN-SIP listener: every method guards its stack thread ----

    @Override
    public void processRequest(RequestEvent event) {
        try {
            incoming.onRequest(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Incoming request failed: " + event.getRequest().getMethod(), e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            Response response = event.getResponse();
            javax.sip.ClientTransaction ct = event.getClientTransaction();
            Object data = ct == null ? null : ct.getApplicationData();
            if (data == JainClientTransaction.CANCEL_MARKER) {
                LOG.fine(() -> "CANCEL answered " + response.getStatusCode());
                return;
            }
            JainClientTransaction tx = data instanceof JainClientTransaction j ? j : lateInvite(response);
            if (tx == null) {
                LOG.fine(() -> "Stray response dropped: " + response.getStatusCode());
                return;
            }
            tx.onResponse(response);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Incoming response failed", e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        try {
            if (!event.isServerTransaction()
                    && event.getClientTransaction().getApplicationData() instanceof JainClientTransaction tx) {
                tx.onTimeout();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Timeout handling failed", e);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        String where = event.getTransport() + ":" + event.getHost() + ":" + event.getPort();
        LOG.fine(() -> "I/O error towards " + where);
        for (JainClientTransaction tx : clientTransactions.values()) {
            try {
                if (tx.isTo(event.getHost(), event.getPort(), event.getTransport())) {
                    tx.onTransportError("I/O error towards " + where);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "I/O error handling failed", e);
            }
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        try {
            if (event.isServerTransaction()) {
                incoming.onTerminated(event.getServerTransaction());
                return;
            }
            javax.sip.ClientTransaction ct = event.getClientTransaction();
            if (ct.getApplicationData() instanceof JainClientTransaction tx) {
                tx.onTerminated();
                if (tx.acceptsLateResponses()) {
                    // 2xx retransmissions of an INVITE come after the transaction ended (RFC 3261 17.1.1.2).
                    events.schedule(() -> clientTransactions.remove(ct.getBranchId(), tx),
                            settings.transactionTimeoutMs(), TimeUnit.MILLISECONDS);
                } else {
                    clientTransactions.remove(ct.getBranchId(), tx);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Transaction end handling failed", e);
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Dialogs are the gateway's: JAIN-SIP's automatic dialog support is off.
    }

    // ---- helpers ----

    private JainClientTransaction lateInvite(Response response) {
        ViaHeader via = (ViaHeader) response.getHeader(ViaHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (via == null || via.getBranch() == null || cseq == null || response.getStatusCode() / 100 != 2) {
            return null;
        }
        JainClientTransaction tx = clientTransactions.get(via.getBranch());
        return tx != null && tx.method().equals(cseq.getMethod()) && tx.acceptsLateResponses() ? tx : null;
    }

    /** The JAIN-SIP form of a request we send: our Via (fresh branch, rport) and Max-Forwards. */
    private Request outgoing(SipRequest request) throws SipException {
        return outgoing(request, null);
    }

    /** As {@link #outgoing(SipRequest)}, for the given transport (null: the one the Route or Request-URI names). */
    private Request outgoing(SipRequest request, SipTransport hopTransport) throws SipException {
        if (closed.get()) {
            throw new SipException("SIP endpoint " + name + " is closed");
        }
        Request jain = converter.toJain(request);
        SipTransport transport = hopTransport != null ? hopTransport : nextHopTransport(jain);
        Integer port = ports.get(transport);
        if (port == null) {
            throw new SipException("Endpoint " + name + " does not listen on " + transport + " (needed for " + request + ")");
        }
        try {
            ViaHeader via = headers.createViaHeader(host, port, transport.name(), newBranch());
            via.setRPort();
            jain.addFirst(via);
            if (jain.getHeader(MaxForwardsHeader.NAME) == null) {
                jain.setHeader(headers.createMaxForwardsHeader(70));
            }
        } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
            throw new SipException("Cannot add Via to " + request + ": " + e.getMessage(), e);
        }
        return jain;
    }

    /** The transport towards the next hop: first Route, else the Request-URI (RFC 3263 lite). */
    private static SipTransport nextHopTransport(Request request) throws SipException {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI uri = route != null ? route.getAddress().getURI() : request.getRequestURI();
        if (!(uri instanceof SipURI sip)) {
            throw new SipException("Next hop is not a SIP URI: " + uri);
        }
        String transport = sip.getTransportParam();
        if (transport == null) {
            return sip.isSecure() ? SipTransport.TLS : SipTransport.UDP;
        }
        try {
            return SipTransport.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new SipException("Unsupported transport in " + uri + ": " + transport);
        }
    }

    private static String newBranch() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "z9hG4bK" + HexFormat.of().formatHex(random);
    }

    private void later(Runnable task) {
        try {
            events.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
        }
    }
}
