package io.siprtc.gateway.internal;

import java.util.List;

/**
 * What a DNS server answered for one name and type: the records (none for NXDOMAIN or no data)
 * and how long the answer may be cached, in seconds (the smallest record TTL; for an empty
 * answer the SOA minimum, RFC 2308, else {@link #DEFAULT_NEGATIVE_TTL}).
 */
record DnsAnswer(List<DnsRecord> records, long ttl) {

    static final long DEFAULT_NEGATIVE_TTL = 30;

    DnsAnswer {
        records = List.copyOf(records);
        ttl = Math.max(0, ttl);
    }

    static DnsAnswer empty(long ttl) {
        return new DnsAnswer(List.of(), ttl);
    }

    /** The records of a type (the answer may hold others, e.g. CNAMEs are left out already). */
    <T extends DnsRecord> List<T> records(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
