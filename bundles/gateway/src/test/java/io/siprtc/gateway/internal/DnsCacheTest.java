package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Answers are kept for their TTL (empty ones too), failures are not kept. */
class DnsCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FakeDns dns = new FakeDns().srv("_sip._udp.example.test", 10, 0, 5060, "a.example.test");
    private final DnsCache cache = new DnsCache(dns, now::get);

    private void advanceSeconds(long s) {
        now.addAndGet(s * 1_000_000_000L);
    }

    @Test
    void keepsAnAnswerForItsTtl() throws Exception {
        DnsAnswer first = cache.query("_sip._udp.example.test", DnsType.SRV);
        assertEquals(1, first.records().size());
        advanceSeconds(59);
        assertEquals(first, cache.query("_SIP._udp.Example.test", DnsType.SRV), "names in any case");
        assertEquals(1, dns.queries.size());
        advanceSeconds(1);
        cache.query("_sip._udp.example.test", DnsType.SRV);
        assertEquals(2, dns.queries.size(), "asked again after 60 s");
    }

    @Test
    void keepsAnEmptyAnswerForItsNegativeTtl() throws Exception {
        assertEquals(0, cache.query("nothing.test", DnsType.NAPTR).records().size());
        advanceSeconds(29);
        cache.query("nothing.test", DnsType.NAPTR);
        assertEquals(1, dns.queries.size());
        advanceSeconds(1);
        cache.query("nothing.test", DnsType.NAPTR);
        assertEquals(2, dns.queries.size());
    }

    @Test
    void doesNotKeepFailures() {
        dns.fail("down.test", DnsType.A, "timeout");
        assertThrows(IOException.class, () -> cache.query("down.test", DnsType.A));
        assertThrows(IOException.class, () -> cache.query("down.test", DnsType.A));
        assertEquals(2, dns.queries.size());
    }
}
