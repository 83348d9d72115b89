package io.siprtc.media.webrtc.internal;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.siprtc.api.media.MediaException;

/**
 * Keeps calls away from native objects once their peer connection is closed. webrtc-java's
 * senders, transceivers and DTMF senders are raw pointers into libwebrtc: a call after (or while)
 * the peer connection closes may touch freed memory and take the JVM down. Every native call runs
 * under the read lock after checking the closed flag; {@link #close(Runnable)} takes the write
 * lock, so it waits for calls under way and no call starts after it.
 *
 * <p>Callbacks on libwebrtc's own threads must never enter this guard: {@code pc.close()} runs
 * under the write lock and waits for libwebrtc's signaling thread.
 */
final class NativeGuard {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /**
     * Runs a native call unless closed.
     *
     * @param failureStatus the SIP status a failure of the call suggests (488 for a remote
     *        description we cannot use, 500 for our own trouble)
     * @throws MediaException 487 when closed; {@code failureStatus} when the call failed
     */
    <T> T call(Supplier<T> nativeCall, int failureStatus) throws MediaException {
        lock.readLock().lock();
        try {
            if (closed) {
                throw closedException();
            }
            return nativeCall.get();
        } catch (RuntimeException e) {
            throw new MediaException(String.valueOf(e.getMessage()), failureStatus, e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            // webrtc-java reports native failures (e.g. "Create session description failed:
            // Expect line: o=") as java.lang.Error: one call's failure, not the JVM's.
            throw new MediaException(String.valueOf(e.getMessage()), failureStatus, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link #call} for calls without a result. */
    void run(Runnable nativeCall, int failureStatus) throws MediaException {
        call(() -> {
            nativeCall.run();
            return null;
        }, failureStatus);
    }

    /** Closes once: runs {@code closer} under the write lock; false when already closed. */
    boolean close(Runnable closer) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            closer.run();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    static MediaException closedException() {
        return new MediaException("media session closed", 487, null);
    }
}
