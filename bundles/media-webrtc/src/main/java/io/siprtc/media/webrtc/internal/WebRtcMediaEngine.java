package io.siprtc.media.webrtc.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import io.siprtc.api.media.AudioDevice;
import io.siprtc.api.media.AudioSource;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link MediaEngine} on webrtc-java. One {@link AudioEndpoint} (headless audio device and
 * factory) per tone and set of audio processing switches, created on first use and kept; a
 * session with another source (WAV file, host PCM, capture device) has an endpoint to itself
 * while it lasts, taken from a pool and given back when it closes (closing one would leak native
 * threads: see {@link AudioEndpoint}). One peer connection per session.
 */
@Component(service = MediaEngine.class, property = MediaEngine.NAME + "=webrtc-java",
        configurationPid = "io.siprtc.media.webrtc")
@Designate(ocd = WebRtcEngineConfig.class)
public class WebRtcMediaEngine implements MediaEngine {

    private static final Logger LOG = Logger.getLogger(WebRtcMediaEngine.class.getName());

    private final Map<ToneKey, AudioEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<PoolKey, java.util.Deque<AudioEndpoint>> idle = new ConcurrentHashMap<>();
    private final Set<WebRtcMediaSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private ExecutorService executor;
    private ScheduledExecutorService timer;
    private WebRtcEngineConfig config;
    private IceSettings ice = IceSettings.NONE;
    private String portProblem;
    private volatile boolean active;
    /**
     * createSession (and a shared endpoint's creation) hold the read lock, deactivate() takes the
     * write lock to stop: no session is made on a factory being disposed, none is missed by the
     * stop, no endpoint is made after it (measured: without it, a createSession racing
     * deactivate() left a session open on a disposed factory or took the JVM down, SIGSEGV).
     */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    @Activate
    void activate(WebRtcEngineConfig config) {
        this.config = config;
        this.ice = IceSettings.of(config);
        this.portProblem = portRangeProblem(config.port_min(), config.port_max());
        if (ice.problem() != null || portProblem != null) {
            LOG.warning("media engine configuration unusable, sessions will fail: "
                    + (portProblem != null ? portProblem : ice.problem()));
        }
        LOG.config(() -> "media engine ICE: " + ice); // never shows the TURN password
        this.executor = Executors.newCachedThreadPool(daemon("siprtc-media"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("siprtc-media-timer"));
        this.active = true;
    }

    @Deactivate
    void deactivate() {
        lifecycle.writeLock().lock();
        try {
            active = false; // waits for createSession calls under way; later ones see it
        } finally {
            lifecycle.writeLock().unlock();
        }
        for (WebRtcMediaSession s : sessions) {
            s.close();
        }
        for (AudioEndpoint e : endpoints.values()) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "audio endpoint close failed", ex);
            }
        }
        endpoints.clear();
        for (java.util.Deque<AudioEndpoint> pool : idle.values()) {
            AudioEndpoint e;
            while ((e = pool.poll()) != null) {
                try {
                    e.close();
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "audio endpoint close failed", ex);
                }
            }
        }
        timer.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public MediaSession createSession(MediaSessionConfig sessionConfig) throws MediaException {
        lifecycle.readLock().lock();
        try {
            return createSessionWhileActive(sessionConfig);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private MediaSession createSessionWhileActive(MediaSessionConfig sessionConfig) throws MediaException {
        if (!active) {
            throw new MediaException("media engine is stopped", 503, null);
        }
        IceSettings sessionIce = ice.forSession(sessionConfig);
        String problem = portProblem != null ? portProblem : sessionIce.problem();
        if (problem == null && sessionConfig.address() != null && LocalCandidates.literal(sessionConfig.address()) == null) {
            problem = "the media address must be an IP literal: " + sessionConfig.address();
        }
        if (problem != null) {
            throw new MediaException(problem, 500, null);
        }
        AudioSource source = sessionConfig.audioSource();
        checkDevices(sessionConfig, source);
        AudioOptions options = AudioEndpoint.options(sessionConfig.echoCancellation(), sessionConfig.noiseSuppression(),
                sessionConfig.autoGainControl());
        AudioEndpoint endpoint;
        HostPcmInput pcm = null;
        PoolKey poolKey = null;
        try {
            switch (source.kind()) {
                case TONE:
                    endpoint = sharedEndpoint(ToneKey.of(source.toneHz(), sessionConfig));
                    break;
                case WAV_FILE:
                case HOST_PCM:
                    // a bad file fails here, before any native object
                    dev.onvoid.webrtc.media.audio.AudioSource pulled;
                    if (source.kind() == AudioSource.Kind.WAV_FILE) {
                        pulled = WavFileSource.open(source.file(), source.loop());
                    } else {
                        pcm = new HostPcmInput(source.sampleRate(), source.channels(), source.queueFrames());
                        pulled = pcm;
                    }
                    poolKey = PoolKey.of(null, null, sessionConfig);
                    endpoint = take(poolKey);
                    if (endpoint == null) {
                        endpoint = AudioEndpoint.pooled(options);
                    }
                    endpoint.use(pulled);
                    break;
                default:
                    String playout = sessionConfig.playoutDevice().orElse("");
                    poolKey = PoolKey.of(source.device(), playout, sessionConfig);
                    endpoint = take(poolKey);
                    if (endpoint == null) {
                        endpoint = AudioEndpoint.devices(source.device(), playout, options);
                    }
                    break;
            }
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new MediaException("webrtc-java could not start: " + e, 503, e);
        }
        String id = sessionConfig.label() + "#" + ids.incrementAndGet();
        AudioEndpoint taken = endpoint;
        PoolKey key = poolKey;
        Runnable release = key == null ? null : () -> giveBack(key, taken);
        WebRtcMediaSession session;
        try {
            session = new WebRtcMediaSession(id, endpoint, release, pcm, rtcConfiguration(sessionConfig, sessionIce),
                    sessionConfig, sessionIce, executor, timer, config.gather_timeout_ms(), sessions::remove);
        } catch (MediaException | RuntimeException | Error e) {
            if (release != null) {
                release.run();
            }
            throw e;
        }
        sessions.add(session);
        LOG.fine(() -> "session " + id + " sends " + source + (sessionConfig.recording().isPresent()
                ? ", records into " + sessionConfig.recording().get() : ""));
        return session;
    }

    /** Device sources and playout devices need {@code audio.devices}; a playout device needs the capture device. */
    private void checkDevices(MediaSessionConfig sessionConfig, AudioSource source) throws MediaException {
        boolean captureDevice = source.kind() == AudioSource.Kind.DEVICE;
        if ((captureDevice || sessionConfig.playoutDevice().isPresent()) && !config.audio_devices()) {
            throw new MediaException("audio devices are off (audio.devices=false: the engine is headless); cannot open "
                    + (captureDevice ? source : "playout device '" + sessionConfig.playoutDevice().get() + "'"), 500,
                    null);
        }
        if (sessionConfig.playoutDevice().isPresent() && !captureDevice) {
            throw new MediaException("a playout device needs a capture device as the audio source (one webrtc-java "
                    + "audio device module serves both directions of a call); the source is " + source, 500, null);
        }
    }

    private AudioEndpoint take(PoolKey key) {
        java.util.Deque<AudioEndpoint> pool = idle.get(key);
        return pool == null ? null : pool.poll();
    }

    /** A session's endpoint comes back: silent until the next session of its kind takes it (closed if the engine stopped). */
    private void giveBack(PoolKey key, AudioEndpoint endpoint) {
        if (key.capture() == null) {
            endpoint.use(null);
        }
        if (active) {
            idle.computeIfAbsent(key, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).push(endpoint);
            if (active) {
                return;
            }
            // deactivate() ran meanwhile: it may have missed this one
            if (!idle.get(key).remove(endpoint)) {
                return;
            }
        }
        endpoint.close();
    }

    private AudioEndpoint sharedEndpoint(ToneKey key) {
        lifecycle.readLock().lock(); // prepare() runs late on the executor: no endpoint after the stop
        try {
            if (!active) {
                throw new IllegalStateException("media engine is stopped");
            }
            return endpoints.computeIfAbsent(key, k -> AudioEndpoint.headless(new ToneSource(k.hz()), k.hz(),
                    AudioEndpoint.options(k.echoCancellation(), k.noiseSuppression(), k.autoGainControl())));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * The audio devices (capture and playout), through libwebrtc's platform audio device module.
     * Empty without {@code audio.devices}, without an audio server (Linux: no PulseAudio socket
     * answers; the audio system is then not touched), or when the system lists none.
     */
    @Override
    public List<AudioDevice> audioDevices() {
        if (!active || !config.audio_devices()) {
            return List.of();
        }
        String[] why = new String[1];
        List<AudioDevice> devices = AudioDevices.list(why);
        if (devices.isEmpty()) {
            LOG.info(() -> "no audio devices: " + why[0]);
        }
        return devices;
    }

    /**
     * The cameras, through webrtc-java's device manager; empty when the engine is stopped or the
     * system has none (on Linux: no {@code /dev/video*} node, and webrtc-java is not asked).
     */
    @Override
    public List<io.siprtc.api.media.VideoDevice> videoDevices() {
        if (!active) {
            return List.of();
        }
        String[] why = new String[1];
        List<io.siprtc.api.media.VideoDevice> devices = VideoDevices.list(why);
        if (devices.isEmpty()) {
            LOG.info(() -> "no cameras: " + why[0]);
        }
        return devices;
    }

    /**
     * What a pooled endpoint is for: headless (no devices) or the capture and playout device
     * names, and the audio processing switches.
     */
    record PoolKey(String capture, String playout, boolean echoCancellation, boolean noiseSuppression,
            boolean autoGainControl) {
        static PoolKey of(String capture, String playout, MediaSessionConfig c) {
            return new PoolKey(capture, playout, c.echoCancellation(), c.noiseSuppression(), c.autoGainControl());
        }
    }

    /** What a shared tone endpoint is for: its tone and its audio processing switches. */
    record ToneKey(double hz, boolean echoCancellation, boolean noiseSuppression, boolean autoGainControl) {
        static ToneKey of(double hz, MediaSessionConfig c) {
            return new ToneKey(hz, c.echoCancellation(), c.noiseSuppression(), c.autoGainControl());
        }
    }

    @Override
    public void prepare(MediaSessionConfig sessionConfig) {
        if (!active) {
            return;
        }
        executor.execute(() -> {
            try {
                AudioSource source = sessionConfig.audioSource();
                if (active && source.kind() == AudioSource.Kind.TONE) {
                    sharedEndpoint(ToneKey.of(source.toneHz(), sessionConfig));
                } else if (active && source.kind() != AudioSource.Kind.DEVICE) {
                    PoolKey key = PoolKey.of(null, null, sessionConfig);
                    java.util.Deque<AudioEndpoint> pool = idle.get(key);
                    if (pool == null || pool.isEmpty()) { // one ready for the next WAV or host PCM session
                        lifecycle.readLock().lock(); // no endpoint after the stop
                        try {
                            if (active) {
                                giveBack(key, AudioEndpoint.pooled(AudioEndpoint.options(
                                        sessionConfig.echoCancellation(), sessionConfig.noiseSuppression(),
                                        sessionConfig.autoGainControl())));
                            }
                        } finally {
                            lifecycle.readLock().unlock();
                        }
                    }
                }
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                LOG.log(Level.WARNING, "webrtc-java could not start", e);
            }
        });
    }

    @Override
    public int openSessions() {
        return sessions.size();
    }

    /** Both set (1..65535, min <= max) or both 0; else why not. */
    static String portRangeProblem(int min, int max) {
        if (min == 0 && max == 0) {
            return null;
        }
        if (min < 1 || max > 65535 || min > max) {
            return "media port range " + min + "-" + max + " is unusable (set port.min <= port.max within 1..65535, or both 0)";
        }
        return null;
    }

    private RTCConfiguration rtcConfiguration(MediaSessionConfig sessionConfig, IceSettings sessionIce) {
        RTCConfiguration rtc = new RTCConfiguration();
        rtc.iceServers = sessionIce.toNative();
        if (sessionIce.relayOnly()) {
            rtc.iceTransportPolicy = dev.onvoid.webrtc.RTCIceTransportPolicy.RELAY;
        }
        PortAllocatorConfig ports = new PortAllocatorConfig(config.port_min(), config.port_max(), 0);
        if (!config.ice_tcp()) {
            ports.setDisableTcp(true);
        }
        if (sessionConfig.address() != null) {
            // One address only: no interface enumeration; the sockets take the any-address and
            // the session keeps only candidates on the configured address (LocalCandidates).
            ports.setDisableAdapterEnumeration(true);
        }
        rtc.portAllocatorConfig = ports;
        // sip-dtls peers (RFC 5763 without RFC 5761) send RTCP on its own port: negotiate rtcp-mux.
        rtc.rtcpMuxPolicy = dev.onvoid.webrtc.RTCRtcpMuxPolicy.NEGOTIATE;
        return rtc;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
