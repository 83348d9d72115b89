package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.siprtc.api.media.MediaDirection;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What the engine tests share: waiting for stages and stats, offer/answer, SDP details, the default config. */
final class LoopbackCalls {

    static final String LOOPBACK = "127.0.0.1";
    static final double ALICE_HZ = 440;
    static final double BOB_HZ = 880;

    private LoopbackCalls() {
    }

    static <T> T get(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (CompletionException | ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** Polls the session's stats until they satisfy the check (bounded), and returns them. */
    static MediaStats await(MediaSession s, Predicate<MediaStats> check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        MediaStats last = s.stats();
        while (!check.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = s.stats();
        }
        assertTrue(check.test(last), s.id() + ": " + last);
        return last;
    }

    /** Stats from a report asked for now (stats() returns the previous report and asks for the next). */
    static MediaStats fresh(MediaSession s) throws InterruptedException {
        s.stats();
        Thread.sleep(150);
        return s.stats();
    }

    /** The session hears the tone right now (a measurement of the last second, within 2 %). */
    static Predicate<MediaStats> hears(double hz) {
        return s -> Math.abs(s.receivedToneHz() - hz) < hz * 0.02;
    }

    /** Packets received by each side over {@code ms}, after the stats settled. */
    static long[] receivedDuring(MediaSession a, MediaSession b, long ms) throws InterruptedException {
        MediaStats[] start = fresh(a, b);
        Thread.sleep(ms);
        MediaStats[] end = fresh(a, b);
        return new long[] {end[0].packetsReceived() - start[0].packetsReceived(),
            end[1].packetsReceived() - start[1].packetsReceived()};
    }

    private static MediaStats[] fresh(MediaSession a, MediaSession b) throws InterruptedException {
        a.stats();
        b.stats();
        Thread.sleep(150);
        return new MediaStats[] {a.stats(), b.stats()};
    }

    /** The offer from {@code offerer} answered by {@code answerer}; returns {offer, answer}. */
    static SessionDescription[] negotiate(MediaSession offerer, MediaSession answerer) throws Exception {
        SessionDescription offer = get(offerer.createOffer());
        get(answerer.setRemoteDescription(offer));
        SessionDescription answer = get(answerer.createAnswer());
        get(offerer.setRemoteDescription(answer));
        return new SessionDescription[] {offer, answer};
    }

    /** The direction attribute of the (only) audio m-section. */
    static MediaDirection direction(SessionDescription d) {
        MediaDirection found = null;
        for (String line : d.sdp().split("\r\n")) {
            MediaDirection m = line.startsWith("a=") ? MediaDirection.fromSdp(line.substring(2)) : null;
            if (m != null) {
                if (found != null) {
                    fail("two direction attributes:\n" + d.sdp());
                }
                found = m;
            }
        }
        return found == null ? MediaDirection.SENDRECV : found;
    }

    /** The o= line's sess-version (RFC 8866 section 5.2). */
    static long sessionVersion(SessionDescription d) {
        for (String line : d.sdp().split("\r\n")) {
            if (line.startsWith("o=")) {
                return Long.parseLong(line.split(" ")[2]);
            }
        }
        throw new AssertionError("no o= line:\n" + d.sdp());
    }

    /** The engine's configuration with its defaults, as DS would pass it without a configuration. */
    static final class Config implements WebRtcEngineConfig {
        @Override
        public int port_min() {
            return 0;
        }

        @Override
        public int port_max() {
            return 0;
        }

        @Override
        public long gather_timeout_ms() {
            return 1000;
        }

        @Override
        public boolean ice_tcp() {
            return false;
        }

        @Override
        public String[] ice_servers() {
            return new String[0];
        }

        @Override
        public String ice_username() {
            return "";
        }

        @Override
        public String _ice_credential() {
            return "";
        }

        @Override
        public boolean ice_relay_only() {
            return false;
        }

        @Override
        public long srflx_wait_ms() {
            return 300;
        }

        @Override
        public boolean audio_devices() {
            return false;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return WebRtcEngineConfig.class;
        }
    }

    /**
     * The engine's configuration with some attributes set (by method name, e.g.
     * {@code "ice_relay_only"}) and the annotation's defaults for the rest, as DS would pass it.
     */
    static WebRtcEngineConfig config(Map<String, Object> set) {
        for (String name : set.keySet()) {
            try {
                WebRtcEngineConfig.class.getDeclaredMethod(name);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("no such configuration attribute: " + name);
            }
        }
        return (WebRtcEngineConfig) Proxy.newProxyInstance(WebRtcEngineConfig.class.getClassLoader(),
                new Class<?>[] {WebRtcEngineConfig.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "annotationType":
                            return WebRtcEngineConfig.class;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "WebRtcEngineConfig" + set.keySet();
                        default:
                            return set.containsKey(method.getName()) ? set.get(method.getName()) : method.getDefaultValue();
                    }
                });
    }
}
