package io.siprtc.media.webrtc.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a session's local ICE candidates on its one configured address
 * ({@link io.siprtc.api.media.MediaSessionConfig#address()}), in trickled candidates and in the
 * local description alike.
 * <p>
 * Why rewriting is needed: with one address the engine disables adapter enumeration, so
 * libwebrtc binds its host sockets to the any-address and names them by the machine's default
 * route addresses (e.g. {@code 192.0.2.2} and {@code fd00::2}); it never gathers on loopback
 * (webrtc-java 0.14 does not expose the factory's network ignore mask, which excludes loopback
 * adapters). Such a host candidate stands for a socket that is reachable on the configured
 * address too, so:
 * <ul>
 * <li>host: same address family as the configured address: its address becomes the configured
 * one; other family, or a host name (mDNS): dropped;</li>
 * <li>server-reflexive and peer-reflexive: with a loopback address only kept when the mapped
 * address is loopback of the same family (a STUN server on loopback); otherwise kept (the
 * public face of the configured address). The related address becomes the configured address
 * (it named the socket by the default route address);</li>
 * <li>relay: with a loopback address only kept when the relayed address is loopback; otherwise
 * kept (it lives on the TURN server);</li>
 * <li>anything unparsable: dropped.</li>
 * </ul>
 * In the description the default candidate ({@code m=} port, {@code c=}, {@code a=rtcp:}) is moved
 * to a kept candidate when the one libwebrtc chose was dropped or rewritten. Without a configured
 * address everything passes unchanged.
 */
final class LocalCandidates {

    private static final String[] TYPE_ORDER = {"relay", "srflx", "prflx", "host"};

    private final String address;
    private final InetAddress configured;
    private final boolean ipv6;
    private final boolean loopback;

    /**
     * @param address the configured IP literal, or null for no filtering
     * @throws IllegalArgumentException when the address is not an IP literal
     */
    LocalCandidates(String address) {
        this.address = address;
        this.configured = address == null ? null : literal(address);
        if (address != null && configured == null) {
            throw new IllegalArgumentException("the media address must be an IP literal: " + address);
        }
        this.ipv6 = address != null && address.contains(":");
        this.loopback = configured != null && configured.isLoopbackAddress();
    }

    boolean filters() {
        return address != null;
    }

    /**
     * The candidate to keep (as given, or rewritten), or null to drop it.
     *
     * @param candidate {@code candidate:F C proto prio address port typ T [raddr A rport P] ...}
     *        (with or without {@code a=})
     */
    String accept(String candidate) {
        if (address == null) {
            return candidate;
        }
        String prefix = candidate.startsWith("a=") ? "a=" : "";
        String[] f = candidate.substring(prefix.length()).split(" ");
        if (f.length < 8 || !f[0].startsWith("candidate:") || !"typ".equals(f[6])) {
            return null;
        }
        InetAddress a = literal(f[4]);
        if (a == null) {
            return null; // a host name (mDNS): no address of ours
        }
        boolean sameFamily = f[4].contains(":") == ipv6;
        switch (f[7]) {
            case "host":
                if (!sameFamily) {
                    return null;
                }
                f[4] = address;
                break;
            case "srflx":
            case "prflx":
                if (loopback && !(sameFamily && a.isLoopbackAddress())) {
                    return null;
                }
                relatedAddress(f);
                break;
            case "relay":
                if (loopback && !a.isLoopbackAddress()) {
                    return null;
                }
                break;
            default:
                return null;
        }
        return prefix + String.join(" ", f);
    }

    /** The related address of a reflexive candidate named the any-bound socket by the default route address. */
    private void relatedAddress(String[] f) {
        for (int i = 8; i + 1 < f.length; i++) {
            if ("raddr".equals(f[i])) {
                InetAddress r = literal(f[i + 1]);
                if (r != null && !r.isAnyLocalAddress()) {
                    f[i + 1] = address;
                }
                return;
            }
        }
    }

    /** The description with only the kept candidates, and a default candidate among them. */
    String filterSdp(String sdp) {
        if (address == null || sdp == null) {
            return sdp;
        }
        return SdpSections.edit(sdp, (index, section) -> filterSection(section));
    }

    private List<String> filterSection(List<String> section) {
        Map<String, String> moved = new HashMap<>(); // "component address port" before -> "address port" after
        List<String[]> kept = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String line : section) {
            if (!line.startsWith("a=candidate:")) {
                lines.add(line);
                continue;
            }
            String[] before = line.substring(2).split(" ");
            String keep = accept(line);
            if (keep == null) {
                continue;
            }
            lines.add(keep);
            String[] after = keep.substring(2).split(" ");
            kept.add(after);
            if (before.length > 5) {
                moved.put(before[1] + " " + before[4] + " " + before[5], after[4] + " " + after[5]);
            }
        }
        fixDefaults(lines, moved, kept);
        return lines;
    }

    /** m= port and c= address (component 1), a=rtcp: (component 2) name a kept candidate. */
    private static void fixDefaults(List<String> lines, Map<String, String> moved, List<String[]> kept) {
        String[] m = lines.get(0).split(" ", 3);
        if (m.length < 3 || "0".equals(m[1])) {
            return; // rejected or bundle-only m-line
        }
        int c = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("c=")) {
                c = i;
                break;
            }
        }
        String cAddress = c < 0 ? null : last(lines.get(c));
        String[] rtp = choose("1", cAddress, m[1], moved, kept);
        if (rtp != null) {
            lines.set(0, m[0] + " " + rtp[1] + " " + m[2]);
            if (c >= 0) {
                lines.set(c, "c=IN " + family(rtp[0]) + " " + rtp[0]);
            }
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("a=rtcp:")) {
                String[] r = line.substring("a=rtcp:".length()).split(" ");
                if (r.length == 4) {
                    String[] rtcp = choose("2", r[3], r[0], moved, kept);
                    if (rtcp != null) {
                        lines.set(i, "a=rtcp:" + rtcp[1] + " IN " + family(rtcp[0]) + " " + rtcp[0]);
                    }
                }
            }
        }
    }

    /**
     * {address, port} to put in place of the default candidate {@code address port} of a
     * component, or null to leave it (it is kept, or it is the no-candidate 0.0.0.0:9).
     */
    private static String[] choose(String component, String address, String port, Map<String, String> moved,
            List<String[]> kept) {
        if (address == null) {
            return null;
        }
        String after = moved.get(component + " " + address + " " + port);
        if (after != null) {
            return after.split(" ");
        }
        InetAddress a = literal(address);
        if ("9".equals(port) && a != null && a.isAnyLocalAddress()) {
            return null; // no default candidate (yet)
        }
        for (String type : TYPE_ORDER) {
            for (String[] k : kept) {
                if (component.equals(k[1]) && "udp".equalsIgnoreCase(k[2]) && type.equals(k[7])) {
                    return new String[] {k[4], k[5]};
                }
            }
        }
        return new String[] {"0.0.0.0", "9"};
    }

    /** The SDP address type of an address: {@code IP6} or {@code IP4}. */
    static String family(String address) {
        return address.contains(":") ? "IP6" : "IP4";
    }

    /** The last field of an SDP line (the address of {@code c=}). */
    static String last(String line) {
        String[] f = line.split(" ");
        return f[f.length - 1];
    }

    /** The address of an IPv4 or IPv6 literal (no name lookup), else null. */
    static InetAddress literal(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                String[] o = s.split("\\.");
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int n = Integer.parseInt(o[i]);
                    if (n > 255) {
                        return null;
                    }
                    b[i] = (byte) n;
                }
                return InetAddress.getByAddress(b);
            }
            if (s.contains(":") && s.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?")) {
                return InetAddress.getByName("[" + s + "]"); // brackets: a literal or an error, never a lookup
            }
        } catch (UnknownHostException e) {
            // not a literal
        }
        return null;
    }
}
