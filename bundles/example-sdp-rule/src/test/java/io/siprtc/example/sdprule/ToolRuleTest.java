package io.siprtc.example.sdprule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SdpWriter;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.SdpConverter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolRuleTest {

    private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=tool:libwebrtc\r\n"
            + "m=audio 5000 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 127.0.0.1\r\na=rtcp-rsize\r\na=rtpmap:111 opus/48000/2\r\n";

    @Test
    void setsTheToolAndStripsAttributesAndTheResultParses() throws Exception {
        SessionDescription in = SdpParser.parse(OFFER);
        SessionDescription out = new SdpConverter(List.of(new ToolRule("SIPRTC 0.1", Set.of("rtcp-rsize"))))
                .convert(in, ConversionContext.offer());
        String text = SdpWriter.write(out);
        assertTrue(text.contains("\r\nt=0 0\r\na=tool:SIPRTC 0.1\r\nm=audio"), "replaced in place:\n" + text);
        assertFalse(text.contains("rtcp-rsize"), text);
        assertEquals(out, SdpParser.parse(text));
        assertEquals(OFFER, SdpWriter.write(in), "the converter works on a copy");
    }

    @Test
    void emptyToolAddsNone() throws Exception {
        SessionDescription out = new SdpConverter(List.of(new ToolRule("", Set.of("tool"))))
                .convert(SdpParser.parse(OFFER), ConversionContext.answer());
        assertFalse(out.hasAttribute("tool"));
        assertEquals("example-tool", new ToolRule().name());
    }
}
