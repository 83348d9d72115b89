package io.siprtc.media.webrtc.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import io.siprtc.api.media.MediaException;

/**
 * Turns webrtc-java's callbacks into futures completed on the engine's executor, never on
 * libwebrtc's signaling thread (callers chain work onto them).
 */
final class Observers {

    private Observers() {
    }

    static CreateSessionDescriptionObserver create(CompletableFuture<RTCSessionDescription> f, Executor ex,
            String what) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                ex.execute(() -> f.complete(description));
            }

            @Override
            public void onFailure(String error) {
                ex.execute(() -> f.completeExceptionally(new MediaException(what + " failed: " + error)));
            }
        };
    }

    static SetSessionDescriptionObserver set(CompletableFuture<Void> f, Executor ex, String what) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                ex.execute(() -> f.complete(null));
            }

            @Override
            public void onFailure(String error) {
                ex.execute(() -> f.completeExceptionally(new MediaException(what + " failed: " + error)));
            }
        };
    }
}
