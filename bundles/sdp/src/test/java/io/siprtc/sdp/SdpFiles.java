package io.siprtc.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the test SDP files from {@code src/test/resources/sdp/}. */
public final class SdpFiles {

    private SdpFiles() {
    }

    /** The file's text with LF line endings, as stored. */
    public static String lf(String name) {
        try (InputStream in = SdpFiles.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test SDP " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text with CRLF line endings, as sent on the wire. */
    public static String crlf(String name) {
        return lf(name).replace("\n", "\r\n");
    }

    /** Parses the CRLF text of a file. */
    public static SessionDescription parse(String name) {
        try {
            return SdpParser.parse(crlf(name));
        } catch (SdpParseException e) {
            throw new AssertionError(e);
        }
    }
}
