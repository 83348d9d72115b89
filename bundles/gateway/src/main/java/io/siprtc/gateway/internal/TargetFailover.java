package io.siprtc.gateway.internal;

import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * RFC 3263 section 4.3: a request outside a dialog goes to the first server location found; on a
 * transport error, a transaction timeout or a 503 it goes to the next one, in a new client
 * transaction (new branch), until one answers or none is left. The caller's handler sees
 * provisional responses and the final outcome only, and {@link ClientTransaction#cancel()} acts
 * on the attempt under way. Once a provisional response other than 100 came (a UAS has the
 * request) or a CANCEL was asked for, nothing is retried.
 *
 * <p>The server that answered last for a destination is tried first next time (until it fails),
 * so that a digest nonce, a registration binding and its refreshes stay with one server of a
 * set whose SRV order is random.
 */
final class TargetFailover {

    private static final Logger LOG = Logger.getLogger(TargetFailover.class.getName());

    /** Sends one attempt to one server (the endpoint's {@code send(request, hop, handler)}). */
    interface HopSender {
        ClientTransaction send(SipRequest request, SipHop hop, ResponseHandler handler) throws SipException;
    }

    private final Map<String, SipHop> lastAnswered = new ConcurrentHashMap<>();

    /**
     * Sends the request along the servers; throws only when no attempt could even be started.
     *
     * @param destination what was located (the URI), for remembering the server that answered
     */
    ClientTransaction send(String destination, List<SipHop> servers, SipRequest request, HopSender sender,
            ResponseHandler handler) throws SipException {
        if (servers.isEmpty()) {
            throw new SipException("no server to send " + request + " to");
        }
        List<SipHop> order = new ArrayList<>(servers);
        SipHop preferred = lastAnswered.get(destination);
        if (preferred != null && order.remove(preferred)) {
            order.add(0, preferred);
        }
        Attempts a = new Attempts(destination, order, request, sender, handler);
        a.startFirst();
        return a;
    }

    /** The server that answered last for a destination, or null. */
    SipHop lastAnswered(String destination) {
        return lastAnswered.get(destination);
    }

    /** What became of a failed attempt. */
    private enum Outcome {
        /** News of an attempt that is no longer the current one: dropped. */
        STALE,
        /** The next server took the request over. */
        RETRIED,
        /** The failure is the outcome: the caller's handler hears it. */
        FINAL
    }

    private final class Attempts implements ClientTransaction {
        private final String destination;
        private final List<SipHop> servers;
        private final SipRequest request;
        private final HopSender sender;
        private final ResponseHandler handler;
        private final List<String> failures = new ArrayList<>();
        /** The attempt under way (its server's index); only an attempt that was started becomes current. */
        private int index = -1;
        private ClientTransaction current;
        private boolean reached;
        private boolean cancelRequested;

        Attempts(String destination, List<SipHop> servers, SipRequest request, HopSender sender, ResponseHandler handler) {
            this.destination = destination;
            this.servers = servers;
            this.request = request;
            this.sender = sender;
            this.handler = handler;
        }

        /** The first attempt that can be started, on the caller's thread; throws when none can. */
        synchronized void startFirst() throws SipException {
            if (!startAfter(-1)) {
                throw new SipException(summary());
            }
        }

        /** Starts the first server after {@code after} that takes the request; false when none does. */
        private boolean startAfter(int after) {
            for (int next = after + 1; next < servers.size(); next++) {
                SipHop hop = servers.get(next);
                try {
                    ClientTransaction tx = sender.send(request, hop, new Attempt(next));
                    index = next;
                    current = tx;
                    return true;
                } catch (SipException | RuntimeException e) {
                    failed(hop, e.getMessage());
                }
            }
            return false;
        }

        private void failed(SipHop hop, String why) {
            failures.add(hop + ": " + why);
            lastAnswered.remove(destination, hop);
        }

        /** The last failure, and every server's when more than one was tried. */
        private synchronized String summary() {
            if (failures.isEmpty()) {
                return "no server";
            }
            String last = failures.get(failures.size() - 1);
            String why = last.substring(last.indexOf(": ") + 2);
            return failures.size() == 1 ? why
                    : why + " (tried " + failures.size() + " servers: " + String.join("; ", failures) + ")";
        }

        @Override
        public synchronized SipRequest request() {
            return current != null ? current.request() : request;
        }

        @Override
        public void cancel() throws SipException {
            ClientTransaction c;
            synchronized (this) {
                cancelRequested = true;
                c = current;
            }
            if (c != null) {
                c.cancel();
            }
        }

        private synchronized Outcome failOver(int attempt, String why) {
            if (attempt != index) {
                return Outcome.STALE;
            }
            SipHop hop = servers.get(attempt);
            failed(hop, why);
            if (reached || cancelRequested || attempt + 1 >= servers.size()) {
                return Outcome.FINAL;
            }
            LOG.info(() -> request.method() + " to " + hop + " failed (" + why + "); trying " + servers.get(attempt + 1));
            return startAfter(attempt) ? Outcome.RETRIED : Outcome.FINAL;
        }

        private final class Attempt implements ResponseHandler {
            private final int attempt;

            Attempt(int attempt) {
                this.attempt = attempt;
            }

            @Override
            public void onResponse(SipResponse response) {
                int status = response.status();
                if (status == 503) {
                    if (failOver(attempt, "503 " + response.reason()) == Outcome.FINAL) {
                        handler.onResponse(response);
                    }
                    return;
                }
                synchronized (Attempts.this) {
                    if (attempt != index) {
                        return;
                    }
                    if (status > 100 && status < 200) {
                        reached = true;
                    } else if (status >= 200) {
                        lastAnswered.put(destination, servers.get(attempt));
                    }
                }
                handler.onResponse(response);
            }

            @Override
            public void onTimeout() {
                if (failOver(attempt, "no answer (transaction timeout)") == Outcome.FINAL) {
                    handler.onTimeout();
                }
            }

            @Override
            public void onTransportError(String message) {
                if (failOver(attempt, message) == Outcome.FINAL) {
                    handler.onTransportError(summary());
                }
            }
        }
    }
}
