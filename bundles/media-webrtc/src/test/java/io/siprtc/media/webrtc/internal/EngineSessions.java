package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siprtc.api.media.MediaSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The engine of a test class on the loopback configuration ({@link LoopbackCalls.Config}),
 * started before its tests and stopped after them, and the sessions a test opened (add them to
 * {@link #sessions}), closed after each test, when no session of the engine may be left open.
 * Use as {@code @RegisterExtension static final EngineSessions MEDIA = new EngineSessions();}.
 */
final class EngineSessions implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    final WebRtcMediaEngine engine = new WebRtcMediaEngine();
    final List<MediaSession> sessions = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        engine.activate(new LoopbackCalls.Config());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeAll();
        assertEquals(0, engine.openSessions(), "sessions left open by " + context.getDisplayName());
    }

    /** Closes the sessions opened so far (also in the middle of a test). */
    void closeAll() {
        sessions.forEach(MediaSession::close);
        sessions.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        engine.deactivate();
    }
}
