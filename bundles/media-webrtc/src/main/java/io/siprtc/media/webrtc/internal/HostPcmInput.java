package io.siprtc.media.webrtc.internal;

import java.util.ArrayDeque;

import io.siprtc.api.media.PcmInput;

/**
 * The host's {@link PcmInput}: frames wait in a bounded queue (overflow drops the oldest) until
 * the audio device module's capture thread pulls them, one 10 ms frame per 10 ms; an empty queue
 * sends silence. Writers never touch libwebrtc.
 *
 * <p>The host's clock and the module's 10 ms thread are not the same: a queue drained as fast
 * as it is filled sits near empty, and every bit of jitter would be a gap. So playing starts (and
 * after running dry starts again) only once {@link #PRIME_FRAMES} frames are queued: 30 ms of
 * latency buys a steady stream.
 */
final class HostPcmInput extends PulledPcm implements PcmInput {

    /** Frames queued before playing starts or resumes after the queue ran dry. */
    static final int PRIME_FRAMES = 3;

    private final int sampleRate;
    private final int channels;
    private final int capacity;
    private final ArrayDeque<short[]> queue; // mono frames at the host's rate; guarded by this
    private long written;
    private long overflows;
    private long underruns;
    private boolean playing;
    private boolean played;
    private boolean closed;

    HostPcmInput(int sampleRate, int channels, int capacity) {
        super(sampleRate);
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(capacity);
    }

    @Override
    public boolean write(short[] frame) {
        if (frame == null || frame.length != frameLength()) {
            throw new IllegalArgumentException("a 10 ms frame of " + sampleRate + " Hz " + channels + "-channel PCM has "
                    + frameLength() + " samples, not " + (frame == null ? "null" : frame.length));
        }
        short[] mono;
        if (channels == 1) {
            mono = frame.clone();
        } else {
            mono = new short[frame.length / 2];
            for (int i = 0; i < mono.length; i++) {
                mono[i] = (short) ((frame[2 * i] + frame[2 * i + 1]) / 2);
            }
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the media session is closed");
            }
            boolean kept = true;
            if (queue.size() >= capacity) {
                queue.pollFirst();
                overflows++;
                kept = false;
            }
            queue.addLast(mono);
            written++;
            return kept;
        }
    }

    @Override
    synchronized short[] nextFrame() {
        if (!playing) {
            if (queue.size() < Math.min(PRIME_FRAMES, capacity)) {
                return null;
            }
            playing = true;
            played = true;
        }
        short[] frame = queue.pollFirst();
        if (frame == null) {
            playing = false; // ran dry: fill up again before playing on
        }
        return frame;
    }

    @Override
    synchronized void onUnderrun() {
        if (played && !closed) {
            underruns++;
        }
    }

    synchronized void close() {
        closed = true;
        queue.clear();
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int frameLength() {
        return sampleRate / 100 * channels;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized int queued() {
        return queue.size();
    }

    @Override
    public synchronized long framesWritten() {
        return written;
    }

    @Override
    public synchronized long overflows() {
        return overflows;
    }

    @Override
    public synchronized long underruns() {
        return underruns;
    }

    @Override
    public synchronized String toString() {
        return "host PCM " + sampleRate + " Hz/" + channels + " ch: " + written + " frames written, " + queue.size()
                + "/" + capacity + " queued, " + overflows + " dropped (overflow), " + underruns + " underruns";
    }
}
