package io.siprtc.api.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a media session sends and where what it receives goes: audio, from a synthetic tone
 * unless another {@link AudioSource} is chosen, played out on no device unless one is chosen;
 * no video unless a {@link VideoSource} is chosen. Immutable: each {@code with...} method returns a changed copy.
 */
public final class MediaSessionConfig {

    private final String label;
    private final double toneHz;
    private final String address;
    private final List<IceServer> iceServers;
    private final Boolean relayOnly;
    private final AudioSource audioSource;
    private final String playoutDevice;
    private final Path recording;
    private final boolean echoCancellation;
    private final boolean noiseSuppression;
    private final boolean autoGainControl;
    private final VideoSource video;

    /** A session on every interface. */
    public MediaSessionConfig(String label, double toneHz) {
        this(label, toneHz, null);
    }

    /**
     * @param label for logs (the call id)
     * @param toneHz the frequency of the synthetic tone the session sends; 0 sends silence
     * @param address the one local address media is offered on (e.g. {@code 127.0.0.1}); the
     *        engine then skips interface enumeration and offers no local candidate on any other
     *        address. {@code null} offers every interface.
     */
    public MediaSessionConfig(String label, double toneHz, String address) {
        this(new Fields(Objects.requireNonNull(label), checkTone(toneHz),
                address == null || address.isBlank() ? null : address.trim()));
    }

    private MediaSessionConfig(Fields f) {
        this.label = f.label;
        this.toneHz = f.toneHz;
        this.address = f.address;
        this.iceServers = f.iceServers;
        this.relayOnly = f.relayOnly;
        this.audioSource = f.audioSource;
        this.playoutDevice = f.playoutDevice;
        this.recording = f.recording;
        this.echoCancellation = f.echoCancellation;
        this.noiseSuppression = f.noiseSuppression;
        this.autoGainControl = f.autoGainControl;
        this.video = f.video;
    }

    /** The values of a configuration being made: a {@code with...} method copies, changes one, builds. */
    private static final class Fields {
        final String label;
        final double toneHz;
        final String address;
        List<IceServer> iceServers;
        Boolean relayOnly;
        AudioSource audioSource;
        String playoutDevice;
        Path recording;
        boolean echoCancellation;
        boolean noiseSuppression;
        boolean autoGainControl;
        VideoSource video = VideoSource.none();

        Fields(String label, double toneHz, String address) {
            this.label = label;
            this.toneHz = toneHz;
            this.address = address;
        }
    }

    /** A copy of this configuration with one change. */
    private MediaSessionConfig with(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields(label, toneHz, address);
        f.iceServers = iceServers;
        f.relayOnly = relayOnly;
        f.audioSource = audioSource;
        f.playoutDevice = playoutDevice;
        f.recording = recording;
        f.echoCancellation = echoCancellation;
        f.noiseSuppression = noiseSuppression;
        f.autoGainControl = autoGainControl;
        f.video = video;
        change.accept(f);
        return new MediaSessionConfig(f);
    }

    private static double checkTone(double toneHz) {
        if (toneHz < 0 || toneHz > 4000) {
            throw new IllegalArgumentException("tone frequency out of range (0..4000 Hz): " + toneHz);
        }
        return toneHz;
    }

    public String label() {
        return label;
    }

    public double toneHz() {
        return toneHz;
    }

    /** The single address to offer media on, or null for every interface. */
    public String address() {
        return address;
    }

    /**
     * This configuration with its own STUN/TURN servers instead of the engine's configured ones
     * (an empty list: none at all).
     *
     * @since 1.3
     */
    public MediaSessionConfig withIceServers(List<IceServer> servers) {
        List<IceServer> copy = List.copyOf(Objects.requireNonNull(servers));
        return with(f -> f.iceServers = copy);
    }

    /**
     * This configuration with its own relay-only choice instead of the engine's: {@code true}
     * gathers and uses only TURN relay candidates (ICE transport policy "relay").
     *
     * @since 1.3
     */
    public MediaSessionConfig withRelayOnly(boolean relayOnly) {
        return with(f -> f.relayOnly = relayOnly);
    }

