package io.siprtc.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a session's decoded incoming video, one picture at a time
 * ({@link MediaSession#addVideoFrameListener}), e.g. to show it in the host's UI.
 *
 * @since 1.3
 */
@ConsumerType
@FunctionalInterface
public interface VideoFrameListener {

    /**
     * One decoded picture of the received video, copied out of the engine (the listener may keep
     * it). Called on the engine's video thread: return quickly, never block (hand the frame to
     * your own thread, e.g. the UI's); an exception is logged and otherwise ignored.
     */
    void onVideoFrame(VideoFrame frame);
}
