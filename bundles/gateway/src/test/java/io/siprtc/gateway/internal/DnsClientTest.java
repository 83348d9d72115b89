package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stub resolver against a real DNS server (dnsmasq on 127.0.0.1), and a server that never answers. */
class DnsClientTest {

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();

    private static Dnsmasq dnsmasq;
    private static DnsClient client;

    @BeforeAll
    static void start() throws Exception {
        dnsmasq = Dnsmasq.start("client", new Dnsmasq.Records()
                .naptr("siprtc.test", 20, 5, "SIP+D2U", "_sip._udp.siprtc.test")
                .naptr("siprtc.test", 10, 7, "SIP+D2T", "_sip._tcp.siprtc.test")
                .srv("_sip._udp.siprtc.test", "sip1.siprtc.test", 5070, 10, 60)
                .srv("_sip._udp.siprtc.test", "sip2.siprtc.test", 5072, 20, 0)
                .host("sip1.siprtc.test", "127.0.0.1")
                .host("sip2.siprtc.test", "127.0.0.2"));
        client = new DnsClient(List.of(new InetSocketAddress("127.0.0.1", dnsmasq.port())), 1000, 1);
    }

    @AfterAll
    static void stop() {
        if (dnsmasq != null) {
            dnsmasq.close();
            if (!WATCH.failed()) {
                dnsmasq.deleteFiles();
            }
        }
    }

    @Test
    void readsNaptrRecords() throws Exception {
        DnsAnswer a = client.query("siprtc.test", DnsType.NAPTR);
        List<DnsRecord.Naptr> n = a.records(DnsRecord.Naptr.class).stream()
                .sorted(java.util.Comparator.comparingInt(DnsRecord.Naptr::order)).toList();
        assertEquals(2, n.size(), n::toString);
        assertEquals(new DnsRecord.Naptr(10, 7, "s", "SIP+D2T", "", "_sip._tcp.siprtc.test", n.get(0).ttl()), n.get(0));
        assertEquals("SIP+D2U", n.get(1).service());
        assertTrue(a.ttl() > 0, "dnsmasq gives its local records a TTL: " + a.ttl());
    }

    @Test
    void readsSrvRecords() throws Exception {
        List<DnsRecord.Srv> s = client.query("_sip._udp.siprtc.test", DnsType.SRV).records(DnsRecord.Srv.class).stream()
                .sorted(java.util.Comparator.comparingInt(DnsRecord.Srv::priority)).toList();
        assertEquals(List.of(new DnsRecord.Srv(10, 60, 5070, "sip1.siprtc.test", s.get(0).ttl()),
                new DnsRecord.Srv(20, 0, 5072, "sip2.siprtc.test", s.get(1).ttl())), s);
    }

    @Test
    void readsAddressRecords() throws Exception {
        List<DnsRecord.Address> a = client.query("sip2.siprtc.test", DnsType.A).records(DnsRecord.Address.class);
        assertEquals(List.of(InetAddress.getByName("127.0.0.2")), a.stream().map(DnsRecord.Address::address).toList());
        assertTrue(client.query("sip2.siprtc.test", DnsType.AAAA).records().isEmpty(), "no data");
    }

    @Test
    void aNameThatDoesNotExistIsAnEmptyAnswer() throws Exception {
        assertTrue(client.query("nothing.test", DnsType.NAPTR).records().isEmpty());
        assertTrue(client.query("_sip._tcp.nothing.test", DnsType.SRV).records().isEmpty());
    }

    @Test
    void locatesThroughDnsmasq() throws Exception {
        ServerLocator locator = new ServerLocator(new DnsCache(client), () -> 0.0);
        assertEquals(List.of("127.0.0.1:5070/UDP", "127.0.0.2:5072/UDP"),
                locator.locate("sip:siprtc.test", java.util.EnumSet.of(io.siprtc.api.sip.SipTransport.UDP), null)
                        .stream().map(Object::toString).toList(), "TCP is not ours here: its NAPTR is skipped");
    }

    @Test
    void aServerThatNeverAnswersFailsNamingIt() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            DnsClient c = new DnsClient(List.of(new InetSocketAddress("127.0.0.1", silent.getLocalPort())), 200, 2);
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> c.query("siprtc.test", DnsType.SRV));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals("DNS lookup of SRV siprtc.test failed (127.0.0.1:" + silent.getLocalPort()
                    + " did not answer within 200 ms; servers 127.0.0.1:" + silent.getLocalPort() + ")", e.getMessage());
            assertTrue(ms >= 380 && ms < 3000, "two tries of 200 ms: " + ms);
        }
    }

    @Test
    void theNextServerAnswersWhenTheFirstDoesNot() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            DnsClient c = new DnsClient(List.of(new InetSocketAddress("127.0.0.1", silent.getLocalPort()),
                    new InetSocketAddress("127.0.0.1", dnsmasq.port())), 200, 1);
            assertEquals(1, c.query("sip1.siprtc.test", DnsType.A).records().size());
        }
    }
}
