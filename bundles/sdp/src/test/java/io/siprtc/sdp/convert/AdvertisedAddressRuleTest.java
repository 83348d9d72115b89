package io.siprtc.sdp.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siprtc.sdp.Candidate;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.SdpFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertisedAddressRuleTest {

    private final AdvertisedAddressRule rule = new AdvertisedAddressRule();

    @Test
    void rewritesSameFamilyHostsAndDropsOtherFamily() {
        SessionDescription sdp = SdpFiles.parse("webrtc-java-audio-offer.sdp");
        rule.apply(sdp, ConversionContext.offer().withAdvertisedAddress("127.0.0.1"));
        List<Candidate> c = sdp.media().get(0).candidates();
        assertEquals(1, c.size());
        assertEquals("2406154622 1 udp 2113937151 127.0.0.1 58545 typ host generation 0 ufrag 6LvT network-cost 999",
                c.get(0).toValue());
    }

    @Test
    void ipv6AdvertisedAddressKeepsIpv6Hosts() {
        SessionDescription sdp = SdpFiles.parse("webrtc-java-audio-offer.sdp");
        rule.apply(sdp, ConversionContext.offer().withAdvertisedAddress("::1"));
        List<Candidate> c = sdp.media().get(0).candidates();
        assertEquals(1, c.size());
        assertEquals("::1", c.get(0).address());
        assertEquals(55782, c.get(0).port());
    }

    @Test
    void leavesNonHostCandidatesAndPlacesAlone() {
        SessionDescription sdp = SdpFiles.parse("libwebrtc-audio-offer.sdp");
        MediaDescription m = sdp.media().get(0);
        int firstCandidate = m.lines().indexOf(m.attribute("candidate").orElseThrow());
        rule.apply(sdp, ConversionContext.offer().withAdvertisedAddress("127.0.0.1"));
        List<Candidate> c = m.candidates();
        assertEquals(5, c.size());
        assertEquals(List.of("127.0.0.1", "127.0.0.1", "127.0.0.1", "203.0.113.77", "198.51.100.20"),
                c.stream().map(Candidate::address).toList());
        assertEquals(List.of(54321, 60123, 9, 54321, 61234), c.stream().map(Candidate::port).toList());
        assertEquals("192.168.1.23", c.get(3).relAddr().orElseThrow());
        assertEquals(firstCandidate, m.lines().indexOf(m.attribute("candidate").orElseThrow()), "in place");
    }

    @Test
    void nothingWithoutAdvertisedAddress() {
        SessionDescription sdp = SdpFiles.parse("webrtc-java-audio-offer.sdp");
        rule.apply(sdp, ConversionContext.offer());
        assertEquals(SdpFiles.crlf("webrtc-java-audio-offer.sdp"), sdp.toString());
    }

    @Test
    void dropsHostNameCandidates() throws Exception {
        SessionDescription sdp = io.siprtc.sdp.SdpParser.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"
                + "a=candidate:1 1 udp 2122260223 6f1c3b2e-0d3a-4b1e-9a5e-1f2d3c4b5a69.local 50000 typ host\r\n"
                + "a=candidate:2 1 udp 2122260222 10.0.0.9 50002 typ host\r\n");
        rule.apply(sdp, ConversionContext.offer().withAdvertisedAddress("127.0.0.1"));
        assertEquals(List.of("2 1 udp 2122260222 127.0.0.1 50002 typ host"),
                sdp.media().get(0).candidates().stream().map(Candidate::toValue).toList());
    }
}
