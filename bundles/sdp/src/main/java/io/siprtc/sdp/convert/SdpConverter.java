package io.siprtc.sdp.convert;

import io.siprtc.sdp.SessionDescription;
import java.util.List;
import java.util.Objects;

/**
 * Applies an ordered list of {@link SdpRule}s to a deep copy of a description; the input is never
 * modified. Immutable and thread-safe if its rules are.
 */
public final class SdpConverter {

    private final List<SdpRule> rules;

    /** A converter applying {@code rules} in the given order. */
    public SdpConverter(List<? extends SdpRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The standard WebRTC-to-SIP rules, in order: {@link AdvertisedAddressRule},
     * {@link NoTrickleRule}, {@link DefaultCandidateRule}.
     */
    public static List<SdpRule> webRtcToSipRules() {
        return List.of(new AdvertisedAddressRule(), new NoTrickleRule(), new DefaultCandidateRule());
    }

    /** A converter with {@link #webRtcToSipRules()}. */
    public static SdpConverter webRtcToSip() {
        return new SdpConverter(webRtcToSipRules());
    }

    /** The rules, in order, unmodifiable. */
    public List<SdpRule> rules() {
        return rules;
    }

    /** A converted copy of {@code sdp}; {@code sdp} itself is left unchanged. */
    public SessionDescription convert(SessionDescription sdp, ConversionContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        SessionDescription out = sdp.copy();
        for (SdpRule rule : rules) {
            rule.apply(out, ctx);
        }
        return out;
    }
}
