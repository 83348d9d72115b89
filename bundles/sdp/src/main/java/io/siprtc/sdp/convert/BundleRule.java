package io.siprtc.sdp.convert;

import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.Group;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SdpLine;
import io.siprtc.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BUNDLE (RFC 8843) for SIP peers that may not know it, on the engine's descriptions:
 * <ul>
 * <li><b>Offers, profile webrtc</b>: BUNDLE is offered over the mids of every active section
 * (port not 0, or {@code a=bundle-only}); a section marked {@code a=bundle-only} that has its own
 * candidates loses the mark, so that a peer that refuses BUNDLE can still accept it on its own
 * transport (RFC 8843 section 7.2.1: an offerer uses bundle-only only when it knows the answerer
 * supports BUNDLE, which a SIP peer's first answer has not shown). A section with no candidates
 * of its own stays bundle-only: it is rejected by a peer that refuses BUNDLE.</li>
 * <li><b>Offers, profiles sip-dtls and rtp</b>: no {@code a=group:BUNDLE} and no
 * {@code a=bundle-only} where the section has its own candidates; each section keeps its own
 * transport.</li>
 * <li><b>Answers</b>: a BUNDLE group only when the offer had one, and only with mids the offer
 * grouped and the answer accepts (RFC 8843 section 7.3); otherwise the group is removed, which
 * is how an answerer refuses BUNDLE.</li>
 * </ul>
 * A peer's answer that refuses BUNDLE needs no rewriting for the engine: each section then has
 * its own transport, which it had in the offer thanks to the first point.
 */
public final class BundleRule implements SdpRule {

    @Override
    public String name() {
        return "bundle";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        if (!ctx.isToPeer()) {
            return;
        }
        if (ctx.isOffer()) {
            for (MediaDescription m : sdp.media()) {
                if (m.isBundleOnly() && !m.candidates().isEmpty()) {
                    m.removeAttributes("bundle-only");
                    if (m.port() == 0) {
                        m.setPort(9); // RFC 8839 section 4.2.1.3: the discard port until the default candidate is set
                    }
                }
            }
            if (ctx.profile() == SdpProfile.WEBRTC) {
                offerBundle(sdp);
            } else {
                removeBundleGroups(sdp);
            }
        } else {
            answerBundle(sdp, ctx.offerDescription());
        }
    }

    private static void offerBundle(SessionDescription sdp) {
        List<String> mids = new ArrayList<>();
        for (MediaDescription m : sdp.media()) {
            if ((m.port() != 0 || m.isBundleOnly()) && m.mid().isPresent()) {
                mids.add(m.mid().get());
            }
        }
        if (mids.isEmpty()) {
            removeBundleGroups(sdp);
            return;
        }
        Attribute group = new Group(Group.BUNDLE, mids).toAttribute();
        Optional<Group> existing = sdp.bundleGroup();
        if (existing.isPresent() && existing.get().mids().equals(mids)) {
            return;
        }
        replaceBundleGroup(sdp, group);
    }

    private static void answerBundle(SessionDescription sdp, Optional<SessionDescription> offer) {
        Optional<Group> ours = sdp.bundleGroup();
        if (ours.isEmpty()) {
            return;
        }
        Optional<Group> offered = offer.flatMap(SessionDescription::bundleGroup);
        if (offered.isEmpty()) {
            if (offer.isPresent()) {
                removeBundleGroups(sdp);
            }
            return;
        }
        List<String> mids = new ArrayList<>();
        for (String mid : ours.get().mids()) {
            boolean accepted = sdp.mediaByMid(mid).map(m -> m.port() != 0 || m.isBundleOnly()).orElse(false);
            if (offered.get().mids().contains(mid) && accepted) {
                mids.add(mid);
            }
        }
        if (mids.isEmpty()) {
            removeBundleGroups(sdp);
        } else if (!mids.equals(ours.get().mids())) {
            replaceBundleGroup(sdp, new Group(Group.BUNDLE, mids).toAttribute());
        }
    }

    private static void replaceBundleGroup(SessionDescription sdp, Attribute group) {
        List<SdpLine> lines = sdp.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (isBundleGroup(lines.get(i))) {
                lines.set(i, group);
                for (int j = lines.size() - 1; j > i; j--) {
                    if (isBundleGroup(lines.get(j))) {
                        lines.remove(j);
                    }
                }
                return;
            }
        }
        // RFC 8866 puts a= lines last at session level: after the last session line
        lines.add(group);
    }

    private static void removeBundleGroups(SessionDescription sdp) {
        sdp.lines().removeIf(BundleRule::isBundleGroup);
    }

    private static boolean isBundleGroup(SdpLine l) {
        return l instanceof Attribute a && a.isNamed("group") && Group.parse(a.valueOr("")).map(Group::isBundle)
                .orElse(false);
    }
}
