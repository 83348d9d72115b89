package io.siprtc.gateway.internal;

import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaSessionListener;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A media engine for signalling load runs (LoadBench): no media at all. Every session accepts any
 * remote description and answers (or offers) the same fixed webrtc-java SDP at once; it keeps no
 * reference to its sessions, only counts the open ones. Not for anything that needs audio.
 */
final class SignallingOnlyEngine implements MediaEngine {

    private static final MediaState NEW = new MediaState(MediaState.Ice.NEW, MediaState.Dtls.NEW, MediaState.Connection.NEW);
    private static final MediaState CLOSED = new MediaState(MediaState.Ice.CLOSED, MediaState.Dtls.CLOSED,
            MediaState.Connection.CLOSED);

    private final String offer = Sdps.WEBRTC_OFFER;
    private final String answer = Sdps.WEBRTC_ANSWER;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong created = new AtomicLong();

    @Override
    public MediaSession createSession(MediaSessionConfig config) {
        created.incrementAndGet();
        open.incrementAndGet();
        return new Session("signalling-only-" + config.label());
    }

    @Override
    public int openSessions() {
        return open.get();
    }

    long createdSessions() {
        return created.get();
    }

    private final class Session implements MediaSession {

        private final String id;
        private final AtomicBoolean closed = new AtomicBoolean();

        Session(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public CompletionStage<SessionDescription> createOffer() {
            return CompletableFuture.completedFuture(SessionDescription.offer(offer));
        }

        @Override
        public CompletionStage<Void> setRemoteDescription(SessionDescription remote) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<SessionDescription> createAnswer() {
            return CompletableFuture.completedFuture(SessionDescription.answer(answer));
        }

        @Override
        public MediaState state() {
            return closed.get() ? CLOSED : NEW;
        }

        @Override
        public MediaStats stats() {
            return MediaStats.NONE;
        }

        @Override
        public void addListener(MediaSessionListener listener) {
            // no media: nothing ever changes state
        }

        @Override
        public void removeListener(MediaSessionListener listener) {
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        }
    }
}
