package io.siprtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdpParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"webrtc-java-audio-offer.sdp", "libwebrtc-audio-offer.sdp",
            "libwebrtc-audio-video-offer.sdp", "sip-phone-pcmu.sdp", "unusual.sdp"})
    void crlfRoundTripIsExact(String file) throws Exception {
        String text = SdpFiles.crlf(file);
        assertEquals(text, SdpWriter.write(SdpParser.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"webrtc-java-audio-offer.sdp", "libwebrtc-audio-video-offer.sdp", "unusual.sdp"})
    void lfInputIsWrittenWithCrlf(String file) throws Exception {
        assertEquals(SdpFiles.crlf(file), SdpWriter.write(SdpParser.parse(SdpFiles.lf(file))));
    }

    @Test
    void missingFinalLineEndingAndTrailingEmptyLinesAreAccepted() throws Exception {
        String text = SdpFiles.crlf("sip-phone-pcmu.sdp");
        String trimmed = text.substring(0, text.length() - 2);
        assertEquals(text, SdpWriter.write(SdpParser.parse(trimmed)));
        assertEquals(text, SdpWriter.write(SdpParser.parse(text + "\r\n\r\n")));
    }

    @Test
    void webRtcOfferStructure() {
        SessionDescription sdp = SdpFiles.parse("webrtc-java-audio-offer.sdp");
        Origin o = sdp.origin().orElseThrow();
        assertEquals("-", o.username());
        assertEquals("5139157233532476546", o.sessionId());
        assertEquals("2", o.sessionVersion());
        assertEquals("IN", o.netType());
        assertEquals("IP4", o.addrType());
        assertEquals("127.0.0.1", o.address());
        assertEquals("-", sdp.sessionName().orElseThrow());
        assertEquals("BUNDLE 0", sdp.attribute("group").orElseThrow().valueOr(null));
        assertEquals(" WMS s", sdp.attribute("msid-semantic").orElseThrow().value().orElseThrow());
        assertFalse(sdp.attribute("extmap-allow-mixed").orElseThrow().hasValue());
        assertTrue(sdp.connection().isEmpty());

        assertEquals(1, sdp.media().size());
        MediaDescription audio = sdp.media().get(0);
        assertEquals("audio", audio.media());
        assertEquals(9, audio.port());
        assertEquals(OptionalInt.empty(), audio.mediaLine().portCount());
        assertEquals("UDP/TLS/RTP/SAVPF", audio.proto());
        assertEquals(List.of("111", "63", "9", "0", "8", "13", "110", "126"), audio.formats());
        assertEquals("0.0.0.0", audio.connection().orElseThrow().address());
        assertTrue(audio.connection().orElseThrow().isUnspecified());
        assertEquals(8, audio.attributes("rtpmap").size());
        assertEquals("0", audio.mid().orElseThrow());
        assertTrue(audio.hasAttribute("rtcp-mux"));
        assertFalse(audio.hasAttribute("rtcp-mu"));
        assertEquals(2, audio.attributes("ssrc").size());

        List<Candidate> candidates = audio.candidates();
        assertEquals(2, candidates.size());
        Candidate c = candidates.get(0);
        assertEquals("2406154622", c.foundation());
        assertEquals(1, c.component());
        assertEquals("udp", c.transport());
        assertEquals(2113937151L, c.priority());
        assertEquals("192.0.2.2", c.address());
        assertEquals(58545, c.port());
        assertEquals("host", c.type());
        assertEquals(List.of(new Candidate.Extension("generation", "0"), new Candidate.Extension("ufrag", "6LvT"),
                new Candidate.Extension("network-cost", "999")), c.extensions());
        assertEquals(AddressFamily.IP6, candidates.get(1).addressFamily().orElseThrow());
    }

    @Test
    void sipPhoneStructure() {
        SessionDescription sdp = SdpFiles.parse("sip-phone-pcmu.sdp");
        assertEquals("198.51.100.10", sdp.connection().orElseThrow().address());
        MediaDescription audio = sdp.media().get(0);
        assertEquals("RTP/AVP", audio.proto());
        assertEquals(49170, audio.port());
        assertEquals(List.of("0", "8", "101"), audio.formats());
        assertEquals(64, audio.bandwidths().get(0).value());
        assertEquals("AS", audio.bandwidths().get(0).bwType());
        assertTrue(audio.connection().isEmpty());
        assertEquals("0-16", audio.attribute("fmtp").orElseThrow().valueOr("").substring(4));
    }

    @Test
    void unusualLinesAreKeptInPlace() {
        SessionDescription sdp = SdpFiles.parse("unusual.sdp");
        assertEquals(new BigInteger("18446744073709551617"), sdp.origin().orElseThrow().sessionVersionNumber());
        assertEquals(" ", sdp.sessionName().orElseThrow());
        assertEquals("224.2.17.12/127", sdp.connection().orElseThrow().address());
        assertEquals('y', sdp.lines().get(sdp.lines().size() - 1).type());
        assertEquals("", sdp.attribute("x-empty").orElseThrow().value().orElseThrow());
        assertEquals("weird tool: with colons: 1.0", sdp.attribute("tool").orElseThrow().valueOr(null));
        assertTrue(sdp.hasAttribute("rtcp-mux"), "media-level attribute before m= stays at session level");
        assertEquals(4, sdp.media().size());
        MediaDescription audio = sdp.media().get(0);
        assertEquals(OptionalInt.of(2), audio.mediaLine().portCount());
        assertEquals("IP6", audio.connection().orElseThrow().addrType());
        assertEquals(2, audio.bandwidths().size());
        assertEquals("  two leading spaces and trailing ", audio.attribute("x-unknown").orElseThrow().valueOr(null));
        assertTrue(audio.candidates().isEmpty(), "malformed candidate is skipped");
        assertEquals(1, audio.attributes("candidate").size(), "but kept as a line");
        assertEquals(0, sdp.media().get(1).port());
        assertEquals(List.of("webrtc-datachannel"), sdp.media().get(2).formats());
    }
}
