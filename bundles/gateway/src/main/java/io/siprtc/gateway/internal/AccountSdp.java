package io.siprtc.gateway.internal;

import java.util.Optional;

import io.siprtc.sdp.codec.CodecPolicy;
import io.siprtc.sdp.convert.SdpProfile;

/**
 * An account's SDP settings: the peer profile ({@code auto} detects it from the far end's SDP;
 * outgoing offers of an auto account are {@code webrtc} ones, which sip-dtls peers can answer),
 * the codec policy and the media address to advertise.
 */
final class AccountSdp {

    static final String AUTO = "auto";

    private final SdpProfile profile;
    private final CodecPolicy codecs;
    private final String mediaAddress;

    private AccountSdp(SdpProfile profile, CodecPolicy codecs, String mediaAddress) {
        this.profile = profile;
        this.codecs = codecs;
        this.mediaAddress = mediaAddress;
    }

    /** Defaults: auto profile, any codec, no advertised address. */
    static AccountSdp defaults() {
        return new AccountSdp(null, CodecPolicy.ANY, null);
    }

    /**
     * From the account's configuration values.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    static AccountSdp of(String profileSetting, String codecPolicy, String mediaAddress) {
        SdpProfile p = null;
        if (profileSetting != null && !profileSetting.isBlank() && !AUTO.equalsIgnoreCase(profileSetting.trim())) {
            p = SdpProfile.of(profileSetting).orElseThrow(() -> new IllegalArgumentException(
                    "sdp_profile '" + profileSetting + "' is not auto, webrtc, sip-dtls or rtp"));
        }
        CodecPolicy c;
        try {
            c = CodecPolicy.parse(codecPolicy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("codec_policy: " + e.getMessage(), e);
        }
        String address = mediaAddress == null || mediaAddress.isBlank() ? null : mediaAddress.trim();
        return new AccountSdp(p, c, address);
    }

    /** From an account's configuration. */
    static AccountSdp of(AccountConfig config) {
        return of(config.sdp_profile(), config.codec_policy(), config.media_address());
    }

    /** The configured profile; empty for auto. */
    Optional<SdpProfile> profile() {
        return Optional.ofNullable(profile);
    }

    CodecPolicy codecs() {
        return codecs;
    }

    Optional<String> mediaAddress() {
        return Optional.ofNullable(mediaAddress);
    }
}
