package io.siprtc.gateway.internal;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

import io.siprtc.api.call.CallException;
import io.siprtc.api.call.InstantMessage;
import io.siprtc.api.call.InstantMessageListener;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * Page-mode instant messages (RFC 3428) for the gateway's accounts. Sending: a MESSAGE outside
 * any dialog from the account's address of record, through its outbound proxy or registrar (see
 * {@link OutgoingMessage}). Receiving: {@link MessageContent} decides 200, 400, 413 or 415; an
 * accepted message goes to the {@link InstantMessageListener}s on their own thread
 * ({@link MessageListeners}), the 200 does not wait for them.
 */
final class PagerMessages implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PagerMessages.class.getName());

    private final Ids ids;
    private final Executor signalling;
    private final MessageListeners listeners = new MessageListeners();
    /**
     * Completes the stages of sent messages: a host's callbacks must not run on a SIP stack thread
     * or the signalling thread, and a blocked listener must not hold them up.
     */
    private final ExecutorService results = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "siprtc-message-results");
        t.setDaemon(true);
        return t;
    });

    /** @param signalling the gateway's signalling thread: requests and responses are handled there */
    PagerMessages(Ids ids, Executor signalling) {
        this.ids = ids;
        this.signalling = signalling;
    }

    void addListener(InstantMessageListener l) {
        listeners.add(l);
    }

    void removeListener(InstantMessageListener l) {
        listeners.remove(l);
    }

    /**
     * Sends a MESSAGE (RFC 3428 section 4): Request-URI and To the target, From the address of
     * record with a new tag, a new Call-ID, CSeq 1, Max-Forwards 70, no Contact (a MESSAGE makes no
     * dialog).
     *
     * @throws CallException for a malformed target or content the rules of {@link MessageContent} refuse
     */
    CompletionStage<InstantMessage> send(UserAgent ua, String target, String contentType, String text)
            throws CallException {
        SipUri uri;
        try {
            uri = SipUri.parse(target, ua.config().domain());
        } catch (IllegalArgumentException e) {
            throw new CallException("cannot send a message to '" + target + "': " + e.getMessage());
        }
        byte[] body;
        try {
            body = MessageContent.encode(contentType, text);
        } catch (IllegalArgumentException e) {
            throw new CallException("cannot send a message to " + uri + ": " + e.getMessage());
        }
        SipRequest message = SipRequest.of("MESSAGE", uri.toString())
                .withHeader("From", "<" + ua.addressOfRecord() + ">;tag=" + ids.tag())
                .withHeader("To", "<" + uri + ">")
                .withHeader("Call-ID", ids.callId(ua.config().listen_address()))
                .withHeader("CSeq", "1 MESSAGE")
                .withHeader("Max-Forwards", "70")
                .withHeader("User-Agent", "SIPRTC")
                .withBody(contentType.trim(), body);
        return new OutgoingMessage(ua, message, contentType.trim(), text, signalling, this::complete).start();
    }

    /**
     * A MESSAGE that arrived at an account (call on the signalling thread): answered at once, then
     * handed to the listeners. Within a dialog the caller checked that the dialog exists.
     */
    void receive(UserAgent ua, ServerTransaction tx) {
        SipRequest req = tx.request();
        String text;
        try {
            text = MessageContent.read(req);
        } catch (MessageContent.Refusal r) {
            LOG.info(() -> "account " + ua.id() + ": MESSAGE from " + SipRequestUris.fromUri(req) + " refused: "
                    + r.status() + " " + r.getMessage());
            respond(tx, r.response(req));
            return;
        }
        InstantMessage m = new InstantMessage(ua.id(), SipRequestUris.fromUri(req),
                SipMessage.uriOf(req.header("To").orElse("")), req.header("Content-Type").orElse("").trim(), text,
                Instant.now());
        if (!listeners.deliver(m)) {
            respond(tx, new SipResponse(503, "Too many messages waiting for delivery", SipResponse.to(req, 503).headers(),
                    null).withHeader("Retry-After", "5"));
            return;
        }
        respond(tx, SipResponse.to(req, 200));
    }

    /** A UAS response gets a To tag when the request had none (RFC 3261 section 8.2.6.2). */
    private void respond(ServerTransaction tx, SipResponse r) {
        try {
            tx.respond(r.withToTag(ids.tag()));
        } catch (SipException e) {
            LOG.fine(() -> "response " + r.status() + " to MESSAGE not sent: " + e.getMessage());
        }
    }

    /** Runs a stage's completion on the results thread, or here once the gateway stopped. */
    private void complete(Runnable completion) {
        try {
            results.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    @Override
    public void close() {
        listeners.close();
        results.shutdown();
    }
}
