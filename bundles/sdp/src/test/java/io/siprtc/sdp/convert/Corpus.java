package io.siprtc.sdp.convert;

import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SessionDescription;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses corpus files and small texts for the rule tests. */
final class Corpus {

    private Corpus() {
    }

    static SessionDescription file(String name) {
        try {
            return SdpParser.parse(Files.readAllBytes(Path.of(Corpus.class.getResource("/corpus/" + name).toURI())));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static SessionDescription text(String... lines) {
        try {
            return SdpParser.parse(String.join("\r\n", lines) + "\r\n");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0";
}
