package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.sip.SipStack;
import io.siprtc.media.webrtc.internal.Coturn;
import io.siprtc.media.webrtc.internal.WebRtcEngines;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The interop matrix's TURN row: two SIPRTC user agents whose media engine may use relay
 * candidates only (ICE transport policy relay, a real coturn on 127.0.0.1 with long-term
 * credentials) call each other through a real Kamailio, in each direction: the SDP offers only
 * coturn's relay addresses, the selected candidate pair is relay at both ends, RTP is counted
 * both ways and each side hears the other's tone. The traffic is captured on lo (kept when a
 * test failed) and a last test checks that no packet of it left loopback ({@link PacketCapture}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InteropTurnTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String BOB_PASSWORD = "b-" + UUID.randomUUID();

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();
    @RegisterExtension
    static final Coturn TURN = new Coturn("interop");

    private static Kamailio kamailio;
    private static SipStack stack;
    private static MediaEngine engine;
    private static PacketCapture capture;

    @BeforeAll
    static void start() throws Exception {
        kamailio = Kamailio.start("turn", new Kamailio.Options().user("alice", ALICE_PASSWORD).user("bob", BOB_PASSWORD));
        capture = PacketCapture.start("interop-turn", "port " + kamailio.port() + " or port " + TURN.port()
                + " or portrange " + TURN.minRelayPort() + "-" + TURN.maxRelayPort());
        stack = JainSipStacks.start();
        engine = WebRtcEngines.start(Map.of("ice_servers", new String[] {TURN.turnUri("udp")},
                "ice_username", TURN.user(), "_ice_credential", TURN.password(), "ice_relay_only", true));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            WebRtcEngines.stop(engine);
        }
        if (stack != null) {
            JainSipStacks.stop(stack);
        }
        WATCH.stop(kamailio);
        if (capture != null) {
            capture.close(WATCH.failed());
        }
    }

    /** Runs last: the calls above were captured on lo, and none of their packets left loopback. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPacketLeftLoopback() throws Exception {
        List<String> seen = capture.onLoopback();
        assertTrue(seen.stream().anyMatch(l -> l.contains("SIP")) && seen.stream().anyMatch(l -> l.contains("TURN")),
                "the loopback capture saw the SIP and TURN traffic: " + seen.size() + " packets");
        assertEquals(List.of(), capture.leftLoopback(), "packets that left loopback");
    }

    @Order(1)
    @ParameterizedTest(name = "{0} calls")
    @ValueSource(strings = {"alice", "bob"})
    void relayOnlyCallsThroughKamailioAndCoturnCarryTonesBothWays(String caller) throws Exception {
        try (LivePhone alice = new LivePhone(stack, engine, Map.of("id", "alice", "user", "alice",
                "domain", kamailio.hostPort(), "_password", ALICE_PASSWORD, "tone_hz", 440.0, "auto_answer", true));
                LivePhone bob = new LivePhone(stack, engine, Map.of("id", "bob", "user", "bob",
                        "domain", kamailio.hostPort(), "_password", BOB_PASSWORD, "tone_hz", 880.0, "auto_answer", true))) {
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();
            LivePhone from = caller.equals("alice") ? alice : bob;
            LivePhone to = caller.equals("alice") ? bob : alice;
            double fromHz = caller.equals("alice") ? 440 : 880;
            double toHz = caller.equals("alice") ? 880 : 440;

            Call[] call = InteropCalls.connect(from, to, caller.equals("alice") ? "bob" : "alice");
            InteropCalls.proveMedia(call[0], toHz, call[1], fromHz, InteropTurnTest::relayBothEnds);
            assertTrue(TURN.logText().contains("ALLOCATE processed, success"), "coturn allocated relays");
            InteropCalls.hangUp(from, call[0], to, call[1]);
        }
    }

    /** {@code relay 127.0.0.1:port udp <-> relay 127.0.0.1:port udp}: both ends go through coturn. */
    private static boolean relayBothEnds(io.siprtc.api.media.MediaStats s) {
        String[] sides = s.candidatePair().split(" <-> ");
        return sides.length == 2 && sides[0].startsWith("relay 127.0.0.1:") && sides[1].startsWith("relay 127.0.0.1:");
    }
}
