package io.siprtc.gateway.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallListener;

/** Delivers call events to the whiteboard listeners in order, on one thread of its own. */
final class EventBus implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());

    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "siprtc-call-events");
        t.setDaemon(true);
        return t;
    });

    void add(CallListener l) {
        listeners.add(l);
    }

    void remove(CallListener l) {
        listeners.remove(l);
    }

    void publish(CallEvent event) {
        LOG.fine(event::toString);
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(() -> {
            for (CallListener l : listeners) {
                try {
                    l.onCallEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "call listener " + l + " failed", e);
                }
            }
        });
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
