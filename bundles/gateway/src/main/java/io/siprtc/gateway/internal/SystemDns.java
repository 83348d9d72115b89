package io.siprtc.gateway.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * DNS as the system is set up, for accounts without {@code dns.servers}: addresses (A, AAAA) from
 * the JVM's resolver (so {@code /etc/hosts} and nsswitch apply; cached for {@link #ADDRESS_TTL} s,
 * the JVM's own default), NAPTR and SRV from the name servers of {@code /etc/resolv.conf}. Where
 * there is no resolv.conf (Windows), NAPTR and SRV answers are empty and location falls back to
 * addresses, as RFC 3263 does for a domain without those records.
 */
final class SystemDns implements DnsResolver {

    static final long ADDRESS_TTL = 30;

    private final DnsClient servers;

    /** @param servers the system's name servers, or null when there are none */
    SystemDns(DnsClient servers) {
        this.servers = servers;
    }

    static SystemDns create(int timeoutMs, int tries) {
        List<InetSocketAddress> list = DnsServers.fromResolvConf(java.nio.file.Paths.get("/etc/resolv.conf"));
        return new SystemDns(list.isEmpty() ? null : new DnsClient(list, timeoutMs, tries));
    }

    @Override
    public DnsAnswer query(String name, DnsType type) throws IOException {
        if (type == DnsType.A || type == DnsType.AAAA) {
            List<DnsRecord> out = new ArrayList<>();
            try {
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    boolean v4 = a instanceof Inet4Address;
                    if (type == DnsType.A ? v4 : a instanceof Inet6Address) {
                        out.add(new DnsRecord.Address(a, ADDRESS_TTL));
                    }
                }
            } catch (UnknownHostException e) {
                return DnsAnswer.empty(DnsAnswer.DEFAULT_NEGATIVE_TTL);
            }
            return new DnsAnswer(out, ADDRESS_TTL);
        }
        return servers == null ? DnsAnswer.empty(DnsAnswer.DEFAULT_NEGATIVE_TTL) : servers.query(name, type);
    }

    @Override
    public String toString() {
        return "SystemDns[" + (servers == null ? "no resolv.conf" : servers) + "]";
    }
}
