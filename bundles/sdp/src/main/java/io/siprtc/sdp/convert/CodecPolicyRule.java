package io.siprtc.sdp.convert;

import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.Fmtp;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.RtpMap;
import io.siprtc.sdp.SdpLine;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.codec.CodecPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the context's {@link CodecPolicy} to RTP sections: the formats of codecs the policy
 * does not allow are removed from the m= line with their {@code a=rtpmap}, {@code a=fmtp} and
 * {@code a=rtcp-fb} lines, the rest are put in the policy's order (RFC 3264 section 5.1: the
 * first format is the most preferred), and audio sections we send get the policy's {@code
 * a=ptime} / {@code a=maxptime} (what we want to receive; a peer's offer keeps its own).
 * Retransmission formats ({@code rtx}, RFC 4588) follow the format named by their {@code apt};
 * telephone-event (RFC 4733) is kept, when the policy allows it, for the clock rates of the kept
 * audio codecs. A section left without any allowed codec is rejected: its port
 * becomes 0 and its formats stay as they were (RFC 3264 sections 6 and 8.2). Sections already at
 * port 0 are left alone.
 *
 * <p>Applies to the engine's offers and answers (what the peer sees) and to the peer's offers
 * (so that the engine answers within the policy); a peer's answer is taken as it is. This is
 * what applications otherwise do by rewriting SDP text.
 */
public final class CodecPolicyRule implements SdpRule {

    @Override
    public String name() {
        return "codec-policy";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        CodecPolicy policy = ctx.codecPolicy();
        if (policy.equals(CodecPolicy.ANY) || (!ctx.isToPeer() && !ctx.isOffer())) {
            return;
        }
        for (MediaDescription m : sdp.media()) {
            if (m.isRtp() && m.port() != 0) {
                apply(m, policy, ctx.isToPeer());
            }
        }
    }

    private static void apply(MediaDescription m, CodecPolicy policy, boolean toPeer) {
        List<String> formats = m.formats();
        Map<Integer, RtpMap> rtpMaps = new HashMap<>();
        for (RtpMap r : m.rtpMaps()) {
            rtpMaps.putIfAbsent(r.payloadType(), r);
        }
        Map<String, Fmtp> fmtps = new HashMap<>();
        for (Fmtp f : m.fmtps()) {
            fmtps.putIfAbsent(f.format(), f);
        }
        Map<String, String> names = new HashMap<>();
        for (String f : formats) {
            encodingName(f, rtpMaps).ifPresent(n -> names.put(f, n));
        }
        List<String> primary = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        for (String f : formats) {
            String name = names.get(f);
            if (name == null || isAssociated(name)) {
                continue;
            }
            if (!policy.allows(name)) {
                continue;
            }
            if ("H264".equalsIgnoreCase(name)) {
                Optional<Fmtp> fmtp = Optional.ofNullable(fmtps.get(f));
                String plid = fmtp.flatMap(x -> x.parameter("profile-level-id")).orElse(null);
                String mode = fmtp.flatMap(x -> x.parameter("packetization-mode")).orElse(null);
                if (!policy.allowsH264(plid, mode)) {
                    continue;
                }
            }
            primary.add(f);
            ranks.add(policy.codecs().isEmpty() ? 0 : policy.rank(name));
        }
        if (primary.isEmpty()) {
            m.setPort(0);
            return;
        }
        // stable sort of the kept primary formats by the policy's rank
        List<String> ordered = new ArrayList<>(primary.size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < primary.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(ranks.get(a), ranks.get(b)));
        for (int i : order) {
            ordered.add(primary.get(i));
        }
        Set<Long> clockRates = new HashSet<>();
        for (String f : ordered) {
            Optional.ofNullable(rtpMaps.get(Integer.parseInt(f))).ifPresentOrElse(r -> clockRates.add(r.clockRate()),
                    () -> clockRates.add(8000L)); // RFC 3551 static audio types: 8000 Hz RTP clock
        }
        List<String> kept = new ArrayList<>(ordered);
        Set<String> orderedSet = new HashSet<>(ordered);
        for (String f : formats) {
            String name = names.get(f);
            if (name == null || !isAssociated(name)) {
                continue;
            }
            boolean keep;
            if ("rtx".equalsIgnoreCase(name)) {
                String apt = Optional.ofNullable(fmtps.get(f)).flatMap(x -> x.parameter("apt")).orElse(null);
                keep = apt != null && orderedSet.contains(apt);
            } else {
                keep = policy.telephoneEvent() && Optional.ofNullable(rtpMaps.get(Integer.parseInt(f)))
                        .map(RtpMap::clockRate).filter(clockRates::contains).isPresent();
            }
            if (keep) {
                kept.add(f);
            }
        }
        // Formats we cannot name (no rtpmap, not static) stay, after the rest: we cannot judge them.
        for (String f : formats) {
            if (!names.containsKey(f)) {
                kept.add(f);
            }
        }
        if (!kept.equals(formats)) {
            m.setMediaLine(m.mediaLine().withFormats(kept));
            removeFormatLines(m, formats, kept);
        }
        // ptime and maxptime say what the description's author wants to receive (RFC 8866 sections
        // 6.4, 6.5): ours go into what the peer sees; the peer's own stay as it wrote them, so
        // that we send what it asked for
        if (toPeer && "audio".equals(m.media())) {
            policy.ptime().ifPresent(p -> m.setAttribute(Attribute.of("ptime", Integer.toString(p))));
            policy.maxPtime().ifPresent(p -> m.setAttribute(Attribute.of("maxptime", Integer.toString(p))));
        }
    }

    /** From the rtpmap, else RFC 3551's static payload types (as {@link MediaDescription#encodingName}). */
    private static Optional<String> encodingName(String format, Map<Integer, RtpMap> rtpMaps) {
        int pt;
        try {
            pt = format.length() > 3 ? -1 : Integer.parseInt(format);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (pt < 0 || pt > 127 || format.charAt(0) == '+' || format.charAt(0) == '-') {
            return Optional.empty();
        }
        RtpMap r = rtpMaps.get(pt);
        return r != null ? Optional.of(r.encodingName()) : RtpMap.staticEncodingName(pt);
    }

    private static boolean isAssociated(String name) {
        return "rtx".equalsIgnoreCase(name) || "telephone-event".equalsIgnoreCase(name);
    }

    private static void removeFormatLines(MediaDescription m, List<String> before, List<String> kept) {
        Set<String> removed = new HashSet<>(before);
        removed.removeAll(kept);
        List<SdpLine> lines = m.lines();
        lines.removeIf(l -> l instanceof Attribute a
                && (a.isNamed("rtpmap") || a.isNamed("fmtp") || a.isNamed("rtcp-fb"))
                && removed.contains(firstToken(a.valueOr(""))));
    }

    private static String firstToken(String value) {
        int sp = value.indexOf(' ');
        return sp < 0 ? value : value.substring(0, sp);
    }
}
