package io.siprtc.sdp.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.Origin;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.Setup;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small rules: BUNDLE, rtcp-mux, DTLS setup, rejected media, o= version, SDES, stripping. */
class RulesTest {

    private static SessionDescription apply(SdpRule rule, SessionDescription sdp, ConversionContext ctx) {
        return new SdpConverter(List.of(rule)).convert(sdp, ctx);
    }

    // ---- BUNDLE --------------------------------------------------------------------------

    @Test
    void webrtcOfferKeepsBundleAndDropsBundleOnlyWhereTheSectionHasCandidates() {
        SessionDescription in = Corpus.text(Corpus.HEAD, "a=group:BUNDLE a v",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:a", "a=candidate:1 1 udp 1 10.0.0.1 5000 typ host",
                "m=video 0 UDP/TLS/RTP/SAVPF 96", "a=bundle-only", "a=mid:v", "a=candidate:1 1 udp 1 10.0.0.1 5002 typ host",
                "m=video 0 UDP/TLS/RTP/SAVPF 97", "a=bundle-only", "a=mid:w");
        SessionDescription out = apply(new BundleRule(), in, ConversionContext.offer());
        assertFalse(out.media().get(1).isBundleOnly());
        assertEquals(9, out.media().get(1).port(), "discard port until the default candidate rule sets it");
        assertTrue(out.media().get(2).isBundleOnly(), "no candidates of its own: stays bundle-only");
        assertEquals(List.of("a", "v", "w"), out.bundleGroup().orElseThrow().mids());
    }

    @Test
    void sipDtlsOfferHasNoBundleGroup() {
        SessionDescription out = apply(new BundleRule(), Corpus.file("chromium-audio-video-offer.sdp"),
                ConversionContext.offer().withProfile(SdpProfile.SIP_DTLS));
        assertTrue(out.bundleGroup().isEmpty());
    }

    @Test
    void answerGroupsOnlyWhatTheOfferGrouped() {
        SessionDescription answer = Corpus.file("chromium-audio-video-answer.sdp");
        SessionDescription noBundleOffer = Corpus.file("baresip-dtls-srtp-ice-offer.sdp");
        assertTrue(apply(new BundleRule(), answer, ConversionContext.answer().withOffer(noBundleOffer)).bundleGroup()
                .isEmpty(), "the offer had no BUNDLE: the answer refuses it");
        SessionDescription offer = Corpus.file("chromium-audio-video-offer.sdp");
        offer.setAttribute(io.siprtc.sdp.Attribute.of("group", "BUNDLE 0"));
        assertEquals(List.of("0"), apply(new BundleRule(), answer, ConversionContext.answer().withOffer(offer))
                .bundleGroup().orElseThrow().mids());
    }

    // ---- rtcp-mux --------------------------------------------------------------------------

