package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.LiveMedia.awaitMedia;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.AccountEvent;
import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.sip.SipStack;
import io.siprtc.media.webrtc.internal.WebRtcEngines;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIP over TLS against a real Kamailio with its tls module (Debian's kamailio-tls-modules), with
 * a CA, a server certificate for 127.0.0.1 and client certificates made by openssl for the test:
 * accounts register over TLS with digest authentication, two SIPRTC user agents call each other
 * over TLS through Kamailio with media both ways, and a server certificate from a CA the trust
 * store does not hold makes the registration fail at once with the certificate problem named.
 */
class KamailioTlsTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String BOB_PASSWORD = "b-" + UUID.randomUUID();
    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();

    private static TestCa ca;
    private static TestCa rogue;
    private static TestCa.Issued aliceCertificate;
    private static TestCa.Issued bobCertificate;
    private static Kamailio kamailio;
    private static SipStack stack;
    private static MediaEngine engine;

    @BeforeAll
    static void start() throws Exception {
        SIPRTC_LOG.setLevel(Level.WARNING);
        Path dir = Paths.get("target", "tls-test-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        ca = TestCa.create(dir, "siprtc-test-ca");
        rogue = TestCa.create(dir, "rogue-ca");
        aliceCertificate = ca.issue("alice");
        bobCertificate = ca.issue("bob");
        kamailio = Kamailio.start("tls", new Kamailio.Options().user("alice", ALICE_PASSWORD).user("bob", BOB_PASSWORD)
                .challengeBye().tls(ca.issue("kamailio"), ca));
        stack = JainSipStacks.start();
        engine = WebRtcEngines.start();
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
    }

    /** An account over TLS by the outbound proxy Kamailio:tlsPort, trusting the test CA, with its own certificate. */
    private static Map<String, Object> tlsAccount(String user, String password, TestCa.Issued certificate) throws Exception {
        Map<String, Object> m = new HashMap<>();
        m.put("id", user);
        m.put("user", user);
        m.put("domain", Kamailio.REALM);
        m.put("outbound_proxy", "sip:" + kamailio.tlsHostPort());
        m.put("transport", "tls");
        m.put("_password", password);
        m.put("tls_truststore", ca.trustStore().toString());
        m.put("_tls_truststore_password", TestCa.STORE_PASSWORD);
        if (certificate != null) {
            m.put("tls_keystore", certificate.keyStore().toString());
            m.put("_tls_keystore_password", TestCa.STORE_PASSWORD);
        }
        return m;
    }

    @Test
    void registersOverTlsWithDigestAuthentication() throws Exception {
        int before = kamailio.receivedOnce("SIPRTC-RX REGISTER ", "from=alice").size();
        try (LiveAccount alice = new LiveAccount(stack, tlsAccount("alice", ALICE_PASSWORD, null))) {
            AccountEvent registered = alice.events.await(RegistrationState.REGISTERED);
            assertEquals(200, registered.sipStatus());
            String contact = registered.account().contact();
            assertTrue(contact.matches("sip:alice@127\\.0\\.0\\.1:\\d+;transport=tls"), contact);
            List<String> all = kamailio.receivedOnce("SIPRTC-RX REGISTER ", "from=alice");
            List<String> registers = all.subList(before, all.size());
            assertTrue(registers.stream().allMatch(l -> l.contains("/tls ")), registers::toString);
            assertEquals(2, registers.size(), () -> "challenged, then with credentials, both over TLS: " + registers);
            assertTrue(registers.get(1).contains("au=alice"), registers.get(1));
        }
    }

    @Test
    void aliceCallsBobOverTlsWithMediaBothWays() throws Exception {
        Map<String, Object> a = tlsAccount("alice", ALICE_PASSWORD, aliceCertificate);
        a.put("tone_hz", 440.0);
        Map<String, Object> b = tlsAccount("bob", BOB_PASSWORD, bobCertificate);
        b.put("tone_hz", 880.0);
        b.put("auto_answer", true);
        try (LivePhone alice = new LivePhone(stack, engine, a); LivePhone bob = new LivePhone(stack, engine, b)) {
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();

            Call out = alice.dial("bob");
            alice.calls.awaitState(out.id(), CallState.CONNECTED);
            Call in = bob.gateway.calls().stream().filter(c -> c.direction() == CallDirection.INCOMING).findFirst()
                    .orElseThrow(() -> new AssertionError("bob has no incoming call: " + bob.gateway.calls()));
            bob.calls.awaitState(in.id(), CallState.CONNECTED);
            List<String> invites = kamailio.receivedOnce("SIPRTC-RX INVITE ", "from=alice", "au=alice");
            assertEquals(1, invites.size(), invites::toString);
            assertTrue(invites.get(0).contains("/tls "), invites.get(0));

            awaitMedia(out, s -> s.packetsReceived() > 0 && Math.abs(s.receivedToneHz() - 880) < 880 * 0.02);
            awaitMedia(in, s -> s.packetsReceived() > 0 && Math.abs(s.receivedToneHz() - 440) < 440 * 0.02);

            alice.gateway.hangup(out.id());
            alice.calls.awaitState(out.id(), CallState.ENDED);
            bob.calls.awaitState(in.id(), CallState.ENDED);
            assertEquals(CallEndReason.Kind.LOCAL_HANGUP, out.endReason().orElseThrow().kind());
            assertEquals(CallEndReason.Kind.REMOTE_HANGUP, in.endReason().orElseThrow().kind());
            List<String> byes = kamailio.receivedOnce("SIPRTC-RX BYE ", "from=alice");
            assertTrue(byes.stream().allMatch(l -> l.contains("/tls ")), byes::toString);
            assertEquals(2, byes.size(), () -> "the BYE was challenged and sent again, over TLS: " + byes);
        }
    }

    @Test
    void aServerCertificateFromAnUntrustedCaFailsTheRegistrationClearly() throws Exception {
        Map<String, Object> m = tlsAccount("alice", ALICE_PASSWORD, null);
        m.put("id", "alice-untrusting");
        m.put("tls_truststore", rogue.trustStore().toString());
        long start = System.nanoTime();
        try (LiveAccount alice = new LiveAccount(stack, m)) {
            AccountEvent failed = alice.events.await(RegistrationState.FAILED);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String detail = failed.detail();
            assertTrue(detail.contains("TLS server certificate 'CN=kamailio' issued by 'CN=siprtc-test-ca' not accepted"),
                    detail);
            assertTrue(detail.contains(rogue.trustStore().toString()), detail);
            assertTrue(!detail.contains(TestCa.STORE_PASSWORD), "no password in " + detail);
            assertTrue(ms < 10_000, "failed after " + ms + " ms");
        }
    }
}
