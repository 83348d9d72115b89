package io.siprtc.media.webrtc.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import io.siprtc.api.media.MediaException;

/**
 * Turns webrtc-java's callbacks into futures completed on the engine's executor, never on
 * libwebrtc's signaling thread (callers chain work onto them). Nothing may be thrown back into
 * libwebrtc's thread (the JVM would abort, see {@link NativeCallbacks}): when the executor no
 * longer takes work (the engine stopped), the future fails here with a {@link MediaException}.
 */
final class Observers {

    private Observers() {
    }

    static CreateSessionDescriptionObserver create(CompletableFuture<RTCSessionDescription> f, Executor ex,
            String what) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                complete(ex, f, () -> f.complete(description), what);
            }

            @Override
            public void onFailure(String error) {
                complete(ex, f, () -> f.completeExceptionally(new MediaException(what + " failed: " + error)), what);
            }
        };
    }

    static SetSessionDescriptionObserver set(CompletableFuture<Void> f, Executor ex, String what) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                complete(ex, f, () -> f.complete(null), what);
            }

            @Override
            public void onFailure(String error) {
                complete(ex, f, () -> f.completeExceptionally(new MediaException(what + " failed: " + error)), what);
            }
        };
    }

    private static void complete(Executor ex, CompletableFuture<?> f, Runnable completion, String what) {
        NativeCallbacks.run(what + " callback", () -> {
            try {
                ex.execute(completion);
            } catch (RejectedExecutionException stopped) {
                f.completeExceptionally(new MediaException("media engine is stopped", 503, stopped));
            }
        });
    }
}
