package io.siprtc.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/** Session milestones; called on engine threads, must not block. */
@ConsumerType
public interface MediaSessionListener {

    default void onIceStateChanged(MediaState.Ice state) {
    }

    default void onDtlsStateChanged(MediaState.Dtls state) {
    }

    default void onConnectionStateChanged(MediaState.Connection state) {
    }

    /** The first decoded audio with signal in it arrived ({@link System#nanoTime()}). */
    default void onFirstAudio(long nanoTime) {
    }
}
