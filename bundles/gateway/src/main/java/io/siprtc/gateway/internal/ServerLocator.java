package io.siprtc.gateway.internal;

import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipTransport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * RFC 3263 section 4: the ordered servers (IP address, port, transport) for a SIP URI.
 * <ul>
 * <li>a numeric host, or a host with a port: no NAPTR or SRV; the URI's transport, else UDP
 * ({@code sips:} TLS), the port or the transport's default;</li>
 * <li>a {@code transport} parameter: SRV for that transport only
 * ({@code _sip._udp}, {@code _sip._tcp}, {@code _sips._tcp}), else the host's addresses;</li>
 * <li>otherwise NAPTR ({@code SIP+D2U}, {@code SIP+D2T}, {@code SIPS+D2T}; flag {@code s}; by
 * order, then preference), each to its SRV name; without usable NAPTR records, SRV for each
 * transport we listen on; without SRV records, the host's addresses on UDP (TLS for {@code sips:});</li>
 * <li>SRV targets by priority, then weighted random within a priority (RFC 2782), each to its
 * addresses (A, and AAAA, of the family we listen on).</li>
 * </ul>
 * Every server of every step is in the list, in that order: the caller fails over along it.
 */
final class ServerLocator {

    private final DnsResolver dns;
    private final DoubleSupplier random;

    /**
     * @param dns where records come from (normally a {@link DnsCache})
     * @param random uniform in [0, 1), for the SRV weights
     */
    ServerLocator(DnsResolver dns, DoubleSupplier random) {
        this.dns = dns;
        this.random = random;
    }

    /**
     * The servers for a URI.
     *
     * @param uri a SIP or SIPS URI (the first Route, else the Request-URI)
     * @param supported the transports we can send on, in our order of preference
     * @param family {@link Inet4Address}, {@link Inet6Address}, or null for both: addresses of the
     *     other family cannot be reached from our listening address
     * @throws SipException naming the host when there is no server, or DNS did not answer
     */
    List<SipHop> locate(String uri, Set<SipTransport> supported, Class<? extends InetAddress> family)
            throws SipException {
        SipUri u;
        try {
            u = SipUri.parse(uri, null);
        } catch (IllegalArgumentException e) {
            throw new SipException("cannot locate a server for " + uri + ": " + e.getMessage());
        }
        boolean secure = uri.trim().replaceFirst("^<", "").toLowerCase(Locale.ROOT).startsWith("sips:");
        String host = SipHosts.unbracket(u.host());
        SipTransport given = transportParam(uri);
        if (given != null && !supported.contains(given)) {
            throw new SipException("cannot reach " + uri + ": transport " + given + " is not used by this account");
        }
        SipTransport plain = given != null ? given : secure ? SipTransport.TLS : SipTransport.UDP;
        try {
            if (SipHosts.isIpLiteral(host)) {
                return List.of(new SipHop(host, u.port() > 0 ? u.port() : defaultPort(plain), plain));
            }
            if (u.port() > 0) {
                return require(addresses(host, u.port(), plain, family), host, "A/AAAA");
            }
            List<SipHop> hops = new ArrayList<>();
            if (given != null) {
                hops.addAll(srv(srvName(given) + host, given, family));
            } else {
                for (DnsRecord.Naptr n : naptr(host, secure, supported)) {
                    hops.addAll(srv(n.replacement(), transportOf(n.service()), family));
                }
                if (hops.isEmpty()) {
                    for (SipTransport t : supported) {
                        if (!secure || t == SipTransport.TLS) {
                            hops.addAll(srv(srvName(t) + host, t, family));
                        }
                    }
                }
            }
            if (hops.isEmpty()) {
                hops.addAll(addresses(host, defaultPort(plain), plain, family));
            }
            return require(new ArrayList<>(new LinkedHashSet<>(hops)), host,
                    given != null ? "SRV " + srvName(given) + host + " or A/AAAA" : "NAPTR, SRV or A/AAAA");
        } catch (IOException e) {
            throw new SipException("cannot locate a SIP server for " + host + ": " + e.getMessage(), e);
        }
    }

    private static List<SipHop> require(List<SipHop> hops, String host, String what) throws SipException {
        if (hops.isEmpty()) {
            throw new SipException("no SIP server found for " + host + ": DNS has no " + what + " records for it");
        }
        return hops;
    }

