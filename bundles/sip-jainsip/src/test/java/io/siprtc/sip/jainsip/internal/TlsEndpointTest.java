package io.siprtc.sip.jainsip.internal;

import static io.siprtc.sip.jainsip.internal.OpenEndpoints.HOST;
import static io.siprtc.sip.jainsip.internal.Recorders.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipTlsConfig;
import io.siprtc.api.sip.SipTransport;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS between two real JAIN-SIP endpoints on 127.0.0.1, each with its own trust store
 * and key store (no JVM-wide javax.net.ssl settings): a trusted certificate carries requests both
 * ways; an untrusted one, or one for another address, fails the request at once with a transport
 * error that names the certificate problem.
 */
class TlsEndpointTest {

    @TempDir
    static Path dir;
    private static Path bobKeys;
    private static Path elsewhereKeys;
    private static Path trustsBob;
    private static Path trustsElsewhere;
    private static Path trustsRogue;

    private final OpenEndpoints endpoints = new OpenEndpoints();
    private final Recorders.Requests bobRequests = new Recorders.Requests();

    @BeforeAll
    static void certificates() throws Exception {
        bobKeys = TestKeyStores.keyPair(dir, "bob", "ip:127.0.0.1");
        elsewhereKeys = TestKeyStores.keyPair(dir, "elsewhere", "ip:127.0.0.2");
        Path rogue = TestKeyStores.keyPair(dir, "rogue", "ip:127.0.0.1");
        trustsBob = TestKeyStores.trusting(dir, "trusts-bob", bobKeys);
        trustsElsewhere = TestKeyStores.trusting(dir, "trusts-elsewhere", elsewhereKeys);
        trustsRogue = TestKeyStores.trusting(dir, "trusts-rogue", rogue);
    }

    @AfterEach
    void close() throws InterruptedException {
        endpoints.close();
    }

    private SipEndpoint tlsEndpoint(String name, SipTlsConfig tls, Recorders.Requests handler) throws Exception {
        return endpoints.open(new SipEndpointConfig(name, HOST, 0, EnumSet.of(SipTransport.UDP, SipTransport.TCP,
                SipTransport.TLS)).withTls(tls, 0), handler);
    }

    private static SipTlsConfig trusting(Path trustStore) {
        return SipTlsConfig.DEFAULT.withTrustStore(trustStore.toString(), TestKeyStores.PASSWORD);
    }

    private static String tlsUri(String user, SipEndpoint e) {
        return "sip:" + user + "@" + HOST + ":" + e.port(SipTransport.TLS) + ";transport=tls";
    }

    @Test
    void requestsGoBothWaysOverTlsWithTrustedCertificates() throws Exception {
        Recorders.Requests aliceRequests = new Recorders.Requests();
        SipEndpoint bob = tlsEndpoint("bob", trusting(trustsBob).withKeyStore(bobKeys.toString(), TestKeyStores.PASSWORD),
                bobRequests);
        SipEndpoint alice = tlsEndpoint("alice", trusting(trustsBob).withKeyStore(bobKeys.toString(), TestKeyStores.PASSWORD),
                aliceRequests);
        assertFalse(bob.port(SipTransport.TLS) == bob.port(SipTransport.TCP), "TLS has a port of its own");

        Recorders.Responses responses = new Recorders.Responses();
        alice.send(OpenEndpoints.options(tlsUri("bob", bob)), responses);
        ServerTransaction st = take(bobRequests.requests, 10, "OPTIONS at bob over TLS");
        assertEquals(SipTransport.TLS, st.transport());
        String via = st.request().header("Via").orElseThrow();
        assertTrue(via.startsWith("SIP/2.0/TLS " + HOST + ":" + alice.port(SipTransport.TLS) + ";"), via);
        st.respond(SipResponse.to(st.request(), 200));
        assertEquals(200, responses.next("200 over TLS").status());

        // The other way: bob connects to alice's TLS port and checks her certificate.
        Recorders.Responses back = new Recorders.Responses();
        bob.send(OpenEndpoints.options(tlsUri("alice", alice)), back);
        ServerTransaction atAlice = take(aliceRequests.requests, 10, "OPTIONS at alice over TLS");
        assertEquals(SipTransport.TLS, atAlice.transport());
        atAlice.respond(SipResponse.to(atAlice.request(), 200));
        assertEquals(200, back.next("200 to bob").status());

        // A keep-alive ping goes on the same connection and does not disturb it: the next request
        // comes from the same source (connection) and works.
        alice.sendKeepAlive(new SipHop(HOST, bob.port(SipTransport.TLS), SipTransport.TLS));
        Thread.sleep(300); // bob's pong
        Recorders.Responses again = new Recorders.Responses();
        alice.send(OpenEndpoints.options(tlsUri("bob", bob)), again);
        ServerTransaction second = take(bobRequests.requests, 10, "second OPTIONS at bob");
        assertEquals(st.source(), second.source(), "the same TLS connection");
        second.respond(SipResponse.to(second.request(), 200));
        assertEquals(200, again.next("200 after the keep-alive").status());
    }

