package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code dns.servers} value and resolv.conf. */
class DnsServersTest {

    @Test
    void parsesAddressesWithAndWithoutPorts() {
        List<InetSocketAddress> s = DnsServers.parse(" 127.0.0.1:5353, 192.0.2.53 [2001:db8::53]:5300 ::1");
        assertEquals(List.of("127.0.0.1:5353", "192.0.2.53:53", "[2001:db8:0:0:0:0:0:53]:5300", "[0:0:0:0:0:0:0:1]:53"),
                s.stream().map(DnsClient::describe).toList());
        assertTrue(DnsServers.parse("").isEmpty());
        assertTrue(DnsServers.parse("  ").isEmpty());
    }

    @Test
    void refusesWhatIsNoAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DnsServers.parse("dns.example.org"));
        assertEquals("bad DNS server 'dns.example.org' in dns.servers: not an IP address (use ip or ip:port, e.g. 127.0.0.1:5353)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DnsServers.parse("127.0.0.1:99999"));
        assertThrows(IllegalArgumentException.class, () -> DnsServers.parse("[::1"));
    }

    @Test
    void readsResolvConf(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("resolv.conf");
        Files.writeString(f, "# comment\nsearch example.org\nnameserver 192.0.2.1\nnameserver fe80::1%eth0\noptions ndots:2\n");
        assertEquals(List.of("192.0.2.1:53", "[fe80:0:0:0:0:0:0:1]:53"),
                DnsServers.fromResolvConf(f).stream().map(DnsClient::describe).toList());
        assertTrue(DnsServers.fromResolvConf(dir.resolve("missing")).isEmpty());
    }
}
