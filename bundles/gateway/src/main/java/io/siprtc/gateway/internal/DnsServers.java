package io.siprtc.gateway.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lists of DNS servers: an account's {@code dns.servers} value, or the system's {@code resolv.conf}. */
final class DnsServers {

    static final int PORT = 53;

    private DnsServers() {
    }

    /**
     * Parses {@code 127.0.0.1:5353, 192.0.2.53, [2001:db8::53]:53} (commas or blanks between;
     * IP addresses only, port 53 when absent). Throws IllegalArgumentException naming the bad entry.
     */
    static List<InetSocketAddress> parse(String text) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String entry : text.trim().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                out.add(parseOne(entry));
            }
        }
        return out;
    }

    private static InetSocketAddress parseOne(String entry) {
        String host = entry;
        int port = PORT;
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            if (end < 0) {
                throw bad(entry, "unclosed [");
            }
            host = entry.substring(1, end);
            String rest = entry.substring(end + 1);
            if (rest.startsWith(":")) {
                port = port(rest.substring(1), entry);
            } else if (!rest.isEmpty()) {
                throw bad(entry, "text after ]");
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = port(entry.substring(entry.indexOf(':') + 1), entry);
        }
        if (!SipHosts.isIpLiteral(host)) {
            throw bad(entry, "not an IP address");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw bad(entry, e.getMessage());
        }
    }

    private static int port(String p, String entry) {
        if (!p.matches("\\d{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
            throw bad(entry, "bad port");
        }
        return Integer.parseInt(p);
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("bad DNS server '" + entry + "' in dns.servers: " + why
                + " (use ip or ip:port, e.g. 127.0.0.1:5353)");
    }

    /** The {@code nameserver} lines of a resolv.conf (RFC-less but universal on Unix); none when it is unreadable. */
    static List<InetSocketAddress> fromResolvConf(Path file) {
        List<InetSocketAddress> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                String host = f[1].contains("%") ? f[1].substring(0, f[1].indexOf('%')) : f[1];
                if (SipHosts.isIpLiteral(host)) {
                    try {
                        out.add(new InetSocketAddress(InetAddress.getByName(host), PORT));
                    } catch (UnknownHostException e) {
                        // a literal does not fail
                    }
                }
            }
        }
        return out;
    }
}
