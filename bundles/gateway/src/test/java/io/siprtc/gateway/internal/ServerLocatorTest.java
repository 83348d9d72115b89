package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipTransport;
import java.net.Inet4Address;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 3263 section 4 steps and shortcuts, on a fake DNS. */
class ServerLocatorTest {

    private static final Set<SipTransport> UDP_TCP = EnumSet.of(SipTransport.UDP, SipTransport.TCP);
    private static final Set<SipTransport> ALL = EnumSet.allOf(SipTransport.class);

    private final FakeDns dns = new FakeDns();
    private final Deque<Double> randoms = new ArrayDeque<>();

    private ServerLocator locator() {
        return new ServerLocator(dns, () -> randoms.isEmpty() ? 0.0 : randoms.poll());
    }

    private List<SipHop> locate(String uri, Set<SipTransport> supported) throws SipException {
        return locator().locate(uri, supported, null);
    }

    private static SipHop hop(String host, int port, SipTransport t) {
        return new SipHop(host, port, t);
    }

    @Test
    void numericHostNeedsNoDns() throws Exception {
        assertEquals(List.of(hop("192.0.2.1", 5060, SipTransport.UDP)), locate("sip:192.0.2.1", UDP_TCP));
        assertEquals(List.of(hop("192.0.2.1", 5070, SipTransport.TCP)), locate("sip:bob@192.0.2.1:5070;transport=tcp", UDP_TCP));
        assertEquals(List.of(hop("2001:db8::1", 5061, SipTransport.TLS)), locate("sips:[2001:db8::1]", ALL));
        assertTrue(dns.queries.isEmpty(), dns.queries::toString);
    }

    @Test
    void explicitPortSkipsNaptrAndSrv() throws Exception {
        dns.naptr("example.test", 10, 10, "SIP+D2T", "_sip._tcp.example.test").a("example.test", "192.0.2.7", "2001:db8::7");
        assertEquals(List.of(hop("192.0.2.7", 5080, SipTransport.UDP), hop("2001:db8:0:0:0:0:0:7", 5080, SipTransport.UDP)),
                locate("sip:example.test:5080", UDP_TCP));
        assertEquals(List.of("A example.test", "AAAA example.test"), dns.queries);
    }

    @Test
    void addressesOfTheFamilyWeListenOnOnly() throws Exception {
        dns.a("example.test", "192.0.2.7", "2001:db8::7");
        assertEquals(List.of(hop("192.0.2.7", 5080, SipTransport.UDP)),
                locator().locate("sip:example.test:5080", UDP_TCP, Inet4Address.class));
        assertEquals(List.of("A example.test"), dns.queries);
    }

    @Test
    void transportParameterAsksSrvForThatTransportOnly() throws Exception {
        dns.naptr("example.test", 10, 10, "SIP+D2U", "_sip._udp.example.test")
                .srv("_sip._tcp.example.test", 10, 0, 5062, "a.example.test").a("a.example.test", "192.0.2.10");
        assertEquals(List.of(hop("192.0.2.10", 5062, SipTransport.TCP)), locate("sip:example.test;transport=tcp;lr", UDP_TCP));
        assertEquals(List.of("SRV _sip._tcp.example.test", "A a.example.test", "AAAA a.example.test"), dns.queries);
    }

    @Test
    void transportParameterWithoutSrvUsesTheAddressAndDefaultPort() throws Exception {
        dns.a("example.test", "192.0.2.7");
        assertEquals(List.of(hop("192.0.2.7", 5060, SipTransport.TCP)), locate("sip:example.test;transport=tcp", UDP_TCP));
    }

    @Test
    void naptrOrderThenPreferenceEachThroughSrv() throws Exception {
        dns.naptr("example.test", 20, 10, "SIP+D2U", "_sip._udp.example.test")
                .naptr("example.test", 10, 20, "SIP+D2T", "_sip._tcp.example.test")
                .naptr("example.test", 10, 5, "SIPS+D2T", "_sips._tcp.example.test")
                .naptr("example.test", 1, 1, "SIP+D2S", "_sip._sctp.example.test")
                .srv("_sip._udp.example.test", 10, 0, 5060, "u.example.test")
                .srv("_sip._tcp.example.test", 10, 0, 5060, "t.example.test")
                .srv("_sips._tcp.example.test", 10, 0, 5061, "s.example.test")
                .a("u.example.test", "192.0.2.1").a("t.example.test", "192.0.2.2").a("s.example.test", "192.0.2.3");
        assertEquals(List.of(hop("192.0.2.2", 5060, SipTransport.TCP), hop("192.0.2.1", 5060, SipTransport.UDP)),
                locate("sip:example.test", UDP_TCP), "SCTP and TLS are not ours: left out");
        assertEquals(List.of(hop("192.0.2.3", 5061, SipTransport.TLS), hop("192.0.2.2", 5060, SipTransport.TCP),
                hop("192.0.2.1", 5060, SipTransport.UDP)), locate("sip:example.test", ALL));
        assertEquals(List.of(hop("192.0.2.3", 5061, SipTransport.TLS)), locate("sips:example.test", ALL),
                "a SIPS URI takes SIPS+D2T only");
    }

