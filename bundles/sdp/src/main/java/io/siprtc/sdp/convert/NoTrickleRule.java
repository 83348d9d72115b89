package io.siprtc.sdp.convert;

import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SdpLine;
import io.siprtc.sdp.SdpSection;
import io.siprtc.sdp.SessionDescription;
import java.util.List;

/**
 * Makes a description read as a complete, non-trickle one for plain SIP peers (RFC 8839, and
 * RFC 8840 for Trickle ICE in SIP): drops the {@code trickle} token from every
 * {@code a=ice-options} line (removing the line when no option is left), and adds
 * {@code a=end-of-candidates} to every m= section with a non-zero port that lacks it (after its
 * last {@code a=candidate}, else at its end), unless the session level has it. RFC 8840 lets a
 * non-trickle description carry end-of-candidates; it tells trickle-capable peers that gathering
 * is complete. Sections with port 0 (rejected or bundle-only) get none.
 */
public final class NoTrickleRule implements SdpRule {

    @Override
    public String name() {
        return "no-trickle";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        dropTrickle(sdp);
        boolean sessionEnd = sdp.hasAttribute("end-of-candidates");
        for (MediaDescription m : sdp.media()) {
            dropTrickle(m);
            if (!sessionEnd && m.port() != 0 && !m.hasAttribute("end-of-candidates")) {
                addEndOfCandidates(m);
            }
        }
    }

    private static void dropTrickle(SdpSection section) {
        List<SdpLine> lines = section.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof Attribute a && a.isNamed("ice-options")) {
                String options = withoutToken(a.valueOr(""), "trickle");
                if (options == null) {
                    continue;
                }
                if (options.isEmpty()) {
                    lines.remove(i--);
                } else {
                    lines.set(i, Attribute.of("ice-options", options));
                }
            }
        }
    }

    /** The space-separated options without {@code token}, or null if it was not there. */
    private static String withoutToken(String options, String token) {
        StringBuilder sb = new StringBuilder(options.length());
        boolean found = false;
        int i = 0;
        int len = options.length();
        while (i < len) {
            int sp = options.indexOf(' ', i);
            if (sp < 0) {
                sp = len;
            }
            if (sp > i) {
                if (options.regionMatches(i, token, 0, token.length()) && sp - i == token.length()) {
                    found = true;
                } else {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(options, i, sp);
                }
            }
            i = sp + 1;
        }
        return found ? sb.toString() : null;
    }

    private static void addEndOfCandidates(MediaDescription m) {
        List<SdpLine> lines = m.lines();
        int at = lines.size();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i) instanceof Attribute a && a.isNamed("candidate")) {
                at = i + 1;
                break;
            }
        }
        lines.add(at, Attribute.of("end-of-candidates"));
    }
}