    @Test
    void anUntrustedServerCertificateFailsTheRequestAtOnceNamingTheProblem() throws Exception {
        SipEndpoint bob = tlsEndpoint("bob", SipTlsConfig.DEFAULT.withKeyStore(bobKeys.toString(), TestKeyStores.PASSWORD),
                bobRequests);
        SipEndpoint alice = tlsEndpoint("alice", trusting(trustsRogue), new Recorders.Requests());

        Recorders.Responses responses = new Recorders.Responses();
        long start = System.nanoTime();
        alice.send(OpenEndpoints.options(tlsUri("bob", bob)), responses);
        String failure = take(responses.failures, 10, "transport error");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(failure.startsWith("error: "), failure);
        assertTrue(failure.contains("TLS server certificate 'CN=bob' issued by 'CN=bob' not accepted"), failure);
        assertTrue(failure.contains("trust store " + trustsRogue), failure);
        assertTrue(failure.contains("PKIX path"), failure);
        assertTrue(ms < 5000, "failed after " + ms + " ms");
        assertTrue(bobRequests.requests.isEmpty(), "nothing reached bob");
    }

    @Test
    void theHostNameIsVerifiedUnlessTurnedOff() throws Exception {
        SipEndpoint bob = tlsEndpoint("bob", SipTlsConfig.DEFAULT.withKeyStore(elsewhereKeys.toString(), TestKeyStores.PASSWORD),
                bobRequests);
        SipEndpoint strict = tlsEndpoint("strict", trusting(trustsElsewhere), new Recorders.Requests());
        Recorders.Responses refused = new Recorders.Responses();
        strict.send(OpenEndpoints.options(tlsUri("bob", bob)), refused);
        String failure = take(refused.failures, 10, "transport error");
        assertTrue(failure.contains("'CN=elsewhere'") && failure.contains("127.0.0.1"), failure);
        assertTrue(failure.toLowerCase().contains("subject alternative names"), failure);

        SipEndpoint lax = tlsEndpoint("lax", trusting(trustsElsewhere).withHostnameVerification(false),
                new Recorders.Requests());
        Recorders.Responses accepted = new Recorders.Responses();
        lax.send(OpenEndpoints.options(tlsUri("bob", bob)), accepted);
        ServerTransaction st = take(bobRequests.requests, 10, "OPTIONS at bob");
        st.respond(SipResponse.to(st.request(), 200));
        assertEquals(200, accepted.next("200").status());
    }

    @Test
    void unusableStoresRefuseToOpenWithoutShowingThePassword() {
        SipException missing = assertThrows(SipException.class, () -> tlsEndpoint("a",
                SipTlsConfig.DEFAULT.withTrustStore(dir.resolve("nope.p12").toString(), "secret-1"), bobRequests));
        assertTrue(missing.getMessage().contains("nope.p12") && missing.getMessage().contains("missing"), missing.getMessage());

        SipException wrong = assertThrows(SipException.class, () -> tlsEndpoint("b",
                SipTlsConfig.DEFAULT.withTrustStore(trustsBob.toString(), "wrong-secret-2"), bobRequests));
        assertTrue(wrong.getMessage().contains(trustsBob.toString()), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("wrong-secret-2"), wrong.getMessage());

        SipTlsConfig withPasswords = trusting(trustsBob).withKeyStore(bobKeys.toString(), "key-secret-3");
        assertFalse(withPasswords.toString().contains(TestKeyStores.PASSWORD), withPasswords.toString());
        assertFalse(withPasswords.toString().contains("key-secret-3"), withPasswords.toString());
    }

    @Test
    void withoutTlsInTheTransportsTheSettingsAreUnused() throws Exception {
        SipEndpoint plain = endpoints.open(new SipEndpointConfig("plain", HOST, 0, OpenEndpoints.UDP_TCP)
                .withTls(SipTlsConfig.DEFAULT.withTrustStore("/nonexistent.p12", "x"), 0), bobRequests);
        assertThrows(IllegalArgumentException.class, () -> plain.port(SipTransport.TLS));
        SipException e = assertThrows(SipException.class,
                () -> plain.sendKeepAlive(new SipHop(HOST, 5061, SipTransport.TLS)));
        assertTrue(e.getMessage().contains("does not listen on TLS"), e.getMessage());
    }
}
