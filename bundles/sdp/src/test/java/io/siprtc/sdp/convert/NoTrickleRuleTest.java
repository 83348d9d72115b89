package io.siprtc.sdp.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.SdpFiles;
import org.junit.jupiter.api.Test;

class NoTrickleRuleTest {

    private final NoTrickleRule rule = new NoTrickleRule();

    @Test
    void removesTrickleAndAddsEndOfCandidatesAfterTheLastCandidate() {
        SessionDescription sdp = SdpFiles.parse("libwebrtc-audio-video-offer.sdp");
        rule.apply(sdp, ConversionContext.offer());
        for (MediaDescription m : sdp.media()) {
            assertFalse(m.hasAttribute("ice-options"));
            assertEquals(1, m.attributes("end-of-candidates").size());
            int end = m.lines().indexOf(Attribute.of("end-of-candidates"));
            assertTrue(m.lines().get(end - 1) instanceof Attribute a && a.isNamed("candidate"));
        }
        rule.apply(sdp, ConversionContext.offer());
        assertEquals(1, sdp.media().get(0).attributes("end-of-candidates").size(), "idempotent");
    }

    @Test
    void keepsOtherIceOptionsInPlace() {
        SessionDescription sdp = SdpFiles.parse("libwebrtc-audio-offer.sdp");
        MediaDescription m = sdp.media().get(0);
        int at = m.lines().indexOf(m.attribute("ice-options").orElseThrow());
        rule.apply(sdp, ConversionContext.offer());
        // one line later: end-of-candidates went in after the candidates, which come first
        assertEquals(Attribute.of("ice-options", "renomination"), m.lines().get(at + 1));
    }

    @Test
    void sessionLevelAndPortZeroSections() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n"
                + "a=ice-options:trickle\r\n"
                + "m=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "m=video 0 RTP/AVP 31\r\na=ice-options:ice2 trickle\r\n");
        rule.apply(sdp, ConversionContext.offer());
        assertEquals("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=end-of-candidates\r\n"
                + "m=video 0 RTP/AVP 31\r\na=ice-options:ice2\r\n", sdp.toString());
    }

    @Test
    void sessionLevelEndOfCandidatesIsEnough() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=end-of-candidates\r\nm=audio 5000 RTP/AVP 0\r\n");
        rule.apply(sdp, ConversionContext.offer());
        assertFalse(sdp.media().get(0).hasAttribute("end-of-candidates"));
    }
}
