package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaEngine;
import io.siprtc.sdp.Origin;
import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.convert.SdpProfile;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-call SDP state: o= versions across offers, profile detection, engine capabilities. */
class CallSdpTest {

    private final SdpBridge bridge = new SdpBridge();

    private static Origin origin(String sdp) throws Exception {
        return SdpParser.parse(sdp).origin().orElseThrow();
    }

    @Test
    void everyNewOfferOfACallIncrementsTheOriginVersionOfTheLastOneSent() throws Exception {
        CallSdp call = bridge.newCall(AccountSdp.of("auto", "", "127.0.0.1"), CallSdp.DEFAULT_ENGINE_PROFILES);
        Origin first = origin(call.localOffer(Sdps.WEBRTC_OFFER));
        Origin second = origin(call.localOffer(Sdps.WEBRTC_OFFER)); // the engine wrote the same o= again
        Origin third = origin(call.localOffer(Sdps.WEBRTC_OFFER));
        assertEquals(first.sessionId(), second.sessionId());
        assertEquals(first.sessionVersionNumber().add(java.math.BigInteger.ONE), second.sessionVersionNumber());
        assertEquals(second.sessionVersionNumber().add(java.math.BigInteger.ONE), third.sessionVersionNumber());
        assertEquals(SdpProfile.WEBRTC, call.profile());
    }

    @Test
    void remoteOfferProfileIsDetectedOrTakenFromTheAccount() throws Exception {
        CallSdp auto = bridge.newCall(AccountSdp.defaults(), CallSdp.DEFAULT_ENGINE_PROFILES);
        auto.remoteOffer(Sdps.SIP_DTLS_OFFER.getBytes(StandardCharsets.UTF_8));
        assertEquals(SdpProfile.SIP_DTLS, auto.profile());
        CallSdp fixed = bridge.newCall(AccountSdp.of("webrtc", "", null), CallSdp.DEFAULT_ENGINE_PROFILES);
        fixed.remoteOffer(Sdps.SIP_DTLS_OFFER.getBytes(StandardCharsets.UTF_8));
        assertEquals(SdpProfile.WEBRTC, fixed.profile());
    }

    @Test
    void anEngineWithoutAProfileIsNamedInThe488() {
        CallSdp call = bridge.newCall(AccountSdp.of("sip-dtls", "", null), Set.of(MediaEngine.PROFILE_WEBRTC));
        SdpRejection e = assertThrows(SdpRejection.class, call::startOutgoing);
        assertEquals(488, e.sipStatus());
        assertTrue(e.getMessage().contains("sip-dtls peer: the media engine serves webrtc, not sip-dtls"), e.getMessage());
    }

    @Test
    void accountSettingsAreCheckedWithClearMessages() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountSdp.of("webrtc2", "", null)).getMessage()
                .contains("sdp_profile 'webrtc2'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountSdp.of("auto", "codecs", null)).getMessage()
                .startsWith("codec_policy: "));
        assertTrue(AccountSdp.of(" AUTO ", " ", " ").profile().isEmpty());
    }
}
