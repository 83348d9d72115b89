package io.siprtc.sdp.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.codec.CodecPolicy;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CodecPolicyRuleTest {

    private static SessionDescription apply(CodecPolicy policy, SessionDescription sdp, ConversionContext ctx) {
        return new SdpConverter(List.of(new CodecPolicyRule())).convert(sdp, ctx.withCodecPolicy(policy));
    }

    @Test
    void allowedCodecsInPolicyOrderWithTheirLinesAndTelephoneEvent() {
        CodecPolicy p = CodecPolicy.parse("codecs=PCMA,opus;ptime=20;maxptime=40");
        MediaDescription audio = apply(p, Corpus.file("chromium-audio-offer.sdp"), ConversionContext.offer()).media().get(0);
        assertEquals(List.of("8", "111", "110", "126"), audio.formats(), "PCMA first, telephone-event for 8k and 48k");
        assertTrue(audio.rtpMap(9).isEmpty() && audio.rtpMap(63).isEmpty());
        assertTrue(audio.fmtp("63").isEmpty(), "red's fmtp went with it");
        assertEquals(OptionalInt.of(20), audio.ptime());
        assertEquals(OptionalInt.of(40), audio.maxPtime());
    }

    @Test
    void aPeersOfferKeepsItsOwnPtimeWhileItsCodecsFollowThePolicy() {
        CodecPolicy p = CodecPolicy.parse("codecs=PCMA,opus;ptime=10;maxptime=40");
        MediaDescription audio = apply(p, Corpus.file("chromium-audio-offer.sdp"), ConversionContext.remoteOffer())
                .media().get(0);
        assertEquals(List.of("8", "111", "110", "126"), audio.formats(), "the engine answers within the policy");
        assertEquals(OptionalInt.empty(), audio.ptime(), "what the peer wants to receive is the peer's to say");
        assertEquals(OptionalInt.empty(), audio.maxPtime());
    }

    @Test
    void telephoneEventOffAndClockRatesFollowTheKeptCodecs() {
        MediaDescription off = apply(CodecPolicy.parse("codecs=opus;telephone-event=off"),
                Corpus.file("chromium-audio-offer.sdp"), ConversionContext.offer()).media().get(0);
        assertEquals(List.of("111"), off.formats());
        MediaDescription pcmu = apply(CodecPolicy.parse("codecs=PCMU"), Corpus.file("chromium-audio-offer.sdp"),
                ConversionContext.offer()).media().get(0);
        assertEquals(List.of("0", "126"), pcmu.formats(), "only the 8 kHz telephone-event");
    }

    @Test
    void rtxFollowsItsCodecAndH264ProfilesAndModesAreFiltered() {
        SessionDescription sdp = Corpus.file("chromium-audio-video-offer.sdp");
        MediaDescription video = sdp.media().get(1);
        CodecPolicy p = CodecPolicy.parse("codecs=H264;h264-profile-level-id=42e01f;h264-packetization-mode=1");
        MediaDescription out = apply(p, sdp, ConversionContext.offer()).media().get(1);
        assertFalse(out.formats().isEmpty());
        for (String f : out.formats()) {
            String name = out.encodingName(f).orElseThrow();
            if (name.equals("H264")) {
                String plid = out.fmtp(f).orElseThrow().parameter("profile-level-id").orElseThrow();
                assertTrue(plid.startsWith("42e0"), plid);
                assertEquals("1", out.fmtp(f).orElseThrow().parameter("packetization-mode").orElse("0"));
            } else {
                assertEquals("rtx", name);
                String apt = out.fmtp(f).orElseThrow().parameter("apt").orElseThrow();
                assertTrue(out.formats().contains(apt), "rtx follows a kept H264");
            }
        }
        assertTrue(video.formats().size() > out.formats().size());
    }

    @Test
    void aSectionWithoutAllowedCodecIsRejectedNotRemoved() {
        SessionDescription out = apply(CodecPolicy.parse("codecs=opus"), Corpus.file("chromium-audio-video-offer.sdp"),
                ConversionContext.offer());
        assertEquals(2, out.media().size());
        assertEquals(0, out.media().get(1).port());
    }

    @Test
    void peerOffersAreFilteredButNotPeerAnswers() {
        CodecPolicy p = CodecPolicy.parse("codecs=PCMA");
        SessionDescription offer = Corpus.file("baresip-plain-offer.sdp");
        assertEquals(List.of("8", "101"), apply(p, offer, ConversionContext.remoteOffer()).media().get(0).formats());
        assertEquals(offer, apply(p, offer, ConversionContext.remoteAnswer()));
        assertEquals(offer, apply(CodecPolicy.ANY, offer, ConversionContext.remoteOffer()));
    }

    @Test
    void policyTextFormRoundTripsAndNamesBadSettings() {
        String text = "codecs=opus,PCMU;ptime=20;maxptime=60;telephone-event=off;h264-profile-level-id=42e01f;h264-packetization-mode=0,1";
        assertEquals(text, CodecPolicy.parse(text).toString());
        assertEquals(CodecPolicy.ANY, CodecPolicy.parse(" "));
        assertEquals("", CodecPolicy.ANY.toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CodecPolicy.parse("codec=opus")).getMessage()
                .contains("unknown codec policy setting 'codec'"));
        assertThrows(IllegalArgumentException.class, () -> CodecPolicy.parse("ptime=fast"));
        assertThrows(IllegalArgumentException.class, () -> CodecPolicy.parse("h264-profile-level-id=42"));
        assertThrows(IllegalArgumentException.class, () -> CodecPolicy.parse("h264-packetization-mode=3"));
        assertThrows(IllegalArgumentException.class, () -> CodecPolicy.parse("telephone-event=maybe"));
        CodecPolicy p = CodecPolicy.builder().h264ProfileLevelIds(List.of("42e01f")).build();
        assertTrue(p.allowsH264("42e00a", "1"), "lower level of the same profile");
        assertFalse(p.allowsH264("42e020", "1"), "higher level");
        assertFalse(p.allowsH264("640c1f", "1"), "other profile");
        assertTrue(CodecPolicy.ANY.allowsH264(null, null));
    }
}
