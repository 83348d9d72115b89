package io.siprtc.media.webrtc.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import io.siprtc.api.media.VideoFrameListener;

/**
 * The sink on a session's received video track: counts the decoded pictures, measures the mean
 * colour of one every {@link #COLOUR_EVERY_NS}, and copies each picture out of native memory for
 * the host's {@link VideoFrameListener}s.
 *
 * <p>webrtc-java calls it on libwebrtc's decoding thread with a {@link VideoFrame} whose buffer is
 * a native copy the Java side owns: it must be released, here, whatever happens (else every
 * picture leaks: 115 KB at 320x240, 460 KB at 640x480). Nothing escapes (an exception thrown back
 * into native code aborts the JVM: {@link NativeCallbacks}), and nothing refers to the native
 * buffer after the callback returns: listeners get arrays.
 */
final class ReceivedVideo implements VideoTrackSink {

    private static final Logger LOG = Logger.getLogger(ReceivedVideo.class.getName());

    /** How often the mean colour is measured, ns. */
    static final long COLOUR_EVERY_NS = 200_000_000L;

    private final String sessionId;
    private final List<VideoFrameListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicBoolean listenerFailed = new AtomicBoolean();
    private volatile int averageRgb = -1;
    private volatile long colourAt;
    private volatile int width;
    private volatile int height;

    ReceivedVideo(String sessionId) {
        this.sessionId = sessionId;
    }

    void addListener(VideoFrameListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(VideoFrameListener listener) {
        listeners.remove(listener);
    }

    /** Decoded pictures handed to this sink. */
    long delivered() {
        return delivered.get();
    }

    /** The mean colour of a recent picture, {@code 0xRRGGBB}; -1 before any. */
    int averageRgb() {
        return averageRgb;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    @Override
    public void onVideoFrame(VideoFrame frame) {
        NativeCallbacks.run("session " + sessionId + ": video frame", () -> {
            try {
                accept(frame);
            } finally {
                frame.release();
            }
        });
    }

    private void accept(VideoFrame frame) {
        I420Buffer b = frame.buffer.toI420();
        int w = b.getWidth();
        int h = b.getHeight();
        width = w;
        height = h;
        delivered.incrementAndGet();
        long now = System.nanoTime();
        boolean measure = now - colourAt >= COLOUR_EVERY_NS;
        if (!measure && listeners.isEmpty()) {
            return;
        }
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        byte[] y = copy(b.getDataY(), b.getStrideY(), w, h);
        byte[] u = copy(b.getDataU(), b.getStrideU(), cw, ch);
        byte[] v = copy(b.getDataV(), b.getStrideV(), cw, ch);
        io.siprtc.api.media.VideoFrame copy = new io.siprtc.api.media.VideoFrame(w, h, frame.timestampNs,
                frame.rotation, y, u, v);
        if (measure) {
            colourAt = now;
            averageRgb = copy.averageRgb();
        }
        for (VideoFrameListener l : listeners) {
            try {
                l.onVideoFrame(copy);
            } catch (RuntimeException e) {
                if (listenerFailed.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "session " + sessionId + ": video frame listener failed (logged once)", e);
                }
            }
        }
    }

    /** One plane without its row padding. */
    private static byte[] copy(ByteBuffer plane, int stride, int width, int height) {
        byte[] out = new byte[width * height];
        if (stride == width) {
            plane.get(out, 0, Math.min(out.length, plane.remaining()));
            return out;
        }
        for (int row = 0; row < height; row++) {
            plane.position(row * stride);
            plane.get(out, row * width, width);
        }
        return out;
    }
}
