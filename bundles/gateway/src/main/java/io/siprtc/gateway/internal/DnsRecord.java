package io.siprtc.gateway.internal;

import java.net.InetAddress;

/** The DNS resource records server location reads (RFC 3263), each with its time to live in seconds. */
sealed interface DnsRecord permits DnsRecord.Naptr, DnsRecord.Srv, DnsRecord.Address {

    long ttl();

    /** RFC 3403 NAPTR: {@code replacement} is the SRV name for the flag {@code s}. */
    record Naptr(int order, int preference, String flags, String service, String regexp, String replacement, long ttl)
            implements DnsRecord {
    }

    /** RFC 2782 SRV; a target of {@code .} means the service is not offered. */
    record Srv(int priority, int weight, int port, String target, long ttl) implements DnsRecord {
    }

    /** A or AAAA. */
    record Address(InetAddress address, long ttl) implements DnsRecord {
    }
}
