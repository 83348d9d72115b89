package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.sip.SipStack;
import io.siprtc.media.webrtc.internal.WebRtcEngines;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What a test class against a real Kamailio needs, started before its tests and stopped after
 * them: the Kamailio, a JAIN-SIP stack and, unless turned off, a webrtc-java engine on a media
 * port range of its own and a packet capture on lo (its SIP port and the engine's media ports,
 * plus what the class adds) with the check that nothing left loopback. Logs and captures are
 * kept when a test failed. Use as {@code @RegisterExtension static final KamailioRig RIG = new KamailioRig(...)},
 * ordered ({@code @Order} on the fields) after any extension it takes values from.
 */
final class KamailioRig implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final int MEDIA_PORTS = 200;

    private final String name;
    private final Kamailio.Options options;
    private Supplier<Map<String, Object>> engineConfig = Map::of;
    private Supplier<String> captureAlso = () -> "";
    private boolean media = true;
    private boolean captured = true;
    private volatile boolean failed;

    Kamailio kamailio;
    SipStack stack;
    MediaEngine engine;
    private PacketCapture capture;

    KamailioRig(String name, Kamailio.Options options) {
        this.name = name;
        this.options = options;
    }

    /** Signalling only: no media engine. */
    KamailioRig withoutMedia() {
        this.media = false;
        return this;
    }

    /** No packet capture (and no loopback check). */
    KamailioRig withoutCapture() {
        this.captured = false;
        return this;
    }

    /** Engine configuration keys (read when the class starts), besides the media port range. */
    KamailioRig engine(Supplier<Map<String, Object>> config) {
        this.engineConfig = config;
        return this;
    }

    /** More of lo to capture (read when the class starts), e.g. {@code port 3478}. */
    KamailioRig capture(Supplier<String> filter) {
        this.captureAlso = filter;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kamailio = Kamailio.start(name, options);
        int mediaPortMin = 20_000 + new java.util.Random().nextInt(20) * 1000;
        if (captured) {
            String also = captureAlso.get();
            capture = PacketCapture.start(name, "port " + kamailio.port() + " or portrange " + mediaPortMin + "-"
                    + (mediaPortMin + MEDIA_PORTS - 1) + (also.isEmpty() ? "" : " or " + also));
        }
        stack = JainSipStacks.start();
        if (media) {
            Map<String, Object> config = new HashMap<>(engineConfig.get());
            config.put("port_min", mediaPortMin);
            config.put("port_max", mediaPortMin + MEDIA_PORTS - 1);
            engine = WebRtcEngines.start(config);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (engine != null) {
            WebRtcEngines.stop(engine);
        }
        if (stack != null) {
            JainSipStacks.stop(stack);
        }
        if (kamailio != null) {
            kamailio.close();
            if (failed) {
                System.err.println("Kept the log of " + kamailio + " for the failed test");
            } else {
                kamailio.deleteFiles();
            }
        }
        if (capture != null) {
            capture.close(failed);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    /** Whether a test of the class failed so far (fixtures keep their files then). */
    boolean failed() {
        return failed;
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
    }

    /** The loopback capture saw each protocol named (as tshark names it), and no packet left loopback. */
    void assertNothingLeftLoopback(String... protocols) throws Exception {
        List<String> seen = capture.onLoopback();
        for (String protocol : protocols) {
            assertTrue(seen.stream().anyMatch(l -> l.contains(protocol)),
                    "the loopback capture saw " + protocol + " (" + seen.size() + " packets)");
        }
        assertEquals(List.of(), capture.leftLoopback(), "packets that left loopback");
    }

    /** A phone of this rig's Kamailio: domain by the outbound proxy, auto-answer, the tone and the extra keys. */
    LivePhone phone(String user, String password, String transport, double toneHz, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("id", user, "user", user, "domain", Kamailio.REALM,
                "outbound_proxy", "sip:" + kamailio.hostPort(), "transport", transport, "_password", password,
                "tone_hz", toneHz, "auto_answer", true));
        config.putAll(extra);
        return new LivePhone(stack, engine, config);
    }
}
