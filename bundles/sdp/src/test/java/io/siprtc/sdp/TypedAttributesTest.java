package io.siprtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TypedAttributesTest {

    static SessionDescription corpus(String name) throws Exception {
        return SdpParser.parse(Files.readAllBytes(Path.of(TypedAttributesTest.class.getResource("/corpus/" + name).toURI())));
    }

    @Test
    void valuesRoundTrip() {
        for (String v : List.of("111 opus/48000/2", "0 PCMU/8000")) {
            assertEquals(v, RtpMap.parse(v).orElseThrow().toValue());
        }
        RtpMap opus = RtpMap.parse("111 opus/48000/2").orElseThrow();
        assertEquals(111, opus.payloadType());
        assertTrue(opus.isEncoding("OPUS"));
        assertEquals(48000, opus.clockRate());
        assertEquals(OptionalInt.of(2), opus.channels());
        assertEquals("a=rtpmap:111 opus/48000/2", opus.toAttribute().toString());

        Fmtp f = Fmtp.parse("111 minptime=10;useinbandfec=1").orElseThrow();
        assertEquals(Map.of("minptime", "10", "useinbandfec", "1"), f.parameters());
        assertEquals("111 minptime=10;useinbandfec=0", f.withParameter("useinbandfec", "0").toValue());
        assertEquals(Optional.of("1"), Fmtp.parse("101 0-15;FOO=1").orElseThrow().parameter("foo"));

        assertEquals(new RtcpFb("96", "nack", "pli"), RtcpFb.parse("96 nack pli").orElseThrow());
        assertTrue(RtcpFb.parse("* ccm fir").orElseThrow().isWildcard());
        assertEquals(new ExtMap(3, "sendonly", "urn:x", "a b"), ExtMap.parse("3/sendonly urn:x a b").orElseThrow());
        assertEquals("3/sendonly urn:x a b", new ExtMap(3, "sendonly", "urn:x", "a b").toValue());
        assertEquals(new Msid("s", "t"), Msid.parse("s t").orElseThrow());
        assertEquals(new Ssrc(4294967295L, "cname", "x:y"), Ssrc.parse("4294967295 cname:x:y").orElseThrow());
        assertEquals(new SsrcGroup("FID", List.of(1L, 2L)), SsrcGroup.parse("FID 1 2").orElseThrow());
        assertEquals(new Group("BUNDLE", List.of("0", "1")), Group.parse("BUNDLE 0 1").orElseThrow());
        assertTrue(Group.parse("BUNDLE").orElseThrow().isBundle());
        assertEquals(new Fingerprint("sha-256", "AB:CD"), Fingerprint.parse("sha-256 AB:CD").orElseThrow());
        assertEquals(new Rtcp(9, "IN IP4 0.0.0.0"), Rtcp.parse("9 IN IP4 0.0.0.0").orElseThrow());
        assertEquals(new Rtcp(30001, ""), Rtcp.parse("30001").orElseThrow());
        assertEquals(new Rid("h", "send", "max-width=1280"), Rid.parse("h send max-width=1280").orElseThrow());
        Simulcast s = Simulcast.parse("send h;m,~l recv x").orElseThrow();
        assertEquals(List.of(List.of("h"), List.of("m", "~l")), s.send());
        assertEquals("send h;m,~l recv x", s.toValue());
        Crypto c = Crypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:abc|2^20 UNENCRYPTED_SRTCP").orElseThrow();
        assertEquals("AES_CM_128_HMAC_SHA1_80", c.suite());
        assertEquals("UNENCRYPTED_SRTCP", c.sessionParams());
        assertEquals(Setup.ACTIVE, Setup.ACTPASS.answerTo());
        assertEquals(Setup.PASSIVE, Setup.ACTIVE.answerTo());
        assertEquals(MediaDirection.RECVONLY, MediaDirection.SENDONLY.reverse());
    }

    @Test
    void malformedValuesGiveEmpty() {
        assertTrue(RtpMap.parse("x opus/48000").isEmpty());
        assertTrue(RtpMap.parse("128 opus/48000").isEmpty());
        assertTrue(RtpMap.parse("111 opus").isEmpty());
        assertTrue(RtpMap.parse("111 opus/0").isEmpty());
        assertTrue(ExtMap.parse("0 urn:x").isEmpty());
        assertTrue(ExtMap.parse("1/sideways urn:x").isEmpty());
        assertTrue(Ssrc.parse("4294967296 cname:x").isEmpty());
        assertTrue(Simulcast.parse("send ;;").isEmpty());
        assertTrue(Rid.parse("h both").isEmpty());
        assertTrue(Crypto.parse("x AES inline:1").isEmpty());
        assertTrue(Rtcp.parse("99999").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new ExtMap(0, "", "urn:x", ""));
        assertThrows(IllegalArgumentException.class, () -> RtpMap.of(200, "x", 8000, -1));
    }

    @Test
    void chromiumAudioVideoOfferHasItsWebRtcAttributes() throws Exception {
        SessionDescription sdp = corpus("chromium-audio-video-offer.sdp");
        assertEquals(List.of("0", "1"), sdp.bundleGroup().orElseThrow().mids());
        MediaDescription audio = sdp.media().get(0);
        MediaDescription video = sdp.media().get(1);
        assertTrue(audio.isDtls() && audio.isSecureRtp() && audio.isRtp());
        assertTrue(audio.isRtcpMux());
        assertEquals(Optional.of(Setup.ACTPASS), sdp.setup(audio));
        assertEquals("sha-256", sdp.fingerprints(audio).get(0).hashFunction());
        assertTrue(sdp.iceUfrag(audio).isPresent());
        assertEquals(List.of("trickle"), audio.iceOptions());
        assertEquals("opus", audio.rtpMap(111).orElseThrow().encodingName());
        assertEquals(Optional.of("PCMU"), audio.encodingName("0"));
        assertFalse(audio.extMaps().isEmpty());
        assertEquals(1, audio.msids().size());
        assertFalse(video.rtcpFbs().isEmpty());
        assertFalse(video.ssrcGroups().isEmpty(), "rtx FID group");
        assertEquals(Optional.of(MediaDirection.SENDRECV), video.direction());
        assertEquals(sdp.mediaByMid("1").orElseThrow(), video);
    }

    @Test
    void staticPayloadTypesAndPtime() throws Exception {
        SessionDescription sdp = corpus("baresip-plain-offer.sdp");
        MediaDescription audio = sdp.media().get(0);
        assertEquals(Optional.of("PCMA"), audio.encodingName("8"));
        assertEquals(OptionalInt.of(20), audio.ptime());
        assertFalse(audio.isDtls());
        assertEquals(Optional.empty(), audio.encodingName("77"));
        SessionDescription sdes = corpus("rtpengine-rtp-avp-to-sdes-savp-offer.sdp");
        assertEquals(12, sdes.media().get(0).cryptos().size());
        assertEquals(30063, sdes.media().get(0).rtcp().orElseThrow().port());
    }

    @Test
    void setDirectionReplacesInPlace() throws Exception {
        SessionDescription sdp = corpus("sipp-uac-pcmu-offer.sdp");
        MediaDescription m = sdp.media().get(0);
        m.setDirection(MediaDirection.SENDONLY);
        assertEquals(Optional.of(MediaDirection.SENDONLY), m.direction());
        m.addAttribute(Attribute.of("recvonly"));
        m.setDirection(MediaDirection.INACTIVE);
        assertEquals(1, m.attributes().stream().filter(a -> MediaDirection.of(a.content()).isPresent()).count());
    }
}
