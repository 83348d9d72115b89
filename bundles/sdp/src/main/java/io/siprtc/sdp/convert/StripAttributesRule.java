package io.siprtc.sdp.convert;

import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SdpLine;
import io.siprtc.sdp.SessionDescription;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Removes named attributes from the engine's descriptions, at session and media level. RFC 8866
 * section 5.13 has receivers ignore attributes they do not know, but some SIP peers refuse or
 * mis-handle WebRTC's: phones and SBCs with fixed-size SDP buffers that reject long
 * descriptions, and peers that answer 488 to (or echo back) {@code a=msid}, {@code a=ssrc} and
 * {@code a=extmap} lines. {@link #webRtcExtras()} strips those WebRTC-only attributes (msid,
 * RFC 8830; ssrc and ssrc-group, RFC 5576; extmap and extmap-allow-mixed, RFC 8285 — a peer
 * then sends no header extensions, which the engine does not need) for the sip-dtls and rtp
 * profiles. Only descriptions going to the peer are changed.
 */
public final class StripAttributesRule implements SdpRule {

    /** The WebRTC-only attributes that SIP peers are known to reject. */
    public static final Set<String> WEBRTC_EXTRAS = Set.of("msid", "msid-semantic", "ssrc", "ssrc-group", "extmap",
            "extmap-allow-mixed");

    private final String name;
    private final Set<String> attributes;

    /**
     * @param name the rule's name for logs
     * @param attributes the attribute names to remove
     */
    public StripAttributesRule(String name, Set<String> attributes) {
        this.name = Objects.requireNonNull(name);
        this.attributes = Set.copyOf(attributes);
    }

    /** Strips {@link #WEBRTC_EXTRAS}. */
    public static StripAttributesRule webRtcExtras() {
        return new StripAttributesRule("strip-msid-ssrc-extmap", WEBRTC_EXTRAS);
    }

    /** The attribute names this rule removes. */
    public Set<String> attributes() {
        return attributes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        if (!ctx.isToPeer()) {
            return;
        }
        strip(sdp.lines());
        for (MediaDescription m : sdp.media()) {
            strip(m.lines());
        }
    }

    private void strip(List<SdpLine> lines) {
        lines.removeIf(l -> l instanceof Attribute a && attributes.contains(a.name()));
    }
}
