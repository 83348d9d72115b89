package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** A media engine whose sessions answer with canned WebRTC SDP; a test can script each new session. */
final class FakeMediaEngine implements MediaEngine {

    private final BlockingQueue<FakeMediaSession> sessions = new LinkedBlockingQueue<>();
    private final List<FakeMediaSession> created = new CopyOnWriteArrayList<>();
    final List<MediaSessionConfig> prepared = new CopyOnWriteArrayList<>();
    /** When set, createSession throws it (a MediaException or a RuntimeException). */
    volatile Exception createFailure;
    /** What {@link #sdpProfiles()} says; the default is a WebRTC engine's. */
    volatile java.util.Set<String> profiles = java.util.Set.of(PROFILE_WEBRTC, PROFILE_SIP_DTLS);
    /** Runs on every new session before the gateway gets it: set up failures or pending futures here. */
    volatile Consumer<FakeMediaSession> script = s -> { };

    @Override
    public MediaSession createSession(MediaSessionConfig config) throws MediaException {
        Exception failure = createFailure;
        if (failure instanceof MediaException) {
            throw (MediaException) failure;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        FakeMediaSession s = new FakeMediaSession(config);
        script.accept(s);
        created.add(s);
        sessions.add(s);
        return s;
    }

    @Override
    public java.util.Set<String> sdpProfiles() {
        return profiles;
    }

    @Override
    public int openSessions() {
        return (int) created.stream().filter(s -> !s.isClosed()).count();
    }

    @Override
    public void prepare(MediaSessionConfig config) {
        prepared.add(config);
    }

    FakeMediaSession nextSession() {
        return Waits.take(sessions, "the gateway to create a media session");
    }

    void assertNoSession() {
        assertTrue(sessions.isEmpty(), "no media session expected");
    }
}