    /** The usable NAPTR records of a domain, in order (RFC 3403: order, then preference). */
    private List<DnsRecord.Naptr> naptr(String host, boolean secure, Set<SipTransport> supported) throws IOException {
        List<DnsRecord.Naptr> out = new ArrayList<>();
        for (DnsRecord.Naptr n : dns.query(host, DnsType.NAPTR).records(DnsRecord.Naptr.class)) {
            SipTransport t = transportOf(n.service());
            if (t != null && supported.contains(t) && n.flags().equalsIgnoreCase("s") && (!secure || t == SipTransport.TLS)) {
                out.add(n);
            }
        }
        out.sort(Comparator.comparingInt(DnsRecord.Naptr::order).thenComparingInt(DnsRecord.Naptr::preference));
        return out;
    }

    /** RFC 3263 section 4.1 services (SIP+D2S and SIPS+D2S are SCTP: not used). */
    static SipTransport transportOf(String service) {
        switch (service.toUpperCase(Locale.ROOT)) {
            case "SIP+D2U": return SipTransport.UDP;
            case "SIP+D2T": return SipTransport.TCP;
            case "SIPS+D2T": return SipTransport.TLS;
            default: return null;
        }
    }

    static String srvName(SipTransport t) {
        switch (t) {
            case UDP: return "_sip._udp.";
            case TCP: return "_sip._tcp.";
            default: return "_sips._tcp.";
        }
    }

    static int defaultPort(SipTransport t) {
        return t == SipTransport.TLS ? 5061 : 5060;
    }

    private List<SipHop> srv(String name, SipTransport transport, Class<? extends InetAddress> family) throws IOException {
        List<SipHop> out = new ArrayList<>();
        for (DnsRecord.Srv s : order(dns.query(name, DnsType.SRV).records(DnsRecord.Srv.class))) {
            if (!s.target().equals(".")) {
                out.addAll(addresses(s.target(), s.port(), transport, family));
            }
        }
        return out;
    }

    /** RFC 2782: by priority; within one, weighted random (weight 0 first in the running sum). */
    List<DnsRecord.Srv> order(List<DnsRecord.Srv> records) {
        List<DnsRecord.Srv> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(DnsRecord.Srv::priority).thenComparingInt(DnsRecord.Srv::weight));
        List<DnsRecord.Srv> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).priority() == sorted.get(i).priority()) {
                j++;
            }
            List<DnsRecord.Srv> group = new ArrayList<>(sorted.subList(i, j));
            while (!group.isEmpty()) {
                long sum = group.stream().mapToLong(DnsRecord.Srv::weight).sum();
                long pick = (long) Math.floor(random.getAsDouble() * (sum + 1)); // 0..sum inclusive
                long running = 0;
                int chosen = group.size() - 1;
                for (int k = 0; k < group.size(); k++) {
                    running += group.get(k).weight();
                    if (running >= pick) {
                        chosen = k;
                        break;
                    }
                }
                out.add(group.remove(chosen));
            }
            i = j;
        }
        return out;
    }

    private List<SipHop> addresses(String host, int port, SipTransport transport, Class<? extends InetAddress> family)
            throws IOException {
        List<SipHop> out = new ArrayList<>();
        for (DnsType type : new DnsType[] {DnsType.A, DnsType.AAAA}) {
            Class<? extends InetAddress> kind = type == DnsType.A ? Inet4Address.class : Inet6Address.class;
            if (family == null || family == kind) {
                for (DnsRecord.Address a : dns.query(host, type).records(DnsRecord.Address.class)) {
                    out.add(new SipHop(a.address().getHostAddress(), port, transport));
                }
            }
        }
        return out;
    }

    /** The {@code transport} parameter of a URI, or null. */
    static SipTransport transportParam(String uri) throws SipException {
        String text = uri.trim();
        if (text.startsWith("<")) {
            text = text.substring(1, text.indexOf('>') > 0 ? text.indexOf('>') : text.length());
        }
        for (String p : text.split(";")) {
            String t = p.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("transport=")) {
                try {
                    return SipTransport.parse(t.substring(10));
                } catch (IllegalArgumentException e) {
                    throw new SipException("cannot reach " + uri + ": " + e.getMessage());
                }
            }
        }
        return null;
    }
}
