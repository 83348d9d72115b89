package io.siprtc.gateway.internal;

import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaSessionListener;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A media session with canned JSEP behaviour: by default the offer and answer are the webrtc-java
 * samples and every remote description is accepted, all completed at once. A test replaces
 * {@link #offer}, {@link #answer} or {@link #remote} to fail, throw or keep the gateway waiting.
 */
final class FakeMediaSession implements MediaSession {

    static final MediaStats STATS = new MediaStats("opus/48000/2", 50, 49, 8000, 7900, 100, 440, 440, 1, "host");

    final MediaSessionConfig config;
    volatile io.siprtc.api.media.MediaDirection direction = io.siprtc.api.media.MediaDirection.SENDRECV;
    /** The canned offer, with the direction last set (as a real engine's transceiver would write it). */
    volatile Supplier<CompletionStage<SessionDescription>> offer = () -> CompletableFuture.completedFuture(
            SessionDescription.offer(Sdps.WEBRTC_OFFER.replace("a=sendrecv",
                    "a=" + direction.name().toLowerCase(java.util.Locale.ROOT))));
    volatile Supplier<CompletionStage<SessionDescription>> answer =
            () -> CompletableFuture.completedFuture(SessionDescription.answer(Sdps.WEBRTC_ANSWER));
    volatile Function<SessionDescription, CompletionStage<Void>> remote =
            d -> CompletableFuture.completedFuture(null);
    final BlockingQueue<SessionDescription> remoteDescriptions = new LinkedBlockingQueue<>();
    /** Directions set, rollbacks and DTMF inserted, in order: {@code direction SENDONLY}, {@code rollback}, {@code dtmf 12#}. */
    final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    /** Whether the session says it can send RFC 4733 events. */
    volatile boolean dtmfCapable;
    private final List<MediaSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    FakeMediaSession(MediaSessionConfig config) {
        this.config = config;
    }

    static <T> CompletionStage<T> failed(Throwable t) {
        return CompletableFuture.failedFuture(t);
    }

    @Override
    public String id() {
        return "fake-" + config.label();
    }

    @Override
    public CompletionStage<SessionDescription> createOffer() {
        return offer.get();
    }

    @Override
    public CompletionStage<Void> setRemoteDescription(SessionDescription description) {
        remoteDescriptions.add(description);
        return remote.apply(description);
    }

    @Override
    public CompletionStage<SessionDescription> createAnswer() {
        return answer.get();
    }

    @Override
    public CompletionStage<Void> setDirection(io.siprtc.api.media.MediaDirection d) {
        direction = d;
        calls.add("direction " + d);
        return CompletableFuture.completedFuture(null);
    }

    /** What mute and video mute do; a test makes them fail. */
    volatile Supplier<CompletionStage<Void>> mute = () -> CompletableFuture.completedFuture(null);

    @Override
    public CompletionStage<Void> setMuted(boolean muted) {
        calls.add("mute " + muted);
        return mute.get();
    }

    @Override
    public CompletionStage<Void> setVideoMuted(boolean muted) {
        calls.add("video mute " + muted);
        return mute.get();
    }

    @Override
    public CompletionStage<Void> rollback() {
        calls.add("rollback");
        return CompletableFuture.completedFuture(null);
    }

    /** Whether the session can restart ICE; without it restartIce fails as the API's default does. */
    volatile boolean iceRestartable;

    @Override
    public CompletionStage<Void> restartIce() {
        if (!iceRestartable) {
            return MediaSession.super.restartIce();
        }
        calls.add("restart ICE");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean canInsertDtmf() {
        return dtmfCapable;
    }

    @Override
    public CompletionStage<Void> insertDtmf(String tones, int toneMs, int gapMs) {
        calls.add("dtmf " + tones);
        return CompletableFuture.completedFuture(null);
    }

    /** The next recorded call (direction, rollback, dtmf), waiting a while for it. */
    String nextCall() {
        try {
            String c = calls.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            if (c == null) {
                throw new AssertionError("no media call within 5 s");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public MediaState state() {
        return new MediaState(MediaState.Ice.NEW, MediaState.Dtls.NEW,
                isClosed() ? MediaState.Connection.CLOSED : MediaState.Connection.NEW);
    }

    @Override
    public MediaStats stats() {
        return STATS;
    }

    @Override
    public void addListener(MediaSessionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MediaSessionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        closed.countDown();
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    void awaitClosed() {
        Waits.await(closed, "media session " + id() + " to be closed");
    }

    /** As an engine thread would report it. */
    void fireConnectionState(MediaState.Connection state) {
        for (MediaSessionListener l : listeners) {
            l.onConnectionStateChanged(state);
        }
    }

    void fireIceState(MediaState.Ice state) {
        for (MediaSessionListener l : listeners) {
            l.onIceStateChanged(state);
        }
    }
}
