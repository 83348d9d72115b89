package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.AccountEvent;
import io.siprtc.api.call.RegistrationState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registration against a real Kamailio on 127.0.0.1 (SHA-256 digest with qop=auth and nonce
 * counting; MD5 and stale nonces on instances of their own): accounts register, refresh,
 * re-register on a new configuration, unregister when they stop, and a wrong password fails
 * after exactly two REGISTERs.
 */
class KamailioRegistrationTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String BOB_PASSWORD = "b-" + UUID.randomUUID();
    /** Held so that the level sticks. */
    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");

    @RegisterExtension
    static final KamailioRig RIG = new KamailioRig("register",
            new Kamailio.Options().user("alice", ALICE_PASSWORD).user("bob", BOB_PASSWORD)).withoutMedia().withoutCapture();

    static {
        SIPRTC_LOG.setLevel(Level.WARNING);
    }

    /** alice over UDP, registering at the domain 127.0.0.1:port itself. */
    private static Map<String, Object> alice(Kamailio k, String id, String password) {
        return Map.of("id", id, "user", "alice", "domain", k.hostPort(), "_password", password);
    }

    /** bob over TCP with a domain name, by the outbound proxy 127.0.0.1:port. */
    private static Map<String, Object> bob(Kamailio k) {
        return Map.of("id", "bob", "user", "bob", "domain", Kamailio.REALM, "outbound_proxy", "sip:" + k.hostPort(),
                "transport", "tcp", "_password", BOB_PASSWORD);
    }

    /** The REGISTERs Kamailio received from a UDP account (they come from its port), retransmissions left out. */
    private static List<String> registers(Kamailio k, LiveAccount a) {
        return k.receivedOnce("SIPRTC-RX REGISTER ", "src=127.0.0.1:" + a.port() + "/");
    }

    @Test
    void aliceOverUdpAndBobOverTcpRegisterWithSha256() throws Exception {
        try (LiveAccount alice = new LiveAccount(RIG.stack, alice(RIG.kamailio, "alice", ALICE_PASSWORD));
                LiveAccount bob = new LiveAccount(RIG.stack, bob(RIG.kamailio))) {
            AccountEvent a = alice.events.await(RegistrationState.REGISTERED);
            AccountEvent b = bob.events.await(RegistrationState.REGISTERED);
            assertEquals("registered for 600 s", a.detail());
            assertEquals(200, b.sipStatus());
            assertEquals("sip:alice@" + RIG.kamailio.hostPort(), a.account().addressOfRecord());
            assertEquals("sip:bob@siprtc.test", b.account().addressOfRecord());
            assertEquals(RegistrationState.REGISTERED, alice.ua.info().registration());

            List<String> aliceRegisters = registers(RIG.kamailio, alice);
            assertEquals(2, aliceRegisters.size(), () -> "one challenge, one answer: " + aliceRegisters);
            assertTrue(aliceRegisters.get(0).contains("/udp") && aliceRegisters.get(0).contains("au=<null>"), aliceRegisters.get(0));
            assertTrue(aliceRegisters.get(1).contains("au=alice"), aliceRegisters.get(1));
            List<String> bobRegisters = RIG.kamailio.receivedOnce("SIPRTC-RX REGISTER ", "from=bob", "/tcp");
            assertEquals(2, bobRegisters.size(), () -> "bob registers over TCP: " + bobRegisters);

            alice.close();
            bob.close();
            assertEquals(RegistrationState.UNREGISTERED, alice.events.await(RegistrationState.UNREGISTERED).to());
            bob.events.await(RegistrationState.UNREGISTERED);
            // The unregistration reused the nonce with nc=2: Kamailio (nonce_count on) took it without a challenge.
            List<String> unregisters = registers(RIG.kamailio, alice).stream().filter(l -> l.contains("expires=0"))
                    .collect(Collectors.toList());
            assertEquals(1, unregisters.size(), () -> "one unregistration, not challenged: " + unregisters);
            assertTrue(unregisters.get(0).contains("au=alice"), unregisters.get(0));
        }
    }

    @Test
    void aWrongPasswordFailsAfterTwoRegistersAndANewOneRegistersAtOnce() throws Exception {
        try (LiveAccount alice = new LiveAccount(RIG.stack, alice(RIG.kamailio, "alice-wrong", "not-" + ALICE_PASSWORD))) {
            AccountEvent failed = alice.events.await(RegistrationState.AUTHENTICATION_FAILED);
            assertEquals(401, failed.sipStatus());
            assertTrue(failed.detail().startsWith("authentication failed: 401 Unauthorized for user alice in realm \"siprtc.test\""),
                    failed.detail());
            assertTrue(failed.detail().endsWith(" s"), "says when it tries again: " + failed.detail());
            assertEquals(RegistrationState.AUTHENTICATION_FAILED, alice.ua.info().registration());
            Thread.sleep(1500); // a window for a storm to show
            List<String> sent = registers(RIG.kamailio, alice);
            assertEquals(2, sent.size(), () -> "no retry storm: " + sent);

            alice.modify(Map.of("_password", ALICE_PASSWORD));
            alice.events.await(RegistrationState.REGISTERED);
            assertEquals(4, registers(RIG.kamailio, alice).size());
        }
    }

    @Test
    void aNewExpiryReRegistersAndDeactivationUnregisters() throws Exception {
        LiveAccount alice = new LiveAccount(RIG.stack, alice(RIG.kamailio, "alice-change", ALICE_PASSWORD));
        try {
            alice.awaitRegistered();
            alice.modify(Map.of("expires", 120));
            alice.events.await(RegistrationState.UNREGISTERED);
            AccountEvent again = alice.events.await(RegistrationState.REGISTERED);
            assertEquals("registered for 120 s", again.detail(), "Kamailio granted what we asked");
            List<String> expiries = registers(RIG.kamailio, alice).stream()
                    .map(l -> l.substring(l.indexOf("expires=") + 8).trim()).collect(Collectors.toList());
            assertEquals(List.of("600", "600", "0", "120", "120"), expiries,
                    "register (challenged), unregister (cached nonce), register anew (challenged)");
        } finally {
            alice.close();
        }
        AccountEvent gone = alice.events.await(RegistrationState.UNREGISTERED);
        assertEquals("unregistered", gone.detail(), "the registrar confirmed it");
        assertEquals(200, gone.sipStatus());
        List<String> last = registers(RIG.kamailio, alice);
        assertTrue(last.get(last.size() - 1).contains("expires=0"), () -> "unregistered on deactivation: " + last);
    }

    @Test
    void keepAliveOptionsReachTheRegistrar() throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(alice(RIG.kamailio, "alice-keepalive", ALICE_PASSWORD));
        config.put("keep_alive_interval", 1);
        try (LiveAccount alice = new LiveAccount(RIG.stack, config)) {
            alice.awaitRegistered();
            String ping = RIG.kamailio.awaitLine(l -> l.contains("SIPRTC-RX OPTIONS ") && l.contains("src=127.0.0.1:" + alice.port() + "/"), 5000);
            assertTrue(ping.contains("ruri=sip:" + RIG.kamailio.hostPort()), ping);
            assertEquals(RegistrationState.REGISTERED, alice.ua.info().registration());
        }
    }

    @Test
    void md5ChallengeWithoutAlgorithm() throws Exception {
        try (Kamailio md5 = Kamailio.start("register-md5", new Kamailio.Options().algorithm("").user("alice", ALICE_PASSWORD))) {
            try (LiveAccount alice = new LiveAccount(RIG.stack, alice(md5, "alice-md5", ALICE_PASSWORD))) {
                alice.awaitRegistered();
                assertEquals(2, registers(md5, alice).size());
            }
            if (!RIG.failed()) {
                md5.deleteFiles();
            }
        }
    }

    @Test
    void aStaleNonceOnRefreshIsAnsweredWithoutFailure() throws Exception {
        try (Kamailio shortNonces = Kamailio.start("register-stale",
                new Kamailio.Options().user("alice", ALICE_PASSWORD).nonceExpire(1))) {
            Map<String, Object> config = new java.util.HashMap<>(alice(shortNonces, "alice-stale", ALICE_PASSWORD));
            config.put("expires", 4);
            try (LiveAccount alice = new LiveAccount(RIG.stack, config)) {
                AccountEvent registered = alice.events.await(RegistrationState.REGISTERED);
                assertEquals("registered for 4 s", registered.detail());
                // Refresh after 2 s with the cached nonce, 1 s past its expiry: stale=true, answered at once;
                // the refresh after that (cseq + 2) shows the answer was accepted and the timer set again.
                String stale = shortNonces.awaitLine(l -> l.contains("SIPRTC-CHALLENGE REGISTER") && l.contains("rc=-4"), 8000);
                shortNonces.awaitLine(l -> l.contains("SIPRTC-RX REGISTER cseq=" + (cseqOf(stale) + 2) + " "), 8000);
                assertEquals(RegistrationState.REGISTERED, alice.ua.info().registration());
                assertEquals(List.of(RegistrationState.REGISTERING, RegistrationState.REGISTERED),
                        alice.events.all.stream().map(AccountEvent::to).collect(Collectors.toList()), "no failure on the way");
            }
            if (!RIG.failed()) {
                shortNonces.deleteFiles();
            }
        }
    }

    private static long cseqOf(String line) {
        String rest = line.substring(line.indexOf("cseq=") + 5);
        return Long.parseLong(rest.substring(0, rest.indexOf(' ')));
    }
}
