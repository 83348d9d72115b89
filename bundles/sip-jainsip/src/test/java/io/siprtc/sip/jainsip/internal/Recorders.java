package io.siprtc.sip.jainsip.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipRequestHandler;
import io.siprtc.api.sip.SipResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Handlers that record what the stack hands them, for tests. */
final class Recorders {

    private Recorders() {
    }

    static <T> T take(BlockingQueue<T> queue, long seconds, String what) {
        try {
            T item = queue.poll(seconds, TimeUnit.SECONDS);
            assertNotNull(item, "timed out waiting for " + what);
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted waiting for " + what);
        }
    }

    /** The UAS side. */
    static class Requests implements SipRequestHandler {
        final BlockingQueue<ServerTransaction> requests = new LinkedBlockingQueue<>();
        final BlockingQueue<SipRequest> acks = new LinkedBlockingQueue<>();
        final BlockingQueue<ServerTransaction> cancels = new LinkedBlockingQueue<>();
        final BlockingQueue<String> malformed = new LinkedBlockingQueue<>();

        @Override
        public void onRequest(ServerTransaction transaction) {
            requests.add(transaction);
        }

        @Override
        public void onAck(SipRequest ack) {
            acks.add(ack);
        }

        @Override
        public void onCancel(ServerTransaction invite) {
            cancels.add(invite);
        }

        @Override
        public void onMalformed(String source, String problem) {
            malformed.add(source + " " + problem);
        }
    }

    /** The UAC side of one transaction: responses, or "timeout" / "error: ..." markers. */
    static class Responses implements ResponseHandler {
        final BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
        final BlockingQueue<String> failures = new LinkedBlockingQueue<>();

        @Override
        public void onResponse(SipResponse response) {
            responses.add(response);
        }

        @Override
        public void onTimeout() {
            failures.add("timeout");
        }

        @Override
        public void onTransportError(String message) {
            failures.add("error: " + message);
        }

        SipResponse next(String what) {
            return take(responses, 10, what);
        }
    }
}
