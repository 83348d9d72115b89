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
    private volatile boolean active;

    @Activate
    void activate(WebRtcEngineConfig config) {
        this.config = config;
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
        AudioEndpoint endpoint;
        try {
            endpoint = endpoints.computeIfAbsent(sessionConfig.toneHz(), AudioEndpoint::new);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new MediaException("webrtc-java could not start: " + e, 503, e);
        }
        String id = sessionConfig.label() + "#" + ids.incrementAndGet();
        WebRtcMediaSession session = new WebRtcMediaSession(id, endpoint, rtcConfiguration(sessionConfig),
                sessionConfig, executor, timer, config.gather_timeout_ms(), sessions::remove);
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

    private RTCConfiguration rtcConfiguration(MediaSessionConfig sessionConfig) {
        RTCConfiguration rtc = new RTCConfiguration();
        PortAllocatorConfig ports = new PortAllocatorConfig(config.port_min(), config.port_max(), 0);
        if (!config.ice_tcp()) {
            ports.setDisableTcp(true);
        }
        if (sessionConfig.address() != null) {
            // One address only: no interface enumeration; the sockets take the any-address and
            // the SDP advertises the configured address (the gateway's AdvertisedAddressRule).
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
