package io.siprtc.gateway.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * DNS for unit tests: the records given here, and (when {@link #anyName} is set) an A record
 * {@link #ANY_ADDRESS} for every other name. Counts the queries, and fails the names it is told to.
 */
final class FakeDns implements DnsResolver {

    /** The address every name has in {@link #anyName()} (TEST-NET-1). */
    static final String ANY_ADDRESS = "192.0.2.53";

    private final Map<String, List<DnsRecord>> records = new HashMap<>();
    private final Map<String, String> failures = new HashMap<>();
    private boolean anyName;
    final List<String> queries = new CopyOnWriteArrayList<>();

    /** Every name resolves to {@link #ANY_ADDRESS}, none has NAPTR or SRV records: the gateway tests' DNS. */
    static FakeDns anyName() {
        FakeDns d = new FakeDns();
        d.anyName = true;
        return d;
    }

    FakeDns naptr(String name, int order, int preference, String service, String replacement) {
        return add(name, DnsType.NAPTR, new DnsRecord.Naptr(order, preference, "s", service, "", replacement, 60));
    }

    FakeDns srv(String name, int priority, int weight, int port, String target) {
        return add(name, DnsType.SRV, new DnsRecord.Srv(priority, weight, port, target, 60));
    }

    FakeDns a(String name, String... addresses) {
        for (String a : addresses) {
            try {
                add(name, a.contains(":") ? DnsType.AAAA : DnsType.A, new DnsRecord.Address(InetAddress.getByName(a), 60));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(a);
            }
        }
        return this;
    }

    /** Queries of this name and type fail as when no server answers. */
    FakeDns fail(String name, DnsType type, String why) {
        failures.put(key(name, type), why);
        return this;
    }

    private FakeDns add(String name, DnsType type, DnsRecord r) {
        records.computeIfAbsent(key(name, type), k -> new ArrayList<>()).add(r);
        return this;
    }

    private static String key(String name, DnsType type) {
        return type + " " + name.toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized DnsAnswer query(String name, DnsType type) throws IOException {
        String k = key(name, type);
        queries.add(k);
        if (failures.containsKey(k)) {
            throw new IOException("DNS lookup of " + k + " failed (" + failures.get(k) + ")");
        }
        List<DnsRecord> found = records.get(k);
        if (found == null && anyName && type == DnsType.A) {
            return new DnsAnswer(List.of(new DnsRecord.Address(InetAddress.getByName(ANY_ADDRESS), 60)), 60);
        }
        return found == null ? DnsAnswer.empty(30) : new DnsAnswer(found, 60);
    }
}
