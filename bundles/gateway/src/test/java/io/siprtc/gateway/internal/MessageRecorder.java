package io.siprtc.gateway.internal;

import io.siprtc.api.call.InstantMessage;
import io.siprtc.api.call.InstantMessageListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** An {@link InstantMessageListener} that records each message and the thread it came on. */
final class MessageRecorder implements InstantMessageListener {

    private final BlockingQueue<InstantMessage> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(InstantMessage message) {
        threads.add(Thread.currentThread().getName());
        messages.add(message);
    }

    InstantMessage next() {
        return Waits.take(messages, "an instant message to arrive");
    }

    /** The thread the last message taken by {@link #next()} was delivered on. */
    String thread() {
        return Waits.take(threads, "the thread of a delivery");
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }
}
