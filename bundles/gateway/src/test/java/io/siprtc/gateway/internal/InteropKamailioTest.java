package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.sip.SipStack;
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
    /** The engine's media ports, so that the loopback capture can name them. */
    private static final int MEDIA_PORTS = 200;

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();

    private static Kamailio kamailio;
    private static SipStack stack;
    private static MediaEngine engine;
    private static PacketCapture capture;
    private static int mediaPortMin;

    @BeforeAll
    static void start() throws Exception {
        kamailio = Kamailio.start("interop", new Kamailio.Options().user("alice", ALICE_PASSWORD).user("bob", BOB_PASSWORD));
        mediaPortMin = 20_000 + new java.util.Random().nextInt(20) * 1000;
        capture = PacketCapture.start("interop-kamailio", "port " + kamailio.port() + " or portrange "
                + mediaPortMin + "-" + (mediaPortMin + MEDIA_PORTS - 1));
        stack = JainSipStacks.start();
        engine = WebRtcEngines.start(Map.of("port_min", mediaPortMin, "port_max", mediaPortMin + MEDIA_PORTS - 1));
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

    @Order(1)
    @ParameterizedTest(name = "{0}: {1} calls, {2} hangs up")
    @CsvSource({"udp, alice, alice", "udp, bob, alice", "tcp, alice, bob", "tcp, bob, bob"})
    void siprtcCallsSiprtcThroughKamailio(String transport, String caller, String hangsUp) throws Exception {
        try (LivePhone alice = phone("alice", ALICE_PASSWORD, transport, 440.0);
                LivePhone bob = phone("bob", BOB_PASSWORD, transport, 880.0)) {
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();
            boolean aliceCalls = caller.equals("alice");
            LivePhone from = aliceCalls ? alice : bob;
            LivePhone to = aliceCalls ? bob : alice;

            Call[] call = InteropCalls.connect(from, to, aliceCalls ? "bob" : "alice");
            InteropCalls.proveMedia(call[0], aliceCalls ? 880 : 440, call[1], aliceCalls ? 440 : 880,
                    s -> s.candidatePair().contains("127.0.0.1:") && !s.candidatePair().contains("relay"));
            List<String> registers = kamailio.receivedOnce("SIPRTC-RX REGISTER ", "from=" + caller + " ");
            String register = registers.get(registers.size() - 1);
            assertTrue(register.contains("/" + transport), "registered over " + transport + ": " + register);
            // a WebRTC offer makes the INVITE larger than 1300 bytes: RFC 3261 section 18.1.1 sends it over TCP
            List<String> invites = kamailio.receivedOnce("SIPRTC-RX INVITE ", "from=" + caller + " ");
            String invite = invites.get(invites.size() - 1);
            assertTrue(invite.contains("/tcp"), "the INVITE came over TCP: " + invite);
            if (hangsUp.equals(caller)) {
                InteropCalls.hangUp(from, call[0], to, call[1]);
            } else {
                InteropCalls.hangUp(to, call[1], from, call[0]);
            }
        }
    }

    /** Runs last: the calls above were captured on lo, and none of their packets left loopback. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPacketLeftLoopback() throws Exception {
        List<String> seen = capture.onLoopback();
        assertTrue(seen.stream().anyMatch(l -> l.contains("SIP")), "the loopback capture saw SIP: " + seen.size());
        assertEquals(List.of(), capture.leftLoopback(), "packets that left loopback");
    }

    private static LivePhone phone(String user, String password, String transport, double toneHz) {
        return new LivePhone(stack, engine, Map.of("id", user, "user", user, "domain", Kamailio.REALM,
                "outbound_proxy", "sip:" + kamailio.hostPort(), "transport", transport, "_password", password,
                "tone_hz", toneHz, "auto_answer", true));
    }
}
