package io.siprtc.media.webrtc.internal;

import java.util.List;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioSource;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.siprtc.api.media.MediaException;

/**
 * One "sound card" and the PeerConnectionFactory on it.
 *
 * <p>Headless ({@link #headless}): a {@link HeadlessAudioDeviceModule} runs its own 10 ms
 * threads: playout pulls the received audio (so track sinks see it), capture pulls the source
 * (a {@link ToneSource} or a {@link PulledPcm}). Order matters: playout starts before the source
 * is attached, so the module's buffer keeps libwebrtc's audio transport while capture reads the
 * source. One writer, no {@code pushAudio}: no race.
 *
 * <p>Devices ({@link #devices}): libwebrtc's platform module on a capture and a playout device;
 * libwebrtc starts and stops both itself.
 *
 * <p>The factory's audio processing (echo cancellation, noise suppression, gain control) is one
 * per factory: libwebrtc applies the audio source's options to it. Sessions sharing an endpoint
 * therefore share the switches (the engine keys shared endpoints by them).
 *
 * <p>Closing does not give everything back: webrtc-java 0.14 never releases a closed peer
 * connection, which keeps its factory's voice engine alive, and with it two native threads
 * ({@code AudioDeviceBuffer}, {@code rtc-low-prio}) per endpoint (measured). So the engine keeps
 * endpoints and reuses them: tone endpoints are shared, and a session's own endpoint
 * ({@link #pooled}: its source swapped in and out) goes back to a pool when the session closes.
 */
final class AudioEndpoint implements AutoCloseable {

    private final AudioDeviceModuleBase adm;
    private final boolean headless;
    private final PeerConnectionFactory factory;
    private final AudioTrackSource source;
    private final double toneHz;
    private final Switch pulled;
    private boolean closed;

    private AudioEndpoint(AudioDeviceModuleBase adm, boolean headless, PeerConnectionFactory factory,
            AudioTrackSource source, double toneHz, Switch pulled) {
        this.adm = adm;
        this.headless = headless;
        this.factory = factory;
        this.source = source;
        this.toneHz = toneHz;
        this.pulled = pulled;
    }

    /** The tone endpoint of the 1.2 engine: a headless module pulling a tone, no audio processing. */
    AudioEndpoint(double toneHz) {
        this(headlessParts(new ToneSource(toneHz), new AudioOptions()), toneHz, null);
    }

    private AudioEndpoint(Parts parts, double toneHz, Switch pulled) {
        this(parts.adm(), true, parts.factory(), parts.source(), toneHz, pulled);
    }

    private record Parts(HeadlessAudioDeviceModule adm, PeerConnectionFactory factory, AudioTrackSource source) {
    }

    /**
     * A headless module whose capture thread pulls {@code pulled}.
     *
     * @param toneHz what the stats report as the sent tone (0 for other sources)
     */
    static AudioEndpoint headless(AudioSource pulled, double toneHz, AudioOptions options) {
        return new AudioEndpoint(headlessParts(pulled, options), toneHz, null);
    }

    /** A headless module for one session at a time: {@link #use} swaps the session's source in, silence when none. */
    static AudioEndpoint pooled(AudioOptions options) {
        Switch pulled = new Switch();
        return new AudioEndpoint(headlessParts(pulled, options), 0, pulled);
    }

    /** The source a {@link #pooled} endpoint's capture thread pulls from now on; null: silence. */
    void use(AudioSource source) {
        if (pulled == null) {
            throw new IllegalStateException("not a pooled headless endpoint");
        }
        pulled.current = source;
    }

    private static Parts headlessParts(AudioSource pulled, AudioOptions options) {
        HeadlessAudioDeviceModule adm = new HeadlessAudioDeviceModule();
        PeerConnectionFactory factory = null;
        try {
            factory = new PeerConnectionFactory(adm);
            adm.initPlayout();
            adm.startPlayout();
            adm.setAudioSource(NativeCallbacks.audioSource(pulled)); // a failing source: silence, not an aborted JVM
            AudioTrackSource source = factory.createAudioSource(options);
            return new Parts(adm, factory, source);
        } catch (RuntimeException | Error e) {
            dispose(adm, factory);
            throw e;
        }
    }

    /**
     * libwebrtc's platform audio device module on a capture and a playout device, each by name or
     * id (empty: the first listed, the system's default).
     *
     * @throws MediaException when there is no such device or the module does not start
     */
    static AudioEndpoint devices(String capture, String playout, AudioOptions options) throws MediaException {
        String wanted = "capture device " + (capture.isEmpty() ? "(default)" : "'" + capture + "'") + " and playout device "
                + (playout.isEmpty() ? "(default)" : "'" + playout + "'");
        String problem = AudioDevices.serverProblem();
        if (problem != null) {
            throw new MediaException("cannot open " + wanted + ": no audio devices, " + problem, 503, null);
        }
        AudioDeviceModule adm;
        try {
            adm = new AudioDeviceModule();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            throw new MediaException("cannot open " + wanted + ": the audio device module did not start: "
                    + e.getMessage(), 503, e);
        }
        PeerConnectionFactory factory = null;
        try {
            List<dev.onvoid.webrtc.media.audio.AudioDevice> recording = adm.getRecordingDevices();
            List<dev.onvoid.webrtc.media.audio.AudioDevice> playing = adm.getPlayoutDevices();
            adm.setRecordingDevice(AudioDevices.choose(recording, capture, "capture"));
            adm.setPlayoutDevice(AudioDevices.choose(playing, playout, "playout"));
            factory = new PeerConnectionFactory(adm);
            return new AudioEndpoint(adm, false, factory, factory.createAudioSource(options), 0, null);
        } catch (MediaException e) {
            dispose(adm, factory);
            throw e;
        } catch (RuntimeException | Error e) {
            dispose(adm, factory);
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            throw new MediaException("cannot open " + wanted + ": " + e.getMessage(), 503, e);
        }
    }

    /** webrtc-java's audio options for the three switches (the high-pass filter stays off). */
    static AudioOptions options(boolean echoCancellation, boolean noiseSuppression, boolean autoGainControl) {
        AudioOptions o = new AudioOptions();
        o.echoCancellation = echoCancellation;
        o.noiseSuppression = noiseSuppression;
        o.autoGainControl = autoGainControl;
        return o;
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    AudioTrackSource source() {
        return source;
    }

    double toneHz() {
        return toneHz;
    }

    boolean isHeadless() {
        return headless;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (headless) {
            adm.stopRecording();
            adm.stopPlayout();
        }
        dispose(adm, factory);
    }

    private static void dispose(AudioDeviceModuleBase adm, PeerConnectionFactory factory) {
        if (factory != null) {
            factory.dispose();
        }
        adm.dispose();
    }

    /** What a pooled endpoint's capture thread pulls: the current session's source, or silence. */
    private static final class Switch implements AudioSource {

        volatile AudioSource current;

        @Override
        public int onPlaybackData(byte[] audioSamples, int nSamples, int nBytesPerSample, int nChannels,
                int samplesPerSec) {
            AudioSource s = current;
            if (s != null) {
                return s.onPlaybackData(audioSamples, nSamples, nBytesPerSample, nChannels, samplesPerSec);
            }
            java.util.Arrays.fill(audioSamples, 0, Math.min(audioSamples.length, nSamples * nBytesPerSample), (byte) 0);
            return nSamples;
        }
    }
}
