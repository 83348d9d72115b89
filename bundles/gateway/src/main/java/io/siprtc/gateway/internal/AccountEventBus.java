package io.siprtc.gateway.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.siprtc.api.call.AccountEvent;
import io.siprtc.api.call.AccountListener;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@link AccountListener} whiteboard: delivers every account's registration events to the
 * listener services in order, on one thread of its own, so a slow listener never holds up a
 * registration. The accounts ({@link UserAgent}) publish through it.
 */
@Component(service = AccountEventBus.class, immediate = true)
public class AccountEventBus {

    private static final Logger LOG = Logger.getLogger(AccountEventBus.class.getName());

    private final List<AccountListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "siprtc-account-events");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindAccountListener(AccountListener l) {
        listeners.add(l);
    }

    void unbindAccountListener(AccountListener l) {
        listeners.remove(l);
    }

    void publish(AccountEvent event) {
        LOG.fine(event::toString);
        try {
            thread.execute(() -> {
                for (AccountListener l : listeners) {
                    try {
                        l.onAccountEvent(event);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "account listener " + l + " failed", e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine("account events stopped: event dropped");
        }
    }

    @Deactivate
    void deactivate() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
