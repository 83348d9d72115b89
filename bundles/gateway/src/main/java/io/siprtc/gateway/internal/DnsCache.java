package io.siprtc.gateway.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Keeps each DNS answer (empty ones too) for its TTL, capped at {@link #MAX_TTL} s. Failures
 * (no server answered) are not kept: the next lookup asks again.
 */
final class DnsCache implements DnsResolver {

    static final long MAX_TTL = 24 * 3600;
    private static final int MAX_ENTRIES = 1024;

    private record Key(String name, DnsType type) {
    }

    private record Entry(DnsAnswer answer, long expiresNanos) {
    }

    private final DnsResolver dns;
    private final LongSupplier nanoTime;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    DnsCache(DnsResolver dns, LongSupplier nanoTime) {
        this.dns = dns;
        this.nanoTime = nanoTime;
    }

    DnsCache(DnsResolver dns) {
        this(dns, System::nanoTime);
    }

    @Override
    public DnsAnswer query(String name, DnsType type) throws IOException {
        Key key = new Key(name.toLowerCase(Locale.ROOT), type);
        long now = nanoTime.getAsLong();
        Entry e = entries.get(key);
        if (e != null && now - e.expiresNanos < 0) {
            return e.answer;
        }
        DnsAnswer answer = dns.query(name, type);
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(x -> now - x.expiresNanos >= 0);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(answer, now + Math.min(answer.ttl(), MAX_TTL) * 1_000_000_000L));
        return answer;
    }
}
