package io.siprtc.media.webrtc.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
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
 * factory) per tone, created on first use and kept; one peer connection per session.
 */
@Component(service = MediaEngine.class, property = MediaEngine.NAME + "=webrtc-java",
        configurationPid = "io.siprtc.media.webrtc")
@Designate(ocd = WebRtcEngineConfig.class)
public class WebRtcMediaEngine implements MediaEngine {

    private static final Logger LOG = Logger.getLogger(WebRtcMediaEngine.class.getName());

    private final Map<Double, AudioEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Set<WebRtcMediaSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private ExecutorService executor;
    private ScheduledExecutorService timer;
    private WebRtcEngineConfig config;
    private IceSettings ice = IceSettings.NONE;
    private String portProblem;
    private volatile boolean active;

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
        active = false;
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
        AudioEndpoint endpoint;
        try {
            endpoint = endpoints.computeIfAbsent(sessionConfig.toneHz(), AudioEndpoint::new);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new MediaException("webrtc-java could not start: " + e, 503, e);
        }
        String id = sessionConfig.label() + "#" + ids.incrementAndGet();
        WebRtcMediaSession session = new WebRtcMediaSession(id, endpoint, rtcConfiguration(sessionConfig, sessionIce),
                sessionConfig, sessionIce, executor, timer, config.gather_timeout_ms(), sessions::remove);
        sessions.add(session);
        return session;
    }

    @Override
    public void prepare(MediaSessionConfig sessionConfig) {
        if (!active) {
            return;
        }
        executor.execute(() -> {
            try {
                if (active) {
                    endpoints.computeIfAbsent(sessionConfig.toneHz(), AudioEndpoint::new);
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
