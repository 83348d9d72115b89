package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.fail;

import io.siprtc.api.call.AccountEvent;
import io.siprtc.api.call.AccountListener;
import io.siprtc.api.call.RegistrationState;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A whiteboard account listener that keeps every event in delivery order. */
final class AccountRecorder implements AccountListener {

    final List<AccountEvent> all = new CopyOnWriteArrayList<>();
    private final BlockingQueue<AccountEvent> pending = new LinkedBlockingQueue<>();

    @Override
    public void onAccountEvent(AccountEvent event) {
        all.add(event);
        pending.add(event);
    }

    /** Waits for the next change to this state, skipping others; waits in order like {@link CallRecorder}. */
    AccountEvent await(RegistrationState state) {
        return await(state, Waits.SECONDS * 1000);
    }

    AccountEvent await(RegistrationState state, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                AccountEvent e = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
                if (e == null) {
                    return fail("timed out waiting for " + state + "; events: " + lines());
                }
                if (e.to() == state) {
                    return e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    List<String> lines() {
        return all.stream().map(AccountEvent::toString).collect(Collectors.toList());
    }
}
