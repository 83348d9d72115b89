package io.siprtc.sdp.convert;

import io.siprtc.sdp.Candidate;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SessionDescription;
import java.util.List;

/**
 * RTP/RTCP multiplexing (RFC 5761, RFC 8858) toward peers that may not do it:
 * <ul>
 * <li><b>Offers, profiles sip-dtls and rtp</b>: {@code a=rtcp-mux-only} (RFC 8858) is removed from
 * sections that have RTCP (component 2) candidates, so that a peer that does not multiplex can
 * use the separate RTCP port offered next to {@code a=rtcp-mux} (RFC 5761 section 5.1.1). Where
 * the engine gathered no RTCP candidates it can only multiplex, and the section stays as it is.</li>
 * <li><b>Answers</b>: {@code a=rtcp-mux} and {@code a=rtcp-mux-only} only in sections whose offer
 * had {@code a=rtcp-mux} (RFC 5761 section 5.1.1: the answerer multiplexes only when offered).</li>
 * </ul>
 * Profile webrtc offers are left as the engine wrote them.
 */
public final class RtcpMuxRule implements SdpRule {

    @Override
    public String name() {
        return "rtcp-mux";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        if (!ctx.isToPeer()) {
            return;
        }
        if (ctx.isOffer()) {
            if (ctx.profile() == SdpProfile.WEBRTC) {
                return;
            }
            for (MediaDescription m : sdp.media()) {
                if (m.isRtcpMuxOnly() && hasRtcpCandidates(m.candidates())) {
                    m.removeAttributes("rtcp-mux-only");
                }
            }
            return;
        }
        if (ctx.offerDescription().isEmpty()) {
            return;
        }
        List<MediaDescription> offered = ctx.offerDescription().get().media();
        List<MediaDescription> answer = sdp.media();
        for (int i = 0; i < answer.size() && i < offered.size(); i++) {
            if (!offered.get(i).isRtcpMux()) {
                answer.get(i).removeAttributes("rtcp-mux");
                answer.get(i).removeAttributes("rtcp-mux-only");
            }
        }
    }

    private static boolean hasRtcpCandidates(List<Candidate> candidates) {
        for (Candidate c : candidates) {
            if (c.component() == 2) {
                return true;
            }
        }
        return false;
    }
}
