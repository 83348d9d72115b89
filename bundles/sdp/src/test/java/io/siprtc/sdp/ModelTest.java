package io.siprtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void attributeNameAndValue() {
        Attribute flag = Attribute.of("rtcp-mux");
        assertEquals("rtcp-mux", flag.name());
        assertEquals(Optional.empty(), flag.value());
        assertEquals("a=rtcp-mux", flag.toString());
        Attribute empty = Attribute.of("x", "");
        assertEquals("a=x:", empty.toString());
        assertTrue(empty.hasValue());
        Attribute v = Attribute.of("rtpmap", "0 PCMU/8000");
        assertTrue(v.isNamed("rtpmap"));
        assertFalse(v.isNamed("rtp"));
        assertFalse(v.isNamed("rtpmap:0"));
        assertEquals("a=rtpmap:8 PCMA/8000", v.withValue("8 PCMA/8000").toString());
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("a:b"));
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("x", "line\r\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> RawLine.of('a', "x"));
    }

    @Test
    void attributeEditing() {
        SessionDescription sdp = SdpFiles.parse("libwebrtc-audio-video-offer.sdp");
        MediaDescription video = sdp.media().get(1);
        assertEquals(15, video.attributes("rtcp-fb").size());
        assertEquals(15, video.removeAttributes("rtcp-fb"));
        assertTrue(video.attributes("rtcp-fb").isEmpty());
        assertEquals(0, video.removeAttributes("rtcp-fb"));
        video.setAttribute(Attribute.of("mid", "v"));
        assertEquals(List.of(Attribute.of("mid", "v")), video.attributes("mid"));
        video.setAttribute(Attribute.of("ssrc", "1 cname:x"));
        assertEquals(1, video.attributes("ssrc").size());
        video.addAttribute("x-new", null);
        assertEquals(Attribute.of("x-new"), video.lines().get(video.lines().size() - 1));
    }

    @Test
    void connectionIsInsertedInRfcOrder() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\na=x\r\n"
                + "m=audio 5 RTP/AVP 0\r\ni=info\r\nb=AS:1\r\na=y\r\n");
        sdp.setConnection(Connection.of("10.0.0.1"));
        sdp.media().get(0).setConnection(Connection.of("2001:db8::1"));
        assertEquals("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\na=x\r\n"
                + "m=audio 5 RTP/AVP 0\r\ni=info\r\nc=IN IP6 2001:db8::1\r\nb=AS:1\r\na=y\r\n", sdp.toString());
        sdp.setConnection(Connection.of("10.0.0.2"));
        assertEquals("10.0.0.2", sdp.connection().orElseThrow().address());
        assertEquals(1, sdp.lines().stream().filter(l -> l.type() == 'c').count());
    }

    @Test
    void copyIsDeepAndEqual() {
        SessionDescription sdp = SdpFiles.parse("libwebrtc-audio-video-offer.sdp");
        String before = sdp.toString();
        SessionDescription copy = sdp.copy();
        assertEquals(sdp, copy);
        copy.media().get(0).setPort(1234);
        copy.media().get(1).removeAttributes("candidate");
        copy.media().remove(1);
        copy.setOrigin(copy.origin().orElseThrow().withNextVersion());
        copy.addAttribute("x", "y");
        assertEquals(before, sdp.toString());
        assertNotEquals(sdp, copy);
        assertEquals("3", copy.origin().orElseThrow().sessionVersion());
    }

    @Test
    void buildFromScratch() {
        SessionDescription sdp = new SessionDescription();
        sdp.setOrigin(Origin.of("-", "1", "1", "IN", "IP4", "127.0.0.1"));
        sdp.lines().add(RawLine.of('s', "-"));
        sdp.lines().add(RawLine.of('t', "0 0"));
        MediaDescription m = new MediaDescription(MediaLine.of("audio", 4000, "RTP/AVP", List.of("0", "101")));
        m.setConnection(Connection.of("127.0.0.1"));
        m.addAttribute("rtpmap", "0 PCMU/8000");
        sdp.addMedia(m);
        assertEquals("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\n"
                + "c=IN IP4 127.0.0.1\r\na=rtpmap:0 PCMU/8000\r\n", SdpWriter.write(sdp));
    }

    @Test
    void originVersionBeyondLong() {
        Origin o = Origin.of("-", "1", "18446744073709551615", "IN", "IP4", "127.0.0.1");
        assertEquals("18446744073709551616", o.withNextVersion().sessionVersion());
        assertEquals("IP6", o.withAddress("::1").addrType());
        assertThrows(IllegalArgumentException.class, () -> Origin.of("-", "1", "x", "IN", "IP4", "h"));
    }

    @Test
    void mediaLine() {
        MediaLine m = MediaLine.of("audio", 9, 2, "RTP/AVP", List.of("0"));
        assertEquals("m=audio 9/2 RTP/AVP 0", m.toString());
        assertEquals("m=audio 10/2 RTP/AVP 0", m.withPort(10).toString());
        assertThrows(IllegalArgumentException.class, () -> MediaLine.of("audio", 70000, "RTP/AVP", List.of("0")));
        assertThrows(IllegalArgumentException.class, () -> MediaLine.of("audio", 9, "RTP/AVP", List.of()));
    }

    @Test
    void addressFamily() {
        assertEquals(Optional.of(AddressFamily.IP4), AddressFamily.of("127.0.0.1"));
        assertEquals(Optional.of(AddressFamily.IP4), AddressFamily.of("0.0.0.0"));
        assertEquals(Optional.of(AddressFamily.IP6), AddressFamily.of("::1"));
        assertEquals(Optional.of(AddressFamily.IP6), AddressFamily.of("fd00::2"));
        assertEquals(Optional.of(AddressFamily.IP6), AddressFamily.of("fe80::1%eth0"));
        assertEquals(Optional.of(AddressFamily.IP6), AddressFamily.of("::ffff:192.0.2.1"));
        assertEquals(Optional.of(AddressFamily.IP6), AddressFamily.of("2001:0db8:0000:0000:0000:ff00:0042:8329"));
        for (String s : new String[] {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "a.b.c.d", "host.local", "1:2", ":::::::::",
                "12345::1", "1.2.3.4 ", "0001.2.3.4"}) {
            assertEquals(Optional.empty(), AddressFamily.of(s), s);
        }
    }
}
