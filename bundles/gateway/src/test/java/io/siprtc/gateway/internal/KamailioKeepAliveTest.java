package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.sip.SipStack;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 5626 CRLF keep-alive against a real Kamailio with a 2 s TCP connection lifetime (it closes
 * a connection about 11 s after its last request; a CRLF ping counts as traffic): bob pings every second ({@code keep.alive.method = crlf}) and his connection stays, so his
 * next REGISTER comes from the same source port; alice, without keep-alive, loses hers and comes
 * back on a new one.
 */
class KamailioKeepAliveTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String BOB_PASSWORD = "b-" + UUID.randomUUID();
    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();

    private static Kamailio kamailio;
    private static SipStack stack;

    @BeforeAll
    static void start() throws Exception {
        SIPRTC_LOG.setLevel(Level.WARNING);
        kamailio = Kamailio.start("keepalive", new Kamailio.Options().user("alice", ALICE_PASSWORD)
                .user("bob", BOB_PASSWORD).tcpConnectionLifetime(2));
        stack = JainSipStacks.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            JainSipStacks.stop(stack);
        }
        WATCH.stop(kamailio);
    }

    private static Map<String, Object> overTcp(String user, String password) {
        return Map.of("id", user, "user", user, "domain", Kamailio.REALM, "outbound_proxy", "sip:" + kamailio.hostPort(),
                "transport", "tcp", "_password", password);
    }

    @Test
    void crlfPingsKeepTheTcpConnectionThatKamailioWouldClose() throws Exception {
        Map<String, Object> bobConfig = new java.util.HashMap<>(overTcp("bob", BOB_PASSWORD));
        bobConfig.put("keep_alive_method", "crlf");
        bobConfig.put("keep_alive_interval", 1);
        try (LiveAccount alice = new LiveAccount(stack, overTcp("alice", ALICE_PASSWORD));
                LiveAccount bob = new LiveAccount(stack, bobConfig)) {
            alice.awaitRegistered();
            bob.awaitRegistered();
            String bobFirst = lastSource("bob");
            String aliceFirst = lastSource("alice");

            Thread.sleep(13_000); // Kamailio closes an idle connection about 11 s after its last request (lifetime 2 s)

            alice.modify(Map.of("expires", 300));
            bob.modify(Map.of("expires", 300));
            alice.events.await(RegistrationState.REGISTERED);
            bob.events.await(RegistrationState.REGISTERED);
            List<String> bobs = kamailio.receivedOnce("SIPRTC-RX REGISTER ", "from=bob", "expires=300");
            assertTrue(!bobs.isEmpty(), "bob registered again");
            assertEquals(bobFirst, lastSource("bob"), "bob's pinged connection was kept");
            assertNotEquals(aliceFirst, lastSource("alice"), "alice's idle connection was closed by Kamailio");
            assertTrue(kamailio.received("SIPRTC-RX OPTIONS ", "from=bob").isEmpty(), "CRLF pings, not OPTIONS");
        }
    }

    /** The source (address:port/proto) of the user's last REGISTER as Kamailio logged it. */
    private static String lastSource(String user) {
        List<String> lines = kamailio.receivedOnce("SIPRTC-RX REGISTER ", "from=" + user);
        String last = lines.get(lines.size() - 1);
        int at = last.indexOf(" src=");
        return last.substring(at + 5, last.indexOf(' ', at + 5));
    }
}