    @Test
    void rtcpMuxOnlyIsDroppedForSipPeersWhenRtcpCandidatesExist() {
        SessionDescription in = Corpus.text(Corpus.HEAD, "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=rtcp-mux", "a=rtcp-mux-only",
                "a=candidate:1 1 udp 1 10.0.0.1 5000 typ host", "a=candidate:1 2 udp 1 10.0.0.1 5001 typ host",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=rtcp-mux", "a=rtcp-mux-only", "a=candidate:1 1 udp 1 10.0.0.1 5002 typ host");
        SessionDescription out = apply(new RtcpMuxRule(), in, ConversionContext.offer().withProfile(SdpProfile.SIP_DTLS));
        assertFalse(out.media().get(0).isRtcpMuxOnly());
        assertTrue(out.media().get(0).isRtcpMux());
        assertTrue(out.media().get(1).isRtcpMuxOnly(), "the engine can only multiplex here");
        assertTrue(apply(new RtcpMuxRule(), in, ConversionContext.offer()).media().get(0).isRtcpMuxOnly(), "webrtc: as is");
    }

    @Test
    void answerMultiplexesOnlyWhenOffered() {
        SessionDescription answer = Corpus.file("chromium-audio-video-answer.sdp");
        SessionDescription offer = Corpus.file("baresip-dtls-srtp-ice-offer.sdp");
        assertFalse(apply(new RtcpMuxRule(), answer, ConversionContext.answer().withOffer(offer)).media().get(0).isRtcpMux());
        assertTrue(apply(new RtcpMuxRule(), answer, ConversionContext.answer()
                .withOffer(Corpus.file("chromium-audio-video-offer.sdp"))).media().get(0).isRtcpMux());
    }

    // ---- DTLS setup ------------------------------------------------------------------------

    @Test
    void offerWithoutSetupGetsActpass() {
        SessionDescription in = Corpus.text(Corpus.HEAD, "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=fingerprint:sha-256 AB");
        assertEquals(Optional.of(Setup.ACTPASS), apply(new DtlsSetupRule(), in, ConversionContext.offer()).media().get(0).setup());
    }

    @Test
    void answerRoleComplementsTheOffer() {
        SessionDescription answer = Corpus.text(Corpus.HEAD, "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=setup:actpass");
        SessionDescription activeOffer = Corpus.text(Corpus.HEAD, "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=setup:active");
        SessionDescription actpassOffer = Corpus.file("baresip-dtls-srtp-ice-offer.sdp"); // session-level actpass
        assertEquals(Optional.of(Setup.PASSIVE), apply(new DtlsSetupRule(), answer,
                ConversionContext.answer().withOffer(activeOffer)).media().get(0).setup());
        assertEquals(Optional.of(Setup.ACTIVE), apply(new DtlsSetupRule(), answer,
                ConversionContext.answer().withOffer(actpassOffer)).media().get(0).setup());
    }

    @Test
    void peerDescriptionsWithoutSetupGetRfc4145Defaults() {
        SessionDescription noSetup = Corpus.text(Corpus.HEAD, "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=fingerprint:sha-256 AB");
        assertEquals(Optional.of(Setup.ACTIVE), apply(new DtlsSetupRule(), noSetup, ConversionContext.remoteOffer())
                .media().get(0).setup());
        assertEquals(Optional.of(Setup.PASSIVE), apply(new DtlsSetupRule(), noSetup, ConversionContext.remoteAnswer())
                .media().get(0).setup());
        SessionDescription actpassAnswer = Corpus.text(Corpus.HEAD, "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=setup:actpass");
        assertEquals(Optional.of(Setup.ACTIVE), apply(new DtlsSetupRule(), actpassAnswer, ConversionContext.remoteAnswer())
                .media().get(0).setup());
        SessionDescription plain = Corpus.file("sipp-uac-pcmu-offer.sdp");
        assertEquals(plain, apply(new DtlsSetupRule(), plain, ConversionContext.remoteOffer()), "plain RTP untouched");
    }

    // ---- rejected media ---------------------------------------------------------------------

    @Test
    void answerKeepsEveryOfferedMLineAndPortZeroStaysZero() {
        SessionDescription offer = Corpus.text(Corpus.HEAD, "m=audio 5000 RTP/AVP 0", "m=video 0 RTP/AVP 31",
                "m=text 6000 RTP/AVP 98", "a=mid:t");
        SessionDescription answer = Corpus.text(Corpus.HEAD, "m=audio 7000 RTP/AVP 0",
                "m=video 7002 RTP/AVP 31", "a=candidate:1 1 udp 1 10.0.0.1 7002 typ host");
        SessionDescription out = apply(new RejectedMediaRule(), answer, ConversionContext.answer().withOffer(offer));
        assertEquals(3, out.media().size());
        assertEquals(7000, out.media().get(0).port());
        assertEquals(0, out.media().get(1).port());
        assertTrue(out.media().get(1).candidates().isEmpty());
        MediaDescription added = out.media().get(2);
        assertEquals("m=text 0 RTP/AVP 98", added.mediaLine().toString());
        assertEquals(Optional.of("t"), added.mid());
    }

    // ---- o= version ---------------------------------------------------------------------------

    @Test
    void everyNewDescriptionIncrementsTheVersionOfTheLastOneSent() {
        SessionDescription engine = Corpus.file("webrtc-java-audio-offer.sdp");
        assertEquals(engine.origin(), apply(new OriginVersionRule(), engine, ConversionContext.offer()).origin(),
                "the first one keeps the engine's o=");
        Origin sent = Origin.of("-", "42", "18446744073709551615", "IN", "IP4", "127.0.0.1");
        Origin next = apply(new OriginVersionRule(), engine, ConversionContext.offer().withPreviousOrigin(sent))
                .origin().orElseThrow();
        assertEquals("42", next.sessionId());
        assertEquals("18446744073709551616", next.sessionVersion());
    }

    // ---- SDES ----------------------------------------------------------------------------------

    @Test
    void sdesOnlyOfferIsRefusedWith488() {
        SdpNotAcceptableException e = assertThrows(SdpNotAcceptableException.class, () -> apply(new SdesRule(),
                Corpus.file("rtpengine-rtp-avp-to-sdes-savp-offer.sdp"), ConversionContext.remoteOffer()));
        assertEquals(488, e.sipStatus());
        assertTrue(e.getMessage().startsWith("SDES-SRTP (a=crypto, RFC 4568) is not supported"), e.getMessage());
        assertTrue(ProfileDetector.isSdesOnly(Corpus.file("rtpengine-rtp-avp-to-sdes-savp-offer.sdp")));
    }

    @Test
    void cryptoNextToDtlsIsRemoved() {
        SessionDescription both = Corpus.text(Corpus.HEAD, "m=audio 9 UDP/TLS/RTP/SAVPF 0", "a=setup:actpass",
                "a=fingerprint:sha-256 AB", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abc");
        assertFalse(apply(new SdesRule(), both, ConversionContext.remoteOffer()).media().get(0).hasAttribute("crypto"));
        assertFalse(ProfileDetector.isSdesOnly(both));
    }

    // ---- strip -------------------------------------------------------------------------------

    @Test
    void webRtcExtrasAreStrippedEverywhere() {
        SessionDescription out = apply(StripAttributesRule.webRtcExtras(), Corpus.file("chromium-audio-video-offer.sdp"),
                ConversionContext.offer().withProfile(SdpProfile.SIP_DTLS));
        String text = out.toString();
        for (String a : List.of("a=msid", "a=ssrc", "a=extmap")) {
            assertFalse(text.contains(a), a);
        }
        assertTrue(text.contains("a=rtpmap:111 opus/48000/2"));
        assertEquals(Corpus.file("chromium-audio-video-offer.sdp"), apply(StripAttributesRule.webRtcExtras(),
                Corpus.file("chromium-audio-video-offer.sdp"), ConversionContext.remoteOffer()), "from the peer: untouched");
    }

    // ---- profiles --------------------------------------------------------------------------

    @Test
    void profilesAreDetectedFromTheCorpus() {
        assertEquals(SdpProfile.WEBRTC, ProfileDetector.detect(Corpus.file("chromium-audio-offer.sdp")));
        assertEquals(SdpProfile.SIP_DTLS, ProfileDetector.detect(Corpus.file("baresip-dtls-srtp-ice-offer.sdp")));
        assertEquals(SdpProfile.RTP, ProfileDetector.detect(Corpus.file("baresip-plain-offer.sdp")));
        assertEquals(SdpProfile.RTP, ProfileDetector.detect(Corpus.file("sipp-uac-pcmu-offer.sdp")));
        assertEquals(SdpProfile.RTP, ProfileDetector.detect(Corpus.file("rtpengine-rtp-avp-to-sdes-savp-offer.sdp")));
        assertEquals(SdpProfile.WEBRTC, ProfileDetector.detect(Corpus.file("rtpengine-rtp-avp-to-webrtc-offer.sdp")));
        assertEquals(Optional.of(SdpProfile.SIP_DTLS), SdpProfile.of(" SIP-DTLS "));
        assertEquals(Optional.empty(), SdpProfile.of("sip"));
    }

    @Test
    void sipDtlsConversionOfAChromiumOfferIsWhatBaresipReads() {
        ConversionContext ctx = ConversionContext.offer().withProfile(SdpProfile.SIP_DTLS).withAdvertisedAddress("127.0.0.1");
        SessionDescription out = SdpConverter.toPeer(SdpProfile.SIP_DTLS).convert(Corpus.file("chromium-audio-offer.sdp"), ctx);
        MediaDescription audio = out.media().get(0);
        assertTrue(out.bundleGroup().isEmpty());
        assertEquals("IN IP4 127.0.0.1", audio.connection().orElseThrow().content());
        assertTrue(audio.isEndOfCandidates());
        assertTrue(audio.iceOptions().isEmpty());
        assertTrue(audio.extMaps().isEmpty() && audio.ssrcs().isEmpty() && audio.msids().isEmpty());
        assertEquals(Optional.of(Setup.ACTPASS), out.setup(audio));
    }
}
