package io.siprtc.sdp.convert;

import io.siprtc.sdp.AddressFamily;
import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.Candidate;
import io.siprtc.sdp.Connection;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts each m= section's default candidate into its m= port and c= address, as a non-ICE SIP peer
 * reads them (RFC 8839 section 4.2.1.4 and 5.1: the m=/c= lines carry the default candidate).
 * libwebrtc writes {@code m=... 9 ...} and {@code c=IN IP4 0.0.0.0} until gathering is done and
 * never fills them in itself, so a plain RTP peer would send media nowhere.
 *
 * <p><b>Choice of the default candidate:</b> among the section's UDP candidates of component 1
 * whose address is an IP literal, the one with the highest priority (the first one on a tie).
 * RFC 8839 asks for the candidate "most likely to work"; the priority is the agent's own ranking
 * of that (libwebrtc ranks host above server-reflexive above relayed), and the SIP peers this
 * gateway talks to are reached directly or through the advertised address (see
 * {@link AdvertisedAddressRule}, applied first).
 *
 * <p>The c= line: when every active m= section (non-zero port, not {@code a=bundle-only}) gets
 * the same address and the session level has a c= line, that session-level line is set (and any
 * media-level c= lines of those sections are updated too); otherwise each section's media-level c=
 * line is set, or inserted after the m= line. {@code a=rtcp}: with {@code a=rtcp-mux} an existing
 * {@code a=rtcp} line is set to the same port and address (RFC 5761 section 5.1.3); without it,
 * to the component-2 candidate of the same foundation (else the highest-priority UDP component-2
 * candidate), adding the line if missing (RFC 3605). Sections with port 0, with
 * {@code a=bundle-only}, or without a usable candidate are left as they are; the gateway decides
 * what to do with those.
 */
public final class DefaultCandidateRule implements SdpRule {

    @Override
    public String name() {
        return "default-candidate";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        List<MediaDescription> targets = new ArrayList<>(sdp.media().size());
        List<Candidate> defaults = new ArrayList<>(sdp.media().size());
        boolean allAgree = true;
        String agreed = null;
        for (MediaDescription m : sdp.media()) {
            if (m.port() == 0 || m.hasAttribute("bundle-only")) {
                continue;
            }
            List<Candidate> candidates = m.candidates();
            Candidate d = best(candidates, 1, null);
            if (d == null) {
                allAgree = false;
                continue;
            }
            if (agreed == null) {
                agreed = d.address();
            } else if (!agreed.equals(d.address())) {
                allAgree = false;
            }
            targets.add(m);
            defaults.add(d);
            m.setPort(d.port());
            setRtcp(m, d, candidates);
        }
        boolean sessionLevel = allAgree && agreed != null && sdp.connection().isPresent();
        if (sessionLevel) {
            sdp.setConnection(Connection.of(agreed));
        }
        for (int i = 0; i < targets.size(); i++) {
            MediaDescription m = targets.get(i);
            if (!sessionLevel || m.connection().isPresent()) {
                m.setConnection(Connection.of(defaults.get(i).address()));
            }
        }
    }

    /**
     * The highest-priority UDP candidate of {@code component} with an IP literal address, preferring
     * {@code foundation} when given; null if none.
     */
    private static Candidate best(List<Candidate> candidates, int component, String foundation) {
        Candidate best = null;
        for (Candidate c : candidates) {
            if (c.component() != component || !c.isUdp() || c.addressFamily().isEmpty()) {
                continue;
            }
            if (best == null) {
                best = c;
                continue;
            }
            if (foundation != null) {
                boolean cMatches = foundation.equals(c.foundation());
                boolean bestMatches = foundation.equals(best.foundation());
                if (cMatches != bestMatches) {
                    if (cMatches) {
                        best = c;
                    }
                    continue;
                }
            }
            if (c.priority() > best.priority()) {
                best = c;
            }
        }
        return best;
    }

    private static void setRtcp(MediaDescription m, Candidate rtp, List<Candidate> candidates) {
        if (m.hasAttribute("rtcp-mux")) {
            if (m.hasAttribute("rtcp")) {
                m.setAttribute(rtcpAttribute(rtp));
            }
            return;
        }
        Candidate rtcp = best(candidates, 2, rtp.foundation());
        if (rtcp != null) {
            m.setAttribute(rtcpAttribute(rtcp));
        }
    }

    private static Attribute rtcpAttribute(Candidate c) {
        Optional<AddressFamily> family = c.addressFamily();
        return Attribute.of("rtcp", c.port() + " IN " + family.orElseThrow().addrType() + ' ' + c.address());
    }
}