    @Test
    void withoutNaptrSrvForEachTransportWeUse() throws Exception {
        dns.srv("_sip._udp.example.test", 10, 0, 5070, "u.example.test")
                .srv("_sip._tcp.example.test", 10, 0, 5071, "t.example.test")
                .a("u.example.test", "192.0.2.1").a("t.example.test", "192.0.2.2");
        assertEquals(List.of(hop("192.0.2.1", 5070, SipTransport.UDP), hop("192.0.2.2", 5071, SipTransport.TCP)),
                locate("sip:example.test", UDP_TCP));
        assertEquals(List.of("NAPTR example.test", "SRV _sip._udp.example.test", "A u.example.test", "AAAA u.example.test",
                "SRV _sip._tcp.example.test", "A t.example.test", "AAAA t.example.test"), dns.queries);
    }

    @Test
    void withoutNaptrAndSrvTheDomainsAddressesOnUdp() throws Exception {
        dns.a("example.test", "192.0.2.7");
        assertEquals(List.of(hop("192.0.2.7", 5060, SipTransport.UDP)), locate("sip:example.test", UDP_TCP));
    }

    @Test
    void srvByPriorityThenWeightedRandom() throws Exception {
        dns.srv("_sip._udp.example.test", 20, 0, 5060, "backup.example.test")
                .srv("_sip._udp.example.test", 10, 10, 5060, "light.example.test")
                .srv("_sip._udp.example.test", 10, 90, 5060, "heavy.example.test")
                .a("backup.example.test", "192.0.2.30").a("light.example.test", "192.0.2.10").a("heavy.example.test", "192.0.2.90");
        // sum 100: a pick of 0..10 takes light (running sum 10), above that heavy (running sum 100).
        randoms.add(5 / 101.0);
        assertEquals(List.of("192.0.2.10", "192.0.2.90", "192.0.2.30"), hosts(locate("sip:example.test", UDP_TCP)));
        randoms.add(50 / 101.0);
        assertEquals(List.of("192.0.2.90", "192.0.2.10", "192.0.2.30"), hosts(locate("sip:example.test", UDP_TCP)));
    }

    @Test
    void weightsShareTheFirstPlaceAsRfc2782Says() {
        ServerLocator l = new ServerLocator(dns, new java.util.Random(42)::nextDouble);
        List<DnsRecord.Srv> records = List.of(new DnsRecord.Srv(10, 75, 5060, "a", 60), new DnsRecord.Srv(10, 25, 5060, "b", 60),
                new DnsRecord.Srv(10, 0, 5060, "c", 60));
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            first.merge(l.order(records).get(0).target(), 1, Integer::sum);
        }
        // a: 75/101, b: 25/101, c (weight 0): 1/101.
        assertTrue(first.get("a") > 7100 && first.get("a") < 7750, first::toString);
        assertTrue(first.get("b") > 2200 && first.get("b") < 2750, first::toString);
        assertTrue(first.getOrDefault("c", 0) < 250, first::toString);
    }

    @Test
    void aDotTargetMeansNoService() throws Exception {
        dns.srv("_sip._udp.example.test", 0, 0, 0, ".").a("example.test", "192.0.2.7");
        assertEquals(List.of(hop("192.0.2.7", 5060, SipTransport.UDP)), locate("sip:example.test", EnumSet.of(SipTransport.UDP)));
    }

    @Test
    void noRecordsAtAllNamesTheDomain() {
        SipException e = assertThrows(SipException.class, () -> locate("sip:nothing.test", UDP_TCP));
        assertEquals("no SIP server found for nothing.test: DNS has no NAPTR, SRV or A/AAAA records for it", e.getMessage());
    }

    @Test
    void aDnsFailureNamesTheHost() {
        dns.fail("example.test", DnsType.NAPTR, "127.0.0.1:5353 did not answer within 1000 ms");
        SipException e = assertThrows(SipException.class, () -> locate("sip:example.test", UDP_TCP));
        assertTrue(e.getMessage().startsWith("cannot locate a SIP server for example.test: DNS lookup of NAPTR example.test "
                + "failed (127.0.0.1:5353 did not answer"), e.getMessage());
    }

    @Test
    void aTransportWeDoNotUseIsRefused() {
        SipException e = assertThrows(SipException.class, () -> locate("sip:192.0.2.1;transport=tls", UDP_TCP));
        assertTrue(e.getMessage().contains("transport TLS is not used"), e.getMessage());
    }

    private static List<String> hosts(List<SipHop> hops) {
        return hops.stream().map(SipHop::host).toList();
    }
}
