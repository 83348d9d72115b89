package io.siprtc.sdp.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.siprtc.sdp.SdpWriter;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.SdpFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpConverterTest {

    @Test
    void standardRulesInOrder() {
        assertEquals(List.of("advertised-address", "no-trickle", "default-candidate"),
                SdpConverter.webRtcToSip().rules().stream().map(SdpRule::name).toList());
    }

    @Test
    void webRtcJavaOfferBecomesPlainSipOfferOnLoopback() {
        SessionDescription offer = SdpFiles.parse("webrtc-java-audio-offer.sdp");
        SessionDescription sip = SdpConverter.webRtcToSip()
                .convert(offer, ConversionContext.offer().withAdvertisedAddress("127.0.0.1"));
        assertEquals(SdpFiles.crlf("webrtc-java-audio-offer-sip.sdp"), SdpWriter.write(sip));
        assertEquals(SdpFiles.crlf("webrtc-java-audio-offer.sdp"), SdpWriter.write(offer), "input unchanged");
    }

    @Test
    void withoutAdvertisedAddressTheHighestPriorityCandidateIsDefault() {
        // libwebrtc gave the IPv6 host candidate the higher priority in this offer.
        SessionDescription sip = SdpConverter.webRtcToSip()
                .convert(SdpFiles.parse("webrtc-java-audio-offer.sdp"), ConversionContext.offer());
        assertEquals(55782, sip.media().get(0).port());
        assertEquals("IN IP6 fd00::2", sip.media().get(0).connection().orElseThrow().content());
        assertEquals("55782 IN IP6 fd00::2", sip.media().get(0).attribute("rtcp").orElseThrow().valueOr(""));
        assertEquals(2, sip.media().get(0).candidates().size());
    }

    @Test
    void convertingTwiceGivesTheSameResult() {
        SdpConverter converter = SdpConverter.webRtcToSip();
        ConversionContext ctx = ConversionContext.answer().withAdvertisedAddress("127.0.0.1");
        SessionDescription once = converter.convert(SdpFiles.parse("libwebrtc-audio-video-offer.sdp"), ctx);
        assertEquals(once.toString(), converter.convert(once, ctx).toString());
    }

    @Test
    void advertisedAddressMustBeAnIpLiteral() {
        assertThrows(IllegalArgumentException.class, () -> ConversionContext.offer().withAdvertisedAddress("localhost"));
    }

    @Test
    void customRuleList() {
        SdpRule marker = new SdpRule() {
            @Override
            public String name() {
                return "marker";
            }

            @Override
            public void apply(SessionDescription sdp, ConversionContext ctx) {
                sdp.addAttribute("x-converted", ctx.direction().name());
            }
        };
        SessionDescription in = SdpFiles.parse("sip-phone-pcmu.sdp");
        SessionDescription out = new SdpConverter(List.of(marker)).convert(in, ConversionContext.answer());
        assertEquals("ANSWER", out.attribute("x-converted").orElseThrow().valueOr(""));
        assertEquals(SdpFiles.crlf("sip-phone-pcmu.sdp"), in.toString());
    }
}
