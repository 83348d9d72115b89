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

    /** A converter with the built-in rules for descriptions going to a peer of {@code profile}. */
    public static SdpConverter toPeer(SdpProfile profile) {
        return new SdpConverter(SdpRules.toPeer(profile));
    }

    /** A converter with the built-in rules for a peer's descriptions going to the engine. */
    public static SdpConverter fromPeer(SdpProfile profile) {
        return new SdpConverter(SdpRules.fromPeer(profile));
    }

    /** The rules, in order, unmodifiable. */
    public List<SdpRule> rules() {
        return rules;
    }

    /**
     * A converted copy of {@code sdp}; {@code sdp} itself is left unchanged.
     *
     * @throws SdpNotAcceptableException if a rule found the description unusable (answer 488)
     */
    public SessionDescription convert(SessionDescription sdp, ConversionContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        SessionDescription out = sdp.copy();
        for (SdpRule rule : rules) {
            rule.apply(out, ctx);
        }
        return out;
    }
}
