package io.siprtc.media.webrtc.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The local description with its candidates, written from the description the session applied
 * and the candidates libwebrtc reported for it, as libwebrtc itself would write it. Reading it back
 * from libwebrtc instead costs a stats round over its three threads (1 to 5 ms of a call's set-up
 * on this machine), and webrtc-java's {@code getLocalDescription()} is unsafe while a description
 * can change (see {@link WebRtcMediaSession}).
 * <ul>
 * <li>Each candidate becomes an {@code a=candidate} line (RFC 8839 section 5.1) of the m-section
 * of its index, without the {@code ufrag} libwebrtc adds to a trickled one (the section's
 * {@code a=ice-ufrag} says it), unless that section has it already: libwebrtc copies the candidates gathered
 * so far into a later offer of the same ICE generation. A candidate of another ICE generation
 * (its {@code ufrag} is not the section's) and a rejected m-section (port 0) get none.</li>
 * <li>A section without a default candidate yet ({@code m=} port 9, {@code c=} the unspecified
 * address, RFC 8839 section 4.2.1.2) gets one, chosen as libwebrtc does: UDP only, IPv4 before IPv6,
 * then relay before server-reflexive before host, the first of equals. RTCP's (component 2, no
 * rtcp-mux) goes into {@code a=rtcp:} the same way (RFC 3605).</li>
 * </ul>
 */
final class GatheredDescription {

    /** A candidate as libwebrtc reported it: the index of its m-section and its attribute value. */
    record Candidate(int mlineIndex, String sdp) {
    }

    private GatheredDescription() {
    }

    /**
     * @param applied the SDP given to setLocalDescription
     * @param candidates the candidates reported since, in order ({@code candidate:...}, with or without {@code a=})
     */
    static String write(String applied, List<Candidate> candidates) {
        String sessionUfrag = null;
        for (String line : applied.split("\r?\n")) {
            if (line.startsWith("m=")) {
                break;
            }
            if (line.startsWith("a=ice-ufrag:")) {
                sessionUfrag = line.substring("a=ice-ufrag:".length()).trim();
            }
        }
        String ufrag = sessionUfrag;
        return SdpSections.edit(applied, (index, section) -> section(section, index, ufrag, candidates));
    }

    /** One m-section with its candidates added and its default candidates set. */
    private static List<String> section(List<String> lines, int index, String sessionUfrag, List<Candidate> candidates) {
        String[] m = lines.get(0).split(" ", 3);
        if (m.length < 3 || "0".equals(m[1])) {
            return lines; // rejected: nothing gathered for it
        }
        String ufrag = sessionUfrag;
        Set<String> present = new HashSet<>();
        List<String[]> all = new ArrayList<>();
        int afterC = 1;
        int afterRtcp = -1;
        int afterCandidates = -1;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("a=ice-ufrag:")) {
                ufrag = line.substring("a=ice-ufrag:".length()).trim();
            } else if (line.startsWith("a=candidate:")) {
                String[] f = fields(line);
                present.add(key(f));
                all.add(f);
                afterCandidates = i + 1;
            } else if (line.startsWith("a=rtcp:")) {
                afterRtcp = i + 1;
            } else if (line.startsWith("c=")) {
                afterC = i + 1;
            }
        }
        // where libwebrtc writes them: after those there are, else after a=rtcp:, else after c=
        int insertAt = afterCandidates > 0 ? afterCandidates : afterRtcp > 0 ? afterRtcp : afterC;
        List<String> added = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.mlineIndex() != index) {
                continue;
            }
            String[] f = fields(c.sdp());
            String theirs = ufrag(f);
            if (f.length < 8 || (theirs != null && ufrag != null && !theirs.equals(ufrag)) || !present.add(key(f))) {
                continue;
            }
            added.add("a=" + withoutUfrag(f));
            all.add(f);
        }
        List<String> out = new ArrayList<>(lines.size() + added.size());
        out.addAll(lines.subList(0, insertAt));
        out.addAll(added);
        out.addAll(lines.subList(insertAt, lines.size()));
        setDefaults(out, all);
        return out;
    }

    /** m= port and c= (component 1), a=rtcp: (component 2), where no default candidate is set yet. */
    private static void setDefaults(List<String> lines, List<String[]> candidates) {
        String[] m = lines.get(0).split(" ", 3);
        String[] rtp = best(candidates, "1");
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (rtp != null && "9".equals(m[1]) && line.startsWith("c=") && unspecified(LocalCandidates.last(line))) {
                lines.set(0, m[0] + " " + rtp[5] + " " + m[2]);
                lines.set(i, "c=IN " + LocalCandidates.family(rtp[4]) + " " + rtp[4]);
            } else if (line.startsWith("a=rtcp:")) {
                String[] r = line.substring("a=rtcp:".length()).split(" ");
                String[] rtcp = best(candidates, "2");
                if (rtcp != null && r.length == 4 && "9".equals(r[0]) && unspecified(r[3])) {
                    lines.set(i, "a=rtcp:" + rtcp[5] + " IN " + LocalCandidates.family(rtcp[4]) + " " + rtcp[4]);
                }
            }
        }
    }

    /** libwebrtc's default destination of a component: UDP, IPv4 over IPv6, then relay > srflx > host. */
    private static String[] best(List<String[]> candidates, String component) {
        String[] best = null;
        int bestPreference = -1;
        boolean bestIpv4 = false;
        for (String[] f : candidates) {
            if (!component.equals(f[1]) || !"udp".equalsIgnoreCase(f[2])) {
                continue;
            }
            int preference = switch (f[7]) {
                case "relay" -> 3;
                case "srflx" -> 2;
                case "host" -> 1;
                default -> 0;
            };
            boolean ipv4 = !f[4].contains(":");
            if (best != null && ((bestIpv4 == ipv4 && preference <= bestPreference) || (bestIpv4 && !ipv4))) {
                continue;
            }
            best = f;
            bestPreference = preference;
            bestIpv4 = ipv4;
        }
        return best;
    }

    /** {@code candidate:F C proto prio address port typ T ...} without {@code a=}, split. */
    private static String[] fields(String candidate) {
        return (candidate.startsWith("a=") ? candidate.substring(2) : candidate).trim().split(" ");
    }

    /** The same candidate: foundation, component, transport, port and type. */
    private static String key(String[] f) {
        return f.length < 8 ? String.join(" ", f) : f[0] + " " + f[1] + " " + f[2].toLowerCase() + " " + f[5] + " " + f[7];
    }

    private static String ufrag(String[] f) {
        for (int i = 8; i + 1 < f.length; i++) {
            if ("ufrag".equals(f[i])) {
                return f[i + 1];
            }
        }
        return null;
    }

    /** The candidate line as libwebrtc writes it in a description: the section's a=ice-ufrag names its ufrag. */
    private static String withoutUfrag(String[] f) {
        StringBuilder b = new StringBuilder(f[0]);
        for (int i = 1; i < f.length; i++) {
            if (i >= 8 && "ufrag".equals(f[i]) && i + 1 < f.length) {
                i++;
                continue;
            }
            b.append(' ').append(f[i]);
        }
        return b.toString();
    }

    private static boolean unspecified(String address) {
        return "0.0.0.0".equals(address) || "::".equals(address);
    }

}
