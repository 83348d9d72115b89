package io.siprtc.chat.mqtt.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.siprtc.api.chat.ChatListener;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionEvent;
import io.siprtc.api.chat.PresenceEvent;
import io.siprtc.api.chat.StatusUpdate;
import io.siprtc.api.chat.TypingEvent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The chat listener whiteboard: hands every account's events to every {@link ChatListener}
 * service, in order, on one thread of its own, so that a slow or failing listener never holds
 * up a chat connection.
 */
@Component(service = ChatEventBus.class)
public class ChatEventBus implements ChatListener {

    private static final Logger LOG = Logger.getLogger(ChatEventBus.class.getName());

    private final List<ChatListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "siprtc-chat-events");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ChatListener l) {
        listeners.add(l);
    }

    void removeListener(ChatListener l) {
        listeners.remove(l);
    }

    @Deactivate
    void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(String what, Consumer<ChatListener> call) {
        try {
            thread.execute(() -> {
                for (ChatListener l : listeners) {
                    try {
                        call.accept(l);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "chat listener " + l + " failed on " + what, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    @Override
    public void onMessage(ChatMessage m) {
        publish("a message", l -> l.onMessage(m));
    }

    @Override
    public void onStatus(StatusUpdate u) {
        publish("a status update", l -> l.onStatus(u));
    }

    @Override
    public void onTyping(TypingEvent e) {
        publish("a typing event", l -> l.onTyping(e));
    }

    @Override
    public void onPresence(PresenceEvent e) {
        publish("a presence event", l -> l.onPresence(e));
    }

    @Override
    public void onConnection(ConnectionEvent e) {
        publish("a connection event", l -> l.onConnection(e));
    }
}
