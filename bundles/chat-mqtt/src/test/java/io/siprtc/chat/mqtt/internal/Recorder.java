package io.siprtc.chat.mqtt.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.siprtc.api.chat.ChatListener;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionEvent;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.PresenceEvent;
import io.siprtc.api.chat.StatusUpdate;
import io.siprtc.api.chat.TypingEvent;

/** Records a client's events (called directly on the client's threads) and waits for them. */
final class Recorder implements ChatListener {

    private final List<Object> events = new ArrayList<>();

    @Override
    public synchronized void onMessage(ChatMessage m) {
        events.add(m);
        notifyAll();
    }

    @Override
    public synchronized void onStatus(StatusUpdate u) {
        events.add(u);
        notifyAll();
    }

    @Override
    public synchronized void onTyping(TypingEvent e) {
        events.add(e);
        notifyAll();
    }

    @Override
    public synchronized void onPresence(PresenceEvent e) {
        events.add(e);
        notifyAll();
    }

    @Override
    public synchronized void onConnection(ConnectionEvent e) {
        events.add(e);
        notifyAll();
    }

    synchronized <T> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object o : events) {
            if (type.isInstance(o)) {
                out.add(type.cast(o));
            }
        }
        return out;
    }

    List<ChatMessage> messages() {
        return all(ChatMessage.class);
    }

    /** Waits until {@code count} events of a type match, or fails saying what it saw. */
    synchronized <T> List<T> await(Class<T> type, Predicate<T> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<T> hits = new ArrayList<>();
            for (T t : all(type)) {
                if (match.test(t)) {
                    hits.add(t);
                }
            }
            if (hits.size() >= count) {
                return hits;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + count + " " + type.getSimpleName()
                        + " events, got " + hits.size() + "; all events: " + tail());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    <T> T await(Class<T> type, Predicate<T> match, Duration timeout) {
        return await(type, match, 1, timeout).get(0);
    }

    ConnectionEvent awaitState(ConnectionState s, Duration timeout) {
        return await(ConnectionEvent.class, e -> e.state() == s, timeout);
    }

    /** Waits for the n-th event of this state (counting from the start). */
    ConnectionEvent awaitState(ConnectionState s, int nth, Duration timeout) {
        return await(ConnectionEvent.class, e -> e.state() == s, nth, timeout).get(nth - 1);
    }

    synchronized void clear() {
        events.clear();
    }

    private String tail() {
        int from = Math.max(0, events.size() - 30);
        return (from > 0 ? "... " : "") + events.subList(from, events.size());
    }
}
