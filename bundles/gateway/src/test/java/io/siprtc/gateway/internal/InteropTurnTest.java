package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.media.MediaStats;
import io.siprtc.media.webrtc.internal.Coturn;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interop matrix's TURN row: two SIPRTC user agents whose media engine may use relay
 * candidates only (ICE transport policy relay, a real coturn on 127.0.0.1 with long-term
 * credentials) call each other through a real Kamailio, in each direction: the selected
 * candidate pair is relay at both ends, RTP is counted both ways and each side hears the
 * other's tone. The traffic is captured on lo (kept when a test failed) and a last test checks
 * that no packet of it left loopback ({@link PacketCapture}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InteropTurnTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String BOB_PASSWORD = "b-" + UUID.randomUUID();

    // coturn first: the rig reads its port and credentials when it starts
    @RegisterExtension
    @Order(1)
    static final Coturn TURN = new Coturn("interop");
    @RegisterExtension
    @Order(2)
    static final KamailioRig RIG = new KamailioRig("interop-turn",
            new Kamailio.Options().user("alice", ALICE_PASSWORD).user("bob", BOB_PASSWORD))
            .engine(() -> Map.of("ice_servers", new String[] {TURN.turnUri("udp")}, "ice_username", TURN.user(),
                    "_ice_credential", TURN.password(), "ice_relay_only", true))
            .capture(() -> "port " + TURN.port() + " or portrange " + TURN.minRelayPort() + "-" + TURN.maxRelayPort());

    @Order(1)
    @ParameterizedTest(name = "{0} calls")
    @ValueSource(strings = {"alice", "bob"})
    void relayOnlyCallsThroughKamailioAndCoturnCarryTonesBothWays(String caller) throws Exception {
        try (LivePhone alice = RIG.phone("alice", ALICE_PASSWORD, "udp", 440.0, Map.of());
                LivePhone bob = RIG.phone("bob", BOB_PASSWORD, "udp", 880.0, Map.of())) {
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();
            boolean aliceCalls = caller.equals("alice");
            LivePhone from = aliceCalls ? alice : bob;
            LivePhone to = aliceCalls ? bob : alice;

            Call[] call = InteropCalls.connect(from, to, aliceCalls ? "bob" : "alice");
            InteropCalls.proveMedia(call[0], aliceCalls ? 880 : 440, call[1], aliceCalls ? 440 : 880,
                    InteropTurnTest::relayBothEnds);
            assertTrue(TURN.logText().contains("ALLOCATE processed, success"), "coturn allocated relays");
            InteropCalls.hangUp(from, call[0], to, call[1]);
        }
    }

    /** Runs last: the calls above were captured on lo, and none of their packets left loopback. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPacketLeftLoopback() throws Exception {
        RIG.assertNothingLeftLoopback("SIP", "TURN");
    }

    /** {@code relay 127.0.0.1:port udp <-> relay 127.0.0.1:port udp}: both ends go through coturn. */
    private static boolean relayBothEnds(MediaStats s) {
        String[] sides = s.candidatePair().split(" <-> ");
        return sides.length == 2 && sides[0].startsWith("relay 127.0.0.1:") && sides[1].startsWith("relay 127.0.0.1:");
    }
}
