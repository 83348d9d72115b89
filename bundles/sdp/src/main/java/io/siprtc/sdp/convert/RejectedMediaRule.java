package io.siprtc.sdp.convert;

import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.MediaLine;
import io.siprtc.sdp.SessionDescription;
import java.util.List;

/**
 * Port-zero (rejected) m= lines in the engine's answers (RFC 3264 section 6): the answer has
 * exactly as many m= lines as the offer, in the same order; a section the offer had at port 0 is
 * answered at port 0, and one the engine left out is added at port 0 with the offer's media,
 * protocol and first format (and its {@code a=mid}). A rejected section keeps its m= line and
 * loses its candidates, so no peer sends media to it. Engine offers keep their port-zero sections
 * as written (RFC 3264 section 8.1: m= lines are never removed, their index is their identity).
 */
public final class RejectedMediaRule implements SdpRule {

    @Override
    public String name() {
        return "rejected-media";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        if (!ctx.isToPeer() || ctx.isOffer() || ctx.offerDescription().isEmpty()) {
            return;
        }
        List<MediaDescription> offered = ctx.offerDescription().get().media();
        List<MediaDescription> answer = sdp.media();
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription o = offered.get(i);
            if (i >= answer.size()) {
                MediaDescription added = new MediaDescription(MediaLine.of(o.media(), 0, o.proto(),
                        List.of(o.formats().get(0))));
                o.mid().ifPresent(mid -> added.addAttribute(Attribute.of("mid", mid)));
                answer.add(added);
            } else if (o.port() == 0 && !o.isBundleOnly() && answer.get(i).port() != 0) {
                reject(answer.get(i));
            }
        }
        for (MediaDescription m : answer) {
            if (m.port() == 0 && !m.isBundleOnly()) {
                m.removeAttributes("candidate");
                m.removeAttributes("end-of-candidates");
            }
        }
    }

    private static void reject(MediaDescription m) {
        m.setPort(0);
    }
}
