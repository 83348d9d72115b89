package io.siprtc.gateway.internal;

import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.sip.SipStack;
import java.util.HashMap;
import java.util.Map;

/** A {@link UserAgent} wired as DS wires it, on a real stack, with its account events recorded. */
final class LiveAccount implements AutoCloseable {

    final UserAgent ua = new UserAgent();
    final AccountEventBus bus = new AccountEventBus();
    final AccountRecorder events = new AccountRecorder();
    private final Map<String, Object> config;
    private boolean closed;

    LiveAccount(SipStack stack, Map<String, Object> config) {
        this.config = new HashMap<>(config);
        bus.bindAccountListener(events);
        ua.bindAccountEvents(bus);
        ua.bindSipStack(stack);
        ua.activate(TestAccounts.config(new HashMap<>(this.config))); // a copy: modify must not change the old one
    }

    /** Changes some values, as ConfigAdmin's update would (DS calls modified). */
    void modify(Map<String, Object> changes) {
        config.putAll(changes);
        ua.modified(TestAccounts.config(new HashMap<>(config)));
    }

    LiveAccount awaitRegistered() {
        events.await(RegistrationState.REGISTERED);
        return this;
    }

    /** The UDP port the account listens on (its requests come from it). */
    int port() {
        String contact = ua.contact();
        String afterHost = contact.substring(contact.lastIndexOf(':') + 1);
        return Integer.parseInt(afterHost.replaceAll("[^0-9].*$", ""));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ua.deactivate();
            bus.deactivate();
        }
    }
}
