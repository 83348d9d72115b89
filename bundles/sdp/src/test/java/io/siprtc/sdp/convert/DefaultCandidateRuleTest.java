package io.siprtc.sdp.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SdpParseException;
import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.SdpFiles;
import org.junit.jupiter.api.Test;

class DefaultCandidateRuleTest {

    private final DefaultCandidateRule rule = new DefaultCandidateRule();

    private static SessionDescription parse(String text) {
        try {
            return SdpParser.parse(text);
        } catch (SdpParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void port9AndUnspecifiedAddressBecomeTheDefaultCandidate() {
        SessionDescription sdp = SdpFiles.parse("libwebrtc-audio-offer.sdp");
        rule.apply(sdp, ConversionContext.offer());
        MediaDescription m = sdp.media().get(0);
        // highest-priority UDP component-1 candidate: the first host (2122260223)
        assertEquals(54321, m.port());
        assertEquals("IN IP4 192.168.1.23", m.connection().orElseThrow().content());
        assertEquals("54321 IN IP4 192.168.1.23", m.attribute("rtcp").orElseThrow().valueOr(""));
        assertEquals(1, m.attributes("rtcp").size());
        assertEquals("c=IN IP4 192.168.1.23", m.lines().get(0).toString(), "c= replaced in place");
    }

    @Test
    void rtcpWithoutMuxUsesTheComponent2Candidate() {
        SessionDescription sdp = SdpFiles.parse("libwebrtc-audio-video-offer.sdp");
        for (MediaDescription m : sdp.media()) {
            m.removeAttributes("rtcp-mux");
        }
        rule.apply(sdp, ConversionContext.offer());
        MediaDescription audio = sdp.media().get(0);
        MediaDescription video = sdp.media().get(1);
        assertEquals(46243, audio.port());
        assertEquals("56280 IN IP4 192.168.0.196", audio.attribute("rtcp").orElseThrow().valueOr(""));
        assertEquals(51472, video.port());
        assertEquals("60066 IN IP4 192.168.0.196", video.attribute("rtcp").orElseThrow().valueOr(""));
        assertEquals("IN IP4 192.168.0.196", video.connection().orElseThrow().content());
    }

    @Test
    void rtcpAttributeIsAddedForComponent2WhenMissing() {
        SessionDescription sdp = parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=candidate:1 1 udp 100 10.0.0.1 4000 typ host\r\n"
                + "a=candidate:1 2 udp 99 10.0.0.1 4001 typ host\r\n");
        rule.apply(sdp, ConversionContext.offer());
        assertEquals("4001 IN IP4 10.0.0.1", sdp.media().get(0).attribute("rtcp").orElseThrow().valueOr(""));
    }

    @Test
    void sessionLevelConnectionIsSetWhenAllSectionsAgree() {
        SessionDescription sdp = parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                + "m=audio 9 RTP/AVP 0\r\na=rtcp-mux\r\na=candidate:1 1 udp 100 10.0.0.1 4000 typ host\r\n"
                + "m=video 9 RTP/AVP 96\r\na=rtcp-mux\r\na=candidate:1 1 udp 100 10.0.0.1 4002 typ host\r\n"
                + "m=video 0 RTP/AVP 96\r\n");
        rule.apply(sdp, ConversionContext.offer());
        assertEquals("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=rtcp-mux\r\na=candidate:1 1 udp 100 10.0.0.1 4000 typ host\r\n"
                + "m=video 4002 RTP/AVP 96\r\na=rtcp-mux\r\na=candidate:1 1 udp 100 10.0.0.1 4002 typ host\r\n"
                + "m=video 0 RTP/AVP 96\r\n", sdp.toString());
    }

    @Test
    void mediaLevelConnectionIsInsertedWhenSectionsDisagree() {
        SessionDescription sdp = parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                + "m=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp 100 10.0.0.1 4000 typ host\r\n"
                + "m=video 9 RTP/AVP 96\r\na=candidate:1 1 udp 100 2001:db8::1 4002 typ host\r\n");
        rule.apply(sdp, ConversionContext.offer());
        assertEquals("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 10.0.0.1\r\na=candidate:1 1 udp 100 10.0.0.1 4000 typ host\r\n"
                + "m=video 4002 RTP/AVP 96\r\nc=IN IP6 2001:db8::1\r\n"
                + "a=candidate:1 1 udp 100 2001:db8::1 4002 typ host\r\n", sdp.toString());
    }

    @Test
    void portZeroBundleOnlyAndCandidateLessSectionsAreLeftAlone() {
        String text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 0 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=candidate:1 1 udp 100 10.0.0.1 4000 typ host\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=bundle-only\r\n"
                + "a=candidate:1 1 udp 100 10.0.0.1 4002 typ host\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 97\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 98\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=candidate:1 1 tcp 100 10.0.0.1 4004 typ host tcptype passive\r\n";
        SessionDescription sdp = parse(text);
        rule.apply(sdp, ConversionContext.offer());
        assertEquals(text, sdp.toString());
    }

    @Test
    void nonUdpCandidatesAreNotDefault() {
        SessionDescription sdp = parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=candidate:1 1 tcp 2000 10.0.0.1 9 typ host tcptype active\r\n"
                + "a=candidate:2 1 udp 100 10.0.0.2 4000 typ host\r\n");
        rule.apply(sdp, ConversionContext.offer());
        assertEquals(4000, sdp.media().get(0).port());
        assertTrue(sdp.toString().contains("c=IN IP4 10.0.0.2\r\n"));
    }
}
