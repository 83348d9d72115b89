package io.siprtc.gateway.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Scheduler} with virtual time, driven by the test: tasks run at once on the calling
 * thread (queued while another runs, so they never nest), timers when {@link #advance} passes them.
 */
final class ManualScheduler implements Scheduler {

    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Entry> timers = new ArrayList<>();
    private long now;
    private long sequence;
    private boolean running;

    @Override
    public synchronized void execute(Runnable task) {
        ready.add(task);
        if (running) {
            return;
        }
        running = true;
        try {
            Runnable r;
            while ((r = ready.poll()) != null) {
                r.run();
            }
        } finally {
            running = false;
        }
    }

    @Override
    public synchronized Timer schedule(Runnable task, long delayMillis) {
        Entry e = new Entry(now + Math.max(0, delayMillis), sequence++, task);
        timers.add(e);
        return () -> {
            synchronized (ManualScheduler.this) {
                timers.remove(e);
            }
        };
    }

    /** Moves virtual time forward, running every timer that falls due on the way, in order. */
    synchronized void advance(long millis) {
        long target = now + millis;
        while (true) {
            Optional<Entry> next = timers.stream().filter(e -> e.at <= target)
                    .min(Comparator.comparingLong((Entry e) -> e.at).thenComparingLong(e -> e.seq));
            if (next.isEmpty()) {
                break;
            }
            timers.remove(next.get());
            now = next.get().at;
            execute(next.get().task);
        }
        now = target;
    }

    /** Milliseconds until the next timer, or -1 when none is set. */
    synchronized long nextTimerIn() {
        return timers.stream().mapToLong(e -> e.at - now).min().orElse(-1);
    }

    synchronized int timers() {
        return timers.size();
    }

    synchronized long now() {
        return now;
    }

    private record Entry(long at, long seq, Runnable task) {
    }
}
