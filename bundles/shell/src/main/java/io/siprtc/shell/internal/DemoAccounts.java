package io.siprtc.shell.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.CallService;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Two throw-away peer-to-peer accounts on 127.0.0.1 (alice and bob) for the demo and bench. */
final class DemoAccounts implements AutoCloseable {

    static final double ALICE_TONE = 440;
    static final double BOB_TONE = 880;

    private final ConfigurationAdmin configAdmin;
    private final CallService calls;
    private final List<Configuration> created = new ArrayList<>();

    DemoAccounts(ConfigurationAdmin configAdmin, CallService calls) {
        this.configAdmin = configAdmin;
        this.calls = calls;
    }

    void create() throws IOException {
        add("demo-alice", "alice", ALICE_TONE, false);
        add("demo-bob", "bob", BOB_TONE, true);
    }

    private void add(String id, String user, double tone, boolean autoAnswer) throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration("io.siprtc.account", id, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("id", id);
        p.put("user", user);
        p.put("domain", "127.0.0.1");
        p.put("listen.address", "127.0.0.1");
        p.put("listen.port", 0);
        p.put("media.address", "127.0.0.1");
        p.put("auto.answer", autoAnswer);
        p.put("tone.hz", tone);
        c.update(p);
        created.add(c);
    }

    /** Waits until the account listens; returns it, or empty after the timeout. */
    Optional<AccountInfo> awaitReady(String id, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < end) {
            Optional<AccountInfo> a = calls.accounts().stream().filter(x -> x.id().equals(id)).findFirst();
            if (a.isPresent() && "ready".equals(a.get().state())) {
                return a;
            }
            Thread.sleep(5);
        }
        return Optional.empty();
    }

    /**
     * Deletes the accounts and waits (bounded) until the gateway has dropped them. ConfigAdmin
     * delivers deletions asynchronously: a demo run right after this one reuses the same account
     * ids and must not find the old, closing accounts still listed as ready.
     */
    @Override
    public void close() {
        List<String> ids = new ArrayList<>();
        for (Configuration c : created) {
            try {
                Object id = c.getProperties() == null ? null : c.getProperties().get("id");
                c.delete();
                if (id != null) {
                    ids.add(id.toString());
                }
            } catch (IOException | IllegalStateException e) {
                // already gone
            }
        }
        created.clear();
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end && calls.accounts().stream().anyMatch(a -> ids.contains(a.id()))) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
