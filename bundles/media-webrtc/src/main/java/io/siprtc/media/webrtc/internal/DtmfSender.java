package io.siprtc.media.webrtc.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.onvoid.webrtc.RTCDtmfSender;
import dev.onvoid.webrtc.RTCDtmfSenderObserver;
import io.siprtc.api.media.MediaException;

/**
 * Sends RFC 4733 telephone events through one audio sender's {@link RTCDtmfSender}, one request
 * after the other. libwebrtc's own {@code insertDtmf} replaces the tones not yet played; the
 * media API promises a queue, so further requests wait here until the native buffer runs empty.
 *
 * <p>Native calls go through the session's {@link NativeGuard}; the native observer only hands
 * tone changes to the engine's executor (it runs on libwebrtc's signaling thread).
 */
final class DtmfSender {

    private static final Logger LOG = Logger.getLogger(DtmfSender.class.getName());
    private static final long PAUSE_MS = 2000;
    private static final long SLACK_MS = 1000;
    /** The longest tone libwebrtc's insertDtmf accepts. */
    private static final int MAX_NATIVE_TONE_MS = 6000;

    private final RTCDtmfSender dtmf;
    private final NativeGuard guard;
    private final Executor executor;
    private final String sessionId;
    private final Relay relay = new Relay(this);
    private final List<Consumer<String>> toneListeners = new CopyOnWriteArrayList<>();
    private final Deque<DtmfRequest> waiting = new ArrayDeque<>();
    private final Queue<String> reported = new ConcurrentLinkedQueue<>();
    private final Object reporting = new Object();
    private boolean observing; // guarded by this
    private boolean busy; // guarded by this
    private long busyUntilNanos; // guarded by this
    private volatile int durationFactor = 1;

    DtmfSender(RTCDtmfSender dtmf, NativeGuard guard, Executor executor, String sessionId) {
        this.dtmf = dtmf;
        this.guard = guard;
        this.executor = executor;
        this.sessionId = sessionId;
    }

    /** Whether libwebrtc can send telephone events now (negotiated payload, a sending stream). */
    boolean canInsert() {
        try {
            return guard.call(dtmf::canInsertDtmf, 500);
        } catch (MediaException e) {
            return false;
        }
    }

    /** Plays the request now, or after those before it. */
    void insert(DtmfRequest request) throws MediaException {
        if (!canInsert()) {
            if (guard.isClosed()) {
                throw NativeGuard.closedException();
            }
            throw new MediaException("DTMF cannot be sent: no telephone-event negotiated or the audio is not sent", 488, null);
        }
        observe();
        synchronized (this) {
            // a request whose end was never reported (e.g. the stream stopped) does not block the queue
            if (busy && System.nanoTime() - busyUntilNanos < 0) {
                waiting.add(request);
                return;
            }
            waiting.clear();
            markBusy(request);
        }
        try {
            play(request);
        } catch (MediaException e) {
            synchronized (this) {
                busy = false;
            }
            throw e;
        }
    }

    /**
     * How many times its length each tone is asked of libwebrtc, so that it lasts as long as
     * asked when libwebrtc sends telephone-events at a lower clock rate than the audio codec's
     * (see {@link TelephoneEvents}); 1 when the rates match.
     */
    void durationFactor(int factor) {
        durationFactor = Math.max(1, factor);
    }

    int durationFactor() {
        return durationFactor;
    }

    /** Tone changes as libwebrtc reports them, in order: each tone as it starts, "" when a request ends. */
    void addToneListener(Consumer<String> listener) {
        toneListeners.add(listener);
    }

    /** Stops reporting; the native observer (which webrtc-java never frees) keeps no reference to us. */
    void close() {
        relay.target = null;
    }

    private void observe() throws MediaException {
        synchronized (this) {
            if (observing) {
                return;
            }
            observing = true;
        }
        // once per sender: webrtc-java leaks the native observer of every registration
        guard.run(() -> dtmf.registerObserver(relay), 500);
    }

    private void play(DtmfRequest request) throws MediaException {
        int toneMs = nativeToneMs(request);
        boolean accepted = guard.call(() -> dtmf.insertDtmf(request.tones, toneMs, request.gapMs), 500);
        if (!accepted) {
            throw new MediaException("libwebrtc refused DTMF " + request, 500, null);
        }
        LOG.fine(() -> "session " + sessionId + ": DTMF " + request);
    }

    /** The tone length given to libwebrtc: scaled, within the 6 s it accepts. */
    private int nativeToneMs(DtmfRequest request) {
        return (int) Math.min(MAX_NATIVE_TONE_MS, (long) request.toneMs * durationFactor);
    }

    private void markBusy(DtmfRequest request) {
        long ms = 0;
        for (char c : request.tones.toCharArray()) {
            ms += c == ',' ? PAUSE_MS : nativeToneMs(request) + request.gapMs;
        }
        busy = true;
        busyUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms + SLACK_MS);
    }

    /** On the engine's executor: the tones reported so far, one drainer at a time, in order. */
    private void drain() {
        synchronized (reporting) {
            for (String t = reported.poll(); t != null; t = reported.poll()) {
                onTone(t);
            }
        }
    }

    private void onTone(String t) {
        for (Consumer<String> l : toneListeners) {
            try {
                l.accept(t);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "DTMF tone listener failed", e);
            }
        }
        if (!t.isEmpty()) {
            return;
        }
        DtmfRequest next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                busy = false;
                return;
            }
            markBusy(next);
        }
        try {
            play(next);
        } catch (MediaException e) {
            LOG.log(guard.isClosed() ? Level.FINE : Level.WARNING,
                    "session " + sessionId + ": queued DTMF " + next + " dropped: " + e.getMessage());
            synchronized (this) {
                busy = false;
                waiting.clear();
            }
        }
    }

    /**
     * The observer handed to native code. webrtc-java keeps it (a global reference) for as long as
     * the process lives, so it refers to its sender only until {@link #close()}.
     */
    private static final class Relay implements RTCDtmfSenderObserver {

        volatile DtmfSender target;

        Relay(DtmfSender target) {
            this.target = target;
        }

        @Override
        public void onToneChange(String tone, String toneBuffer) {
            DtmfSender t = target;
            if (t == null) {
                return;
            }
            t.reported.add(tone == null ? "" : tone);
            try {
                t.executor.execute(t::drain);
            } catch (RejectedExecutionException e) {
                // engine stopped: nobody to tell
            }
        }
    }
}
