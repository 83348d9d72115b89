package io.siprtc.gateway.internal;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.siprtc.api.call.InstantMessage;
import io.siprtc.api.call.InstantMessageListener;

/**
 * The {@link InstantMessageListener} whiteboard: delivers received messages in order on one
 * thread of its own ({@code siprtc-messages}), so a slow or throwing listener never holds up the
 * signalling thread or the 200 OK. At most {@link #QUEUE} messages wait; beyond that
 * {@link #deliver} says no and the MESSAGE is refused with 503 instead of piling up.
 */
final class MessageListeners implements AutoCloseable {

    static final int QUEUE = 1000;
    private static final Logger LOG = Logger.getLogger(MessageListeners.class.getName());

    private final List<InstantMessageListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "siprtc-messages");
                t.setDaemon(true);
                return t;
            });

    void add(InstantMessageListener l) {
        listeners.add(l);
    }

    void remove(InstantMessageListener l) {
        listeners.remove(l);
    }

    /** Queues the message for every listener; false when the queue is full or the gateway stopped. */
    boolean deliver(InstantMessage message) {
        try {
            thread.execute(() -> {
                for (InstantMessageListener l : listeners) {
                    try {
                        l.onMessage(message);
                    } catch (RuntimeException | LinkageError e) {
                        LOG.log(Level.WARNING, "instant message listener " + l + " failed on " + message, e);
                    }
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
