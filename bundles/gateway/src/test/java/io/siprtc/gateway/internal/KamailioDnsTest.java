package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.AccountEvent;
import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.sip.SipStack;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
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
 * RFC 3263 server location and failover against real servers on 127.0.0.1: dnsmasq serves NAPTR,
 * SRV and A records for {@code siprtc.test} (a dnsmasq per test, given to the account by
 * {@code dns.servers}), Kamailio is the registrar, and a refused TCP port or a SIPp answering 503
 * plays the server that is down.
 */
class KamailioDnsTest {

    private static final String PASSWORD = "a-" + UUID.randomUUID();
    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();

    private static Kamailio kamailio;
    private static SipStack stack;

    @BeforeAll
    static void start() throws Exception {
        SIPRTC_LOG.setLevel(Level.WARNING);
        kamailio = Kamailio.start("dns", new Kamailio.Options().user("alice", PASSWORD));
        stack = JainSipStacks.start(50); // Timer F 3.2 s, should a datagram be lost
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            JainSipStacks.stop(stack);
        }
        WATCH.stop(kamailio);
    }

    private static Map<String, Object> alice(String id, String domain, Dnsmasq dns) {
        Map<String, Object> m = new HashMap<>(Map.of("id", id, "user", "alice", "domain", domain, "_password", PASSWORD,
                "dns_servers", dns.server()));
        return m;
    }

    private static void done(Dnsmasq dns) {
        dns.close();
        if (!WATCH.failed()) {
            dns.deleteFiles();
        } else {
            System.err.println("Kept the log of " + dns);
        }
    }

    @Test
    void registersAtTheServerThatNaptrAndSrvName() throws Exception {
        // NAPTR prefers TCP (order 10) over UDP (order 20): the account (transport udp, no port) follows it.
        Dnsmasq dns = Dnsmasq.start("naptr", new Dnsmasq.Records()
                .naptr("siprtc.test", 20, 10, "SIP+D2U", "_sip._udp.siprtc.test")
                .naptr("siprtc.test", 10, 10, "SIP+D2T", "_sip._tcp.siprtc.test")
                .srv("_sip._udp.siprtc.test", "sip1.siprtc.test", kamailio.port(), 10, 0)
                .srv("_sip._tcp.siprtc.test", "sip1.siprtc.test", kamailio.port(), 10, 0)
                .host("sip1.siprtc.test", "127.0.0.1"));
        int before = kamailio.receivedOnce("SIPRTC-RX REGISTER ", "/tcp").size();
        try (LiveAccount alice = new LiveAccount(stack, alice("naptr", "siprtc.test", dns))) {
            AccountEvent e = alice.events.await(RegistrationState.REGISTERED);
            assertEquals("sip:alice@siprtc.test", e.account().addressOfRecord());
            List<String> tcp = kamailio.receivedOnce("SIPRTC-RX REGISTER ", "/tcp");
            assertEquals(2, tcp.size() - before, () -> "401 and 200, both over TCP as NAPTR said: " + tcp);
            assertTrue(tcp.get(tcp.size() - 1).contains("ruri=sip:siprtc.test"), tcp.get(tcp.size() - 1));
            List<String> queries = dns.queries();
            assertTrue(queries.contains("query[NAPTR] siprtc.test from 127.0.0.1"), () -> queries.toString());
            assertTrue(queries.contains("query[SRV] _sip._tcp.siprtc.test from 127.0.0.1"), () -> queries.toString());
            assertTrue(queries.contains("query[A] sip1.siprtc.test from 127.0.0.1"), () -> queries.toString());
            assertEquals(1, queries.stream().filter(q -> q.startsWith("query[NAPTR]")).count(),
                    () -> "the second REGISTER uses the cached answers: " + queries);
        } finally {
            done(dns);
        }
    }

    @Test
    void failsOverFromARefusedTcpServerToTheNextSrvTarget() throws Exception {
        int refused;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            refused = s.getLocalPort();
        }
        Dnsmasq dns = Dnsmasq.start("tcp-failover", new Dnsmasq.Records()
                .srv("_sip._tcp.siprtc.test", "down.siprtc.test", refused, 10, 0)
                .srv("_sip._tcp.siprtc.test", "sip1.siprtc.test", kamailio.port(), 20, 0)
                .host("down.siprtc.test", "127.0.0.1")
                .host("sip1.siprtc.test", "127.0.0.1"));
        Map<String, Object> config = alice("tcp-failover", "siprtc.test", dns);
        config.put("transport", "tcp"); // SRV _sip._tcp only, no NAPTR (RFC 3263 section 4.1)
        // CRLF pings go to the server that took the registration, not to the domain's name
        config.put("keep_alive_method", "crlf");
        config.put("keep_alive_interval", 1);
        int before = kamailio.receivedOnce("SIPRTC-RX REGISTER ", "/tcp").size();
        try (LiveAccount alice = new LiveAccount(stack, config)) {
            AccountEvent e = alice.events.await(RegistrationState.REGISTERED);
            assertEquals(200, e.sipStatus());
            Thread.sleep(3_500); // three pings: a failed one would re-register at once
            assertEquals(2, kamailio.receivedOnce("SIPRTC-RX REGISTER ", "/tcp").size() - before,
                    "a challenged REGISTER and its answer, no re-registration after a keep-alive ping");
            assertEquals(RegistrationState.REGISTERED, alice.ua.info().registration());
            List<String> queries = dns.queries();
            assertTrue(queries.stream().noneMatch(q -> q.startsWith("query[NAPTR]")), () -> queries.toString());
            assertTrue(queries.contains("query[SRV] _sip._tcp.siprtc.test from 127.0.0.1"), () -> queries.toString());
        } finally {
            done(dns);
        }
    }

    @Test
    void failsOverFromA503ToTheNextSrvTargetAndKeepsTheContactOnLoopback() throws Exception {
        try (Sipp down = Sipp.uas("register-503", new java.util.LinkedHashMap<>(), 30)) {
            Dnsmasq dns = Dnsmasq.start("udp-failover", new Dnsmasq.Records()
                    .srv("_sip._udp.siprtc.test", "down.siprtc.test", down.port(), 10, 0)
                    .srv("_sip._udp.siprtc.test", "sip1.siprtc.test", kamailio.port(), 20, 0)
                    .host("down.siprtc.test", "127.0.0.1")
                    .host("sip1.siprtc.test", "127.0.0.1"));
            try (LiveAccount alice = new LiveAccount(stack, alice("udp-failover", "siprtc.test", dns))) {
                String contact = alice.ua.contact();
                AccountEvent e = alice.events.await(RegistrationState.REGISTERED);
                assertEquals(200, e.sipStatus(), () -> alice.events.lines().toString());
                assertEquals(0, down.awaitExit(10), down::log);
                assertEquals(1, down.received("REGISTER"), () -> "one REGISTER reached the server that is down: " + down.log());
                List<String> udp = kamailio.receivedOnce("SIPRTC-RX REGISTER ", "/udp", "src=127.0.0.1:" + alice.port() + "/");
                assertEquals(2, udp.size(), () -> "401 and 200 at Kamailio, the same Contact (no NAT on loopback): " + udp);
                assertEquals(contact, alice.ua.contact(), "Kamailio's received/rport match our Contact");
                assertEquals("sip:alice@127.0.0.1:" + alice.port(), contact);
                List<String> queries = dns.queries();
                assertTrue(queries.contains("query[NAPTR] siprtc.test from 127.0.0.1"), () -> queries.toString());
                assertTrue(queries.contains("query[SRV] _sip._udp.siprtc.test from 127.0.0.1"), () -> queries.toString());
            } finally {
                done(dns);
            }
            if (!WATCH.failed()) {
                down.deleteFiles();
            }
        }
    }

    @Test
    void aDomainWithoutRecordsFailsNamingIt() throws Exception {
        Dnsmasq dns = Dnsmasq.start("none", new Dnsmasq.Records().host("sip1.siprtc.test", "127.0.0.1"));
        try (LiveAccount alice = new LiveAccount(stack, alice("none", "nothing.test", dns))) {
            AccountEvent e = alice.events.await(RegistrationState.FAILED);
            assertTrue(e.detail().startsWith("cannot send REGISTER: no SIP server found for nothing.test: DNS has no "
                    + "NAPTR, SRV or A/AAAA records for it; next attempt in "), e.detail());
            assertEquals(List.of("query[NAPTR] nothing.test from 127.0.0.1", "query[SRV] _sip._udp.nothing.test from 127.0.0.1",
                    "query[SRV] _sip._tcp.nothing.test from 127.0.0.1", "query[A] nothing.test from 127.0.0.1"),
                    dns.queries());
        } finally {
            done(dns);
        }
    }
}