    /** The session's own ICE servers; empty when the engine's configuration applies. @since 1.3 */
    public Optional<List<IceServer>> iceServers() {
        return Optional.ofNullable(iceServers);
    }

    /** The session's own relay-only choice; empty when the engine's configuration applies. @since 1.3 */
    public Optional<Boolean> relayOnly() {
        return Optional.ofNullable(relayOnly);
    }

    /**
     * This configuration with another source of the audio it sends: a tone, a WAV file, PCM the
     * host writes ({@link MediaSession#pcmInput()}) or a capture device. Without it the session
     * sends the tone of {@link #toneHz()}.
     *
     * @since 1.3
     */
    public MediaSessionConfig withAudioSource(AudioSource source) {
        Objects.requireNonNull(source);
        return with(f -> f.audioSource = source);
    }

    /** The source of the audio this session sends: {@link AudioSource#tone} of {@link #toneHz()} unless set. @since 1.3 */
    public AudioSource audioSource() {
        return audioSource != null ? audioSource : AudioSource.tone(toneHz);
    }

    /**
     * This configuration playing the received audio out on a device, by the name or id
     * {@link MediaEngine#audioDevices()} lists (empty: the system's default); {@code null} plays
     * out on no device (headless, the default). Needs an engine with audio devices enabled and,
     * with webrtc-java, the capture device as source (one audio device module serves both ways).
     *
     * @since 1.3
     */
    public MediaSessionConfig withPlayoutDevice(String nameOrId) {
        return with(f -> f.playoutDevice = nameOrId == null ? null : nameOrId.trim());
    }

    /** The playout device's name or id (empty: the default), empty when headless. @since 1.3 */
    public Optional<String> playoutDevice() {
        return Optional.ofNullable(playoutDevice);
    }

    /**
     * This configuration recording the received (decoded) audio into a WAV file: 16-bit PCM,
     * 48 kHz, mono, from the first received frame until the session closes; an existing file is
     * replaced. {@code null}: no recording.
     *
     * @since 1.3
     */
    public MediaSessionConfig withRecording(Path wavFile) {
        return with(f -> f.recording = wavFile);
    }

    /** The WAV file the received audio is recorded into, if any. @since 1.3 */
    public Optional<Path> recording() {
        return Optional.ofNullable(recording);
    }

    /**
     * This configuration with the sent audio's processing switched on or off (all off unless
     * set): acoustic echo cancellation (against the audio this session plays out), noise
     * suppression and automatic gain control. An engine that cannot apply a switch says so (see
     * its documentation).
     *
     * @since 1.3
     */
    public MediaSessionConfig withAudioProcessing(boolean echoCancellation, boolean noiseSuppression,
            boolean autoGainControl) {
        return with(f -> {
            f.echoCancellation = echoCancellation;
            f.noiseSuppression = noiseSuppression;
            f.autoGainControl = autoGainControl;
        });
    }

    /** @since 1.3 */
    public boolean echoCancellation() {
        return echoCancellation;
    }

    /** @since 1.3 */
    public boolean noiseSuppression() {
        return noiseSuppression;
    }

    /** @since 1.3 */
    public boolean autoGainControl() {
        return autoGainControl;
    }

    /**
     * This configuration with video: {@link VideoSource#none()} (the default) keeps the session
     * audio only; otherwise it offers and accepts a video stream beside the audio, sending a
     * synthetic pattern or a camera's pictures, or receiving only. The received pictures go to
     * {@link MediaSession#addVideoFrameListener}s; {@link MediaStats#video()} counts them.
     *
     * @since 1.3
     */
    public MediaSessionConfig withVideo(VideoSource video) {
        Objects.requireNonNull(video, "video");
        return with(f -> f.video = video);
    }

    /** The session's video: {@link VideoSource#none()} unless set. @since 1.3 */
    public VideoSource video() {
        return video;
    }
}
