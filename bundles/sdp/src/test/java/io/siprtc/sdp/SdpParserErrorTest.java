package io.siprtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SdpParserErrorTest {

    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", 1, "empty input"),
                Arguments.of("\r\n\r\n", 1, "empty input"),
                Arguments.of("o=- 1 2 IN IP4 127.0.0.1\r\n", 1, "first line must be v=0"),
                Arguments.of("v=1\r\n", 1, "first line must be v=0"),
                Arguments.of(" v=0\r\n", 1, "expected <type>=<value>"),
                Arguments.of("v=0\r\nhello\r\n", 2, "expected <type>=<value>"),
                Arguments.of("v=0\r\nx\r\n", 2, "expected <type>=<value>"),
                Arguments.of("v=0\r\nA=b\r\n", 2, "lower-case letter"),
                Arguments.of("v=0\r\n\r\ns=-\r\n", 2, "empty line"),
                Arguments.of("v=0\r\ns=a\rb\r\n", 2, "carriage return"),
                Arguments.of("v=0\r\nv=0\r\n", 2, "only allowed as the first line"),
                Arguments.of("v=0\r\no=- 1 2 IN IP4\r\n", 2, "o= line needs 6 fields"),
                Arguments.of("v=0\r\no=- abc 2 IN IP4 127.0.0.1\r\n", 2, "session id is not numeric"),
                Arguments.of("v=0\r\no=- 1 2x IN IP4 127.0.0.1\r\n", 2, "session version is not numeric"),
                Arguments.of("v=0\r\nc=IN IP4\r\n", 2, "c= line needs 3 fields"),
                Arguments.of("v=0\r\nb=AS\r\n", 2, "b= line must be"),
                Arguments.of("v=0\r\nb=AS:fast\r\n", 2, "bandwidth is not numeric"),
                Arguments.of("v=0\r\nt=0\r\n", 2, "t= line must be two numbers"),
                Arguments.of("v=0\r\nt=now later\r\n", 2, "t= line must be two numbers"),
                Arguments.of("v=0\r\na=\r\n", 2, "without an attribute name"),
                Arguments.of("v=0\r\na=:x\r\n", 2, "without an attribute name"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP\r\n", 5, "m= line needs"),
                Arguments.of(HEAD + "m=audio\r\n", 5, "m= line needs"),
                Arguments.of(HEAD + "m=audio nine RTP/AVP 0\r\n", 5, "m= port is not a number"),
                Arguments.of(HEAD + "m=audio 65536 RTP/AVP 0\r\n", 5, "m= port is not a number"),
                Arguments.of(HEAD + "m=audio -1 RTP/AVP 0\r\n", 5, "m= port is not a number"),
                Arguments.of(HEAD + "m=audio 9/0 RTP/AVP 0\r\n", 5, "number of ports"),
                Arguments.of(HEAD + "m=audio 9/x RTP/AVP 0\r\n", 5, "number of ports"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\no=- 1 2 IN IP4 127.0.0.1\r\n", 6, "inside a media"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\nc=IN\r\n", 7, "c= line needs"),
                Arguments.of(HEAD + "r=7d 1h\r\n", 5, "r= line needs"),
                Arguments.of(HEAD + "r=7d 1x 0\r\n", 5, "r= time is not a number"),
                Arguments.of(HEAD + "z=2882844526\r\n", 5, "z= line needs"),
                Arguments.of(HEAD + "z=2882844526 -1y\r\n", 5, "z= offset is not a number"),
                // line order (RFC 8866 section 5)
                Arguments.of("v=0\r\ns=-\r\n", 2, "expected o= as the second line"),
                Arguments.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nt=0 0\r\n", 3, "expected s= as the third line"),
                Arguments.of(HEAD + "c=IN IP4 1.2.3.4\r\n", 5, "c= line after t= line"),
                Arguments.of(HEAD + "a=x\r\nb=AS:1\r\n", 6, "b= line after a= line"),
                Arguments.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nm=audio 9 RTP/AVP 0\r\n", 4, "before any t= line"),
                Arguments.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\na=x\r\n", 5, "missing t= line"),
                Arguments.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\ns=-\r\n", 4, "second s= line"),
                Arguments.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nr=1 2 3\r\n", 4, "r= line not after a t= line"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=x\r\nc=IN IP4 1.2.3.4\r\n", 7, "c= line after a= line"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\ni=a\r\ni=b\r\n", 7, "second i= line"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\nt=0 0\r\n", 6, "t= line inside a media description"),
                // control characters
                Arguments.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=a\u0000b\r\n", 3, "control character U+0000 at column 4"),
                Arguments.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=\u001b[2J\r\n", 3, "control character U+001B"),
                Arguments.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=\ud800\r\n", 3, "unpaired UTF-16 surrogate"),
                // attributes SIPRTC interprets (JSEP, RFC 8829 section 5.8)
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=rtpmap:x PCMU/8000\r\n", 6, "a=rtpmap payload type is not a number"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/fast\r\n", 6, "a=rtpmap clock rate"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=rtpmap\r\n", 6, "a=rtpmap needs a value"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=extmap:99999 urn:x\r\n", 6, "a=extmap id"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=ssrc:-1 cname:x\r\n", 6, "a=ssrc id"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=ssrc-group:FID 1 two\r\n", 6, "a=ssrc-group ssrc"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=setup:maybe\r\n", 6, "a=setup must be"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=rtcp:port\r\n", 6, "a=rtcp port"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=ptime:twenty\r\n", 6, "a=ptime is not a number"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=mid:a b\r\n", 6, "a=mid needs a value without spaces"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=fingerprint:sha-256\r\n", 6, "a=fingerprint needs"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=rtcp-fb:x nack\r\n", 6, "a=rtcp-fb format"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=simulcast:send\r\n", 6, "a=simulcast needs"),
                Arguments.of(HEAD + "m=audio 9 RTP/AVP 0\r\na=crypto:1 AES\r\n", 6, "a=crypto needs"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputNamesTheLine(String text, int line, String problem) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(text));
        assertEquals(line, e.lineNumber(), e.getMessage());
        assertTrue(e.getMessage().startsWith("SDP line " + line + ": "), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
    }

    @Test
    void badUtf8BytesNameTheLineAndColumn() {
        byte[] head = (HEAD + "s=").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xC3; // a lead byte without its continuation
        bytes[head.length + 1] = '\r';
        bytes[head.length + 2] = '\n';
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(bytes));
        assertEquals(5, e.lineNumber());
        assertTrue(e.problem().contains("invalid UTF-8: byte 0xC3 at column 3"), e.getMessage());
    }

    @Test
    void utf8TextIsAccepted() throws Exception {
        byte[] bytes = ("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=Gr\u00fc\u00dfe \u2603\r\nt=0 0\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("Gr\u00fc\u00dfe \u2603", SdpParser.parse(bytes).sessionName().orElseThrow());
    }

    @Test
    void millionsOfLinesAreRefusedBeforeAnyWork() {
        byte[] bytes = ("v=0\n" + "a=x\n".repeat(3_000_000)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        SdpParseException e = assertTimeoutPreemptively(Duration.ofMillis(500),
                () -> assertThrows(SdpParseException.class, () -> SdpParser.parse(bytes)));
        assertEquals(0, e.lineNumber());
    }

    @Test
    void unknownLineTypesAreAllowedAnywhere() throws Exception {
        String text = HEAD + "y=x\r\nm=audio 9 RTP/AVP 0\r\nq=1\r\nc=IN IP4 1.2.3.4\r\n";
        assertEquals(text, SdpWriter.write(SdpParser.parse(text)));
    }

    @Test
    void lfInputErrorsNameTheLineToo() {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> SdpParser.parse("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nbogus\n"));
        assertEquals(4, e.lineNumber());
    }

    @Test
    void oversizedInputIsRefusedQuickly() {
        String huge = "v=0\r\n" + "a=x\r\n".repeat(2_000_000);
        SdpParseException e = assertTimeoutPreemptively(Duration.ofMillis(200),
                () -> assertThrows(SdpParseException.class, () -> SdpParser.parse(huge)));
        assertEquals(0, e.lineNumber());
        assertTrue(e.getMessage().contains("more than the limit of 65536"), e.getMessage());
    }

    @Test
    void longLineIsRefused() {
        String text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\na=x:" + "y".repeat(5000) + "\r\n";
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(text));
        assertEquals(3, e.lineNumber());
        assertTrue(e.getMessage().contains("longer than the limit of 4096"), e.getMessage());
    }

    @Test
    void tooManyLinesAreRefused() {
        String text = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\n" + "a=x\n".repeat(1997);
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(text));
        assertEquals(2001, e.lineNumber());
        assertTrue(e.getMessage().contains("more than 2000 lines"), e.getMessage());
    }

    @Test
    void limitsAreConfigurable() throws Exception {
        String text = SdpFiles.crlf("sip-phone-pcmu.sdp");
        SdpParser.parse(text, new SdpLimits(text.length(), 80, 14));
        assertEquals(0, assertThrows(SdpParseException.class,
                () -> SdpParser.parse(text, new SdpLimits(text.length() - 1, 80, 14))).lineNumber());
        assertEquals(15, assertThrows(SdpParseException.class,
                () -> SdpParser.parse(text + "a=x\r\n", new SdpLimits(1000, 80, 14))).lineNumber());
        assertEquals(2, assertThrows(SdpParseException.class,
                () -> SdpParser.parse(text, new SdpLimits(1000, 40, 14))).lineNumber());
    }

    @Test
    void largestAcceptedInputParsesInLinearTime() throws Exception {
        // LF-only input at the limits: CR scanning must not go quadratic.
        StringBuilder sb = new StringBuilder("v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\n");
        while (sb.length() < 60_000) {
            sb.append("a=x-filler:0123456789abcdef\n");
        }
        String text = sb.toString();
        SessionDescription sdp = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> SdpParser.parse(text, new SdpLimits(64 * 1024, 4096, 5000)));
        assertEquals(text.replace("\n", "\r\n"), SdpWriter.write(sdp));
    }
}
