package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.fail;

import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallListener;
import io.siprtc.api.call.CallState;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A whiteboard call listener that keeps every event, in the order it was delivered. */
final class CallRecorder implements CallListener {

    private final List<CallEvent> all = new CopyOnWriteArrayList<>();
    private final BlockingQueue<CallEvent> pending = new LinkedBlockingQueue<>();

    @Override
    public void onCallEvent(CallEvent event) {
        all.add(event);
        pending.add(event);
    }

    /**
     * Waits for the next state change of the call to {@code state}, skipping the events before it.
     * Waits for each state in turn, so awaiting RINGING then CONNECTED checks their order too.
     */
    CallEvent awaitState(String callId, CallState state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                CallEvent e = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
                if (e == null) {
                    return fail("timed out waiting for call " + callId + " to reach " + state + "; its events: "
                            + lines(callId));
                }
                if (e.type() == CallEvent.Type.STATE_CHANGED && e.call().id().equals(callId) && e.to() == state) {
                    return e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** Waits for an event of the call of that type whose detail contains the text (seen before or after this call). */
    CallEvent awaitEvent(String callId, CallEvent.Type type, String contains) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (System.nanoTime() < deadline) {
            for (CallEvent e : all) {
                if (e.call().id().equals(callId) && e.type() == type && e.detail().contains(contains)) {
                    return e;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("timed out waiting for a " + type + " event with '" + contains + "' on call " + callId
                + "; its events: " + lines(callId));
    }

    /** The call's events so far as lines: {@code SIP_SENT INVITE sip:...}, {@code STATE_CHANGED CALLING->RINGING}. */
    List<String> lines(String callId) {
        return all.stream().filter(e -> e.call().id().equals(callId))
                .map(e -> e.type() + " " + (e.type() == CallEvent.Type.STATE_CHANGED ? e.from() + "->" + e.to() : e.detail()))
                .collect(Collectors.toList());
    }
}
