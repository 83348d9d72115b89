package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The interop matrix's first row: SIPRTC calls and is called by SIPRTC through a real Kamailio
 * (registrar and record-routing proxy with digest users), over UDP and over TCP; media proven
 * both ways (RTP counted, each side hears the other's tone, on a 127.0.0.1 pair), and each side
 * hangs up once. The traffic is captured on lo and none of it may leave loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InteropKamailioTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String BOB_PASSWORD = "b-" + UUID.randomUUID();

    @RegisterExtension
    static final KamailioRig RIG = new KamailioRig("interop-kamailio",
            new Kamailio.Options().user("alice", ALICE_PASSWORD).user("bob", BOB_PASSWORD));

    @Order(1)
    @ParameterizedTest(name = "{0}: {1} calls, {2} hangs up")
    @CsvSource({"udp, alice, alice", "udp, bob, alice", "tcp, alice, bob", "tcp, bob, bob"})
    void siprtcCallsSiprtcThroughKamailio(String transport, String caller, String hangsUp) throws Exception {
        // 10 ms packets (the codec policy's ptime), counted below: as the set-up benchmark runs
        try (LivePhone alice = RIG.phone("alice", ALICE_PASSWORD, transport, 440.0, Map.of("codec_policy", "ptime=10"));
                LivePhone bob = RIG.phone("bob", BOB_PASSWORD, transport, 880.0, Map.of("codec_policy", "ptime=10"))) {
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();
            boolean aliceCalls = caller.equals("alice");
            LivePhone from = aliceCalls ? alice : bob;
            LivePhone to = aliceCalls ? bob : alice;

            Call[] call = InteropCalls.connect(from, to, aliceCalls ? "bob" : "alice");
            InteropCalls.proveMedia(call[0], aliceCalls ? 880 : 440, call[1], aliceCalls ? 440 : 880,
                    s -> s.candidatePair().contains("127.0.0.1:") && !s.candidatePair().contains("relay"));
            LiveMedia.receivesTenMillisecondPackets(call[0]);
            LiveMedia.receivesTenMillisecondPackets(call[1]);
            List<String> registers = RIG.kamailio.receivedOnce("SIPRTC-RX REGISTER ", "from=" + caller + " ");
            String register = registers.get(registers.size() - 1);
            assertTrue(register.contains("/" + transport), "registered over " + transport + ": " + register);
            // a WebRTC offer makes the INVITE larger than 1300 bytes: RFC 3261 section 18.1.1 sends it over TCP
            List<String> invites = RIG.kamailio.receivedOnce("SIPRTC-RX INVITE ", "from=" + caller + " ");
            String invite = invites.get(invites.size() - 1);
            assertTrue(invite.contains("/tcp"), "the INVITE came over TCP: " + invite);
            if (hangsUp.equals(caller)) {
                InteropCalls.hangUp(from, call[0], to, call[1]);
            } else {
                InteropCalls.hangUp(to, call[1], from, call[0]);
            }
        }
    }

    @Order(2)
    @Test
    void callsSendAnOfferMadeInAdvanceAndAfterTheFirstChallengeCredentialsAtOnce() throws Exception {
        try (LivePhone alice = RIG.phone("alice", ALICE_PASSWORD, "udp", 440.0, Map.of());
                LivePhone bob = RIG.phone("bob", BOB_PASSWORD, "udp", 880.0, Map.of())) {
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();
            for (int i = 0; i < 2; i++) {
                Waits.until(() -> alice.gateway.mediaPrepared("alice") && bob.gateway.mediaPrepared("bob"),
                        "sessions made in advance for alice and bob");
                Call[] call = InteropCalls.connect(alice, bob, "bob");
                InteropCalls.proveMedia(call[0], 880, call[1], 440, s -> true);
                List<String> lines = alice.calls.lines(call[0].id());
                assertTrue(lines.contains("MEDIA offer made in advance"), lines.toString());
                assertEquals(i == 0, lines.contains("SIP_RECEIVED 407 Proxy Authentication Required"),
                        "only the first INVITE is challenged: " + lines);
                InteropCalls.hangUp(alice, call[0], bob, call[1]);
            }
        }
    }

    /** Runs last: the calls above were captured on lo, and none of their packets left loopback. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPacketLeftLoopback() throws Exception {
        RIG.assertNothingLeftLoopback("SIP");
    }
}
