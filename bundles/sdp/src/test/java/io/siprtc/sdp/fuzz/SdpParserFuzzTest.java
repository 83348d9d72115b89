package io.siprtc.sdp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.siprtc.sdp.SdpLimits;
import io.siprtc.sdp.SdpParseException;
import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SdpWriter;
import io.siprtc.sdp.SessionDescription;

/**
 * Fuzzes the parser with arbitrary bytes: it either refuses them with an {@link SdpParseException}
 * naming a line in range, or gives a description whose text parses again to an equal one and is
 * written back identically (the writer is a fixed point), and whose typed views never throw.
 * Regression mode (every build) replays the seeds and kept crash inputs in
 * {@code src/test/resources/io/siprtc/sdp/fuzz/SdpParserFuzzTestInputs/parse/}; see the pom for a
 * fuzzing run.
 */
class SdpParserFuzzTest {

    private static final SdpLimits LIMITS = new SdpLimits(16 * 1024, 2048, 400);

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] data) {
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(data, LIMITS);
        } catch (SdpParseException e) {
            long lines = 1;
            for (byte b : data) {
                if (b == '\n') {
                    lines++;
                }
            }
            if (e.lineNumber() < 0 || e.lineNumber() > lines + 1) {
                throw new AssertionError("line " + e.lineNumber() + " out of range: " + e.getMessage());
            }
            if (e.problem() == null || e.problem().isEmpty()) {
                throw new AssertionError("no problem text");
            }
            return;
        }
        String text = SdpWriter.write(sdp);
        SessionDescription again;
        try {
            again = SdpParser.parse(text, new SdpLimits(64 * 1024, 4096, 1000));
        } catch (SdpParseException e) {
            throw new AssertionError("written text does not parse: " + e.getMessage() + "\n" + text, e);
        }
        assertEquals(sdp, again);
        assertEquals(text, SdpWriter.write(again));
        Views.touch(sdp);
    }
}
