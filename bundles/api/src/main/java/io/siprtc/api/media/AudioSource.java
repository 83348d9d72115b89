package io.siprtc.api.media;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a session's outgoing audio comes from ({@link MediaSessionConfig#withAudioSource}): a
 * synthetic tone, a WAV file, 16-bit PCM the host writes in 10 ms frames
 * ({@link MediaSession#pcmInput()}), or a capture device ({@link MediaEngine#audioDevices()}).
 * A value: what the engine opens is checked when the session is created, and a missing file, a
 * format the engine cannot play or an unknown device fails
 * {@link MediaEngine#createSession(MediaSessionConfig)} with a {@link MediaException}.
 *
 * @since 1.3
 */
public final class AudioSource {

    /** The kinds of source. */
    public enum Kind {
        /** A sine tone ({@link #toneHz()}; 0 Hz sends silence). */
        TONE,
        /** A WAV file: 16-bit PCM, mono or stereo, 8 to 192 kHz. */
        WAV_FILE,
        /** 16-bit PCM written by the host in 10 ms frames. */
        HOST_PCM,
        /** A capture device (a microphone). */
        DEVICE
    }

    /** Frames a {@link #hostPcm(int, int)} queue holds: 200 ms. */
    public static final int DEFAULT_QUEUE_FRAMES = 20;

    private final Kind kind;
    private final double toneHz;
    private final Path file;
    private final boolean loop;
    private final int sampleRate;
    private final int channels;
    private final int queueFrames;
    private final String device;

    private AudioSource(Kind kind, double toneHz, Path file, boolean loop, int sampleRate, int channels,
            int queueFrames, String device) {
        this.kind = kind;
        this.toneHz = toneHz;
        this.file = file;
        this.loop = loop;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.queueFrames = queueFrames;
        this.device = device;
    }

    /** A sine tone of 0 to 4000 Hz (0: silence). */
    public static AudioSource tone(double hz) {
        if (!(hz >= 0 && hz <= 4000)) {
            throw new IllegalArgumentException("tone frequency out of range (0..4000 Hz): " + hz);
        }
        return new AudioSource(Kind.TONE, hz, null, false, 0, 0, 0, null);
    }

    /**
     * A WAV file (16-bit PCM, mono or stereo, any rate from 8 to 192 kHz; resampled to the
     * engine's rate, stereo mixed down to mono). The file is read when the session is created.
     *
     * @param loop start again at the end; {@code false} sends silence after the end
     */
    public static AudioSource wavFile(Path file, boolean loop) {
        return new AudioSource(Kind.WAV_FILE, 0, Objects.requireNonNull(file, "file"), loop, 0, 0, 0, null);
    }

    /** {@link #hostPcm(int, int, int)} with a queue of {@value #DEFAULT_QUEUE_FRAMES} frames (200 ms). */
    public static AudioSource hostPcm(int sampleRate, int channels) {
        return hostPcm(sampleRate, channels, DEFAULT_QUEUE_FRAMES);
    }

    /**
     * 16-bit PCM the host writes in 10 ms frames through the session's {@link PcmInput}. The
     * engine's audio thread takes one frame every 10 ms from a bounded queue: when it is empty
     * the session sends silence, when it is full the oldest frame is dropped (both counted).
     *
     * @param sampleRate 8000 to 192000 Hz, a multiple of 100 (10 ms is a whole number of samples)
     * @param channels 1 or 2 (interleaved; mixed down to mono)
     * @param queueFrames frames the queue holds, 1 to 1000
     */
    public static AudioSource hostPcm(int sampleRate, int channels, int queueFrames) {
        if (sampleRate < 8000 || sampleRate > 192000 || sampleRate % 100 != 0) {
            throw new IllegalArgumentException("PCM sample rate must be 8000..192000 Hz and a multiple of 100: "
                    + sampleRate);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("PCM channels must be 1 or 2: " + channels);
        }
        if (queueFrames < 1 || queueFrames > 1000) {
            throw new IllegalArgumentException("PCM queue must hold 1..1000 frames: " + queueFrames);
        }
        return new AudioSource(Kind.HOST_PCM, 0, null, false, sampleRate, channels, queueFrames, null);
    }

    /**
     * A capture device, by the name or id {@link MediaEngine#audioDevices()} lists; {@code null}
     * or empty for the system's default. Needs an engine with audio devices enabled (the
     * webrtc-java engine: {@code audio.devices=true}); its session then also plays out on a
     * device ({@link MediaSessionConfig#withPlayoutDevice}, the default one unless named).
     */
    public static AudioSource device(String nameOrId) {
        return new AudioSource(Kind.DEVICE, 0, null, false, 0, 0, 0, nameOrId == null ? "" : nameOrId.trim());
    }

    public Kind kind() {
        return kind;
    }

    /** The tone's frequency ({@link Kind#TONE}), else 0. */
    public double toneHz() {
        return toneHz;
    }

    /** The WAV file ({@link Kind#WAV_FILE}), else null. */
    public Path file() {
        return file;
    }

    /** Whether the WAV file starts again at its end. */
    public boolean loop() {
        return loop;
    }

    /** The host's PCM sample rate ({@link Kind#HOST_PCM}), else 0. */
    public int sampleRate() {
        return sampleRate;
    }

    /** The host's PCM channels ({@link Kind#HOST_PCM}), else 0. */
    public int channels() {
        return channels;
    }

    /** Frames the host's PCM queue holds ({@link Kind#HOST_PCM}), else 0. */
    public int queueFrames() {
        return queueFrames;
    }

    /** The capture device's name or id, empty for the default ({@link Kind#DEVICE}), else null. */
    public String device() {
        return device;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AudioSource)) {
            return false;
        }
        AudioSource s = (AudioSource) o;
        return kind == s.kind && Double.compare(toneHz, s.toneHz) == 0 && Objects.equals(file, s.file)
                && loop == s.loop && sampleRate == s.sampleRate && channels == s.channels
                && queueFrames == s.queueFrames && Objects.equals(device, s.device);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, toneHz, file, loop, sampleRate, channels, queueFrames, device);
    }

    @Override
    public String toString() {
        switch (kind) {
            case TONE:
                return String.format(Locale.ROOT, "tone %.0f Hz", toneHz);
            case WAV_FILE:
                return "WAV file " + file + (loop ? " (looped)" : "");
            case HOST_PCM:
                return "host PCM " + sampleRate + " Hz/" + channels + " ch, queue " + queueFrames + " frames";
            default:
                return "capture device " + (device.isEmpty() ? "(default)" : "'" + device + "'");
        }
    }
}
