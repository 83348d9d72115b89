package io.siprtc.media.webrtc.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import io.siprtc.api.media.AudioFrameListener;
import io.siprtc.api.media.MediaException;

/**
 * The sink on a session's received audio track: each decoded 10 ms frame goes to the tone
 * analyzer, the level meter, the WAV recording and the host's {@link AudioFrameListener}s. Runs
 * on libwebrtc's playout thread: nothing here blocks (the recording is written by the engine's
 * executor) and nothing escapes (an exception thrown back into native code could abort the JVM).
 */
final class ReceivedAudio implements AudioTrackSink {

    private static final Logger LOG = Logger.getLogger(ReceivedAudio.class.getName());

    /** The recording's format: what Opus decodes to, mono. */
    static final int RECORDING_RATE = 48000;
    /** Recorded frames waiting for the writer at most (10 s); more are dropped and counted. */
    static final int RECORDING_BACKLOG = 1000;

    private final String sessionId;
    private final ToneAnalyzer analyzer;
    private final LevelMeter meter = new LevelMeter();
    private final Runnable onFirstSignal;
    private final List<AudioFrameListener> listeners = new CopyOnWriteArrayList<>();
    private final Recording recording;
    private final AtomicBoolean listenerFailed = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();

    /**
     * @param recordTo the WAV file to record into, or null
     * @throws MediaException when the recording file cannot be created
     */
    ReceivedAudio(String sessionId, ToneAnalyzer analyzer, Runnable onFirstSignal, Path recordTo, Executor executor)
            throws MediaException {
        this.sessionId = sessionId;
        this.analyzer = analyzer;
        this.onFirstSignal = onFirstSignal;
        this.recording = recordTo == null ? null : new Recording(new WavFile.Writer(recordTo, RECORDING_RATE), executor);
    }

    LevelMeter meter() {
        return meter;
    }

    void addListener(AudioFrameListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(AudioFrameListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        try {
            if (bitsPerSample != 16 || data == null) {
                return;
            }
            long now = System.nanoTime();
            int length = Math.min(data.length, frames * Math.max(1, channels) * 2);
            if (analyzer.accept(data, channels, sampleRate, now)) {
                onFirstSignal.run();
            }
            meter.accept(data, length, now);
            if (recording == null && listeners.isEmpty()) {
                return;
            }
            short[] samples = new short[length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((data[2 * i] & 0xff) | (data[2 * i + 1] << 8));
            }
            if (recording != null) {
                recording.accept(samples, sampleRate, Math.max(1, channels));
            }
            boolean first = true;
            for (AudioFrameListener l : listeners) {
                try {
                    l.onAudioFrame(first ? samples : samples.clone(), sampleRate, channels);
                } catch (Throwable t) {
                    if (listenerFailed.compareAndSet(false, true)) {
                        LOG.log(Level.WARNING, "session " + sessionId + ": audio frame listener failed (logged once)", t);
                    }
                }
                first = false;
            }
        } catch (Throwable t) { // never into native code
            if (failed.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "session " + sessionId + ": received audio handling failed (logged once)", t);
            }
        }
    }

    /** Ends the recording (writes what is queued, closes the file). */
    void close() {
        listeners.clear();
        if (recording != null) {
            recording.close();
        }
    }

    /**
     * The WAV recording: frames go mono at {@link #RECORDING_RATE} into a queue that the engine's
     * executor drains into the file.
     */
    private final class Recording {

        private final WavFile.Writer writer;
        private final Executor executor;
        private final ConcurrentLinkedQueue<short[]> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger backlog = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final Object fileLock = new Object();
        private Resampler resampler; // playout thread only
        private volatile boolean closed;
        private long dropped;
        private boolean writeFailed;
        private boolean fileClosed; // under fileLock

        Recording(WavFile.Writer writer, Executor executor) {
            this.writer = writer;
            this.executor = executor;
        }

        void accept(short[] interleaved, int sampleRate, int channels) {
            if (closed) {
                return;
            }
            short[] mono = interleaved;
            if (channels > 1) {
                mono = new short[interleaved.length / channels];
                for (int i = 0; i < mono.length; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += interleaved[i * channels + c];
                    }
                    mono[i] = (short) (sum / channels);
                }
            }
            if (sampleRate != RECORDING_RATE) {
                if (resampler == null || resampler.inRate() != sampleRate) {
                    resampler = new Resampler(sampleRate, RECORDING_RATE);
                }
                mono = resampler.process(mono, mono.length);
            } else if (mono == interleaved) {
                mono = interleaved.clone(); // the listeners get the original
            }
            if (backlog.incrementAndGet() > RECORDING_BACKLOG) {
                backlog.decrementAndGet();
                dropped++;
                return;
            }
            queue.add(mono);
            if (draining.compareAndSet(false, true)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    draining.set(false); // the engine stops: close() writes the rest
                }
            }
        }

        private void drain() {
            try {
                synchronized (fileLock) {
                    writeQueued();
                }
            } finally {
                draining.set(false);
            }
            if (!queue.isEmpty() && !closed && draining.compareAndSet(false, true)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    draining.set(false);
                }
            }
        }

        /** Under fileLock. */
        private void writeQueued() {
            if (fileClosed) {
                queue.clear();
                return;
            }
            short[] frame;
            while ((frame = queue.poll()) != null) {
                backlog.decrementAndGet();
                if (writeFailed) {
                    continue;
                }
                try {
                    writer.write(frame, frame.length);
                } catch (IOException | RuntimeException e) {
                    writeFailed = true;
                    LOG.log(Level.WARNING, "session " + sessionId + ": recording into " + writer.file() + " failed", e);
                }
            }
        }

        void close() {
            closed = true;
            synchronized (fileLock) {
                writeQueued();
                fileClosed = true;
                try {
                    writer.close();
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "session " + sessionId + ": closing recording " + writer.file() + " failed", e);
                }
            }
            if (dropped > 0) {
                LOG.warning("session " + sessionId + ": recording " + writer.file() + " dropped " + dropped
                        + " frames (the disk did not keep up)");
            }
        }
    }
}
