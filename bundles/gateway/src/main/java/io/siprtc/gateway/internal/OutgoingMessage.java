package io.siprtc.gateway.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.siprtc.api.call.CallException;
import io.siprtc.api.call.InstantMessage;
import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * One MESSAGE we send (RFC 3428 section 4) and its outcome: a 2xx completes the stage; a 401 or
 * 407 is answered once with the account's credentials (same Call-ID and From tag, next CSeq,
 * RFC 3261 section 22.2); any other final response, a second challenge, refused credentials,
 * Timer F or a transport error fails it with a {@link CallException} that names the status or
 * the cause. Responses are handled on the gateway's signalling thread; the stage completes on
 * the callback executor, never on a SIP stack thread.
 */
final class OutgoingMessage implements ResponseHandler {

    private final UserAgent account;
    private final String target;
    private final String contentType;
    private final String text;
    private final Executor signalling;
    private final Executor callbacks;
    private final CompletableFuture<InstantMessage> result = new CompletableFuture<>();
    private SipRequest request;
    private boolean challenged;
    /** A final outcome was decided (the stage completes a moment later, on the callback executor). */
    private boolean done;

    /**
     * @param request the complete MESSAGE (From with tag, To, Call-ID, CSeq, Max-Forwards, body)
     * @param text the body as the host gave it, for the {@link InstantMessage}
     */
    OutgoingMessage(UserAgent account, SipRequest request, String contentType, String text, Executor signalling,
            Executor callbacks) {
        this.account = account;
        this.request = request;
        this.target = request.requestUri();
        this.contentType = contentType;
        this.text = text;
        this.signalling = signalling;
        this.callbacks = callbacks;
    }

    /** Sends it; the stage says how it went. */
    CompletableFuture<InstantMessage> start() {
        signalling.execute(() -> send(request));
        return result;
    }

    private void send(SipRequest r) {
        try {
            account.send(r, this);
        } catch (SipException | RuntimeException e) {
            fail("cannot send MESSAGE to " + target + ": " + e.getMessage());
        }
    }

    @Override
    public void onResponse(SipResponse response) {
        signalling.execute(() -> handle(response));
    }

    @Override
    public void onTimeout() {
        signalling.execute(() -> fail("MESSAGE to " + target + ": no answer (408, timer F)"));
    }

    @Override
    public void onTransportError(String message) {
        signalling.execute(() -> fail("MESSAGE to " + target + ": unreachable: " + message));
    }

    private void handle(SipResponse r) {
        if (r.isProvisional() || done) {
            return;
        }
        String status = r.status() + " " + r.reason();
        if (r.isSuccess()) {
            done = true;
            InstantMessage m = new InstantMessage(account.id(), SipRequestUris.fromUri(request), target, contentType,
                    text, Instant.now());
            callbacks.execute(() -> result.complete(m));
            return;
        }
        if ((r.status() == 401 || r.status() == 407) && !challenged) {
            challenged = true;
            SipRequest retry;
            try {
                retry = account.digestClient().answer(request, r).request();
            } catch (AuthenticationException e) {
                fail("MESSAGE to " + target + ": " + status + ": " + e.getMessage());
                return;
            }
            request = retry.withHeader("CSeq", (request.cseqNumber() + 1) + " MESSAGE");
            send(request);
            return;
        }
        if (r.status() == 401 || r.status() == 407) {
            fail("MESSAGE to " + target + ": " + status + ": authentication failed (credentials refused)");
            return;
        }
        fail("MESSAGE to " + target + ": " + status);
    }

    private void fail(String why) {
        if (!done) {
            done = true;
            CallException e = new CallException(why);
            callbacks.execute(() -> result.completeExceptionally(e));
        }
    }
}
