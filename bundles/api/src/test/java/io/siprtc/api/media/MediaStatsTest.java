package io.siprtc.api.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The 1.2 constructor still works; the 1.3 builder adds the quality figures. */
class MediaStatsTest {

    @Test
    void theOldConstructorLeavesTheQualityFiguresUnknown() {
        MediaStats s = new MediaStats("opus/48000/2", 50, 49, 8000, 7900, 100, 440, 880, 1, "host a <-> host b");
        assertEquals("opus/48000/2", s.codec());
        assertEquals(49, s.packetsReceived());
        assertEquals(7900, s.bytesReceived());
        assertEquals(-1, s.roundTripTimeMs());
        assertEquals(-1, s.jitterMs());
        assertEquals(-1, s.jitterBufferMs());
        assertEquals(0, s.mos());
        assertEquals("", s.localCandidateType());
        assertEquals("codec=opus/48000/2 sent=50 pkts received=49 pkts lost=0 tone out=440 Hz in=880.0 Hz pair=host a <-> host b",
                s.toString());
        assertEquals(0, MediaStats.NONE.packetsSent());
    }

    @Test
    void theBuilderCarriesEveryFigureAndToStringStaysOneLine() {
        MediaStats s = MediaStats.builder().codec("opus/48000/2").packetsSent(500).packetsReceived(490).packetsLost(10)
                .fractionLost(0.02).jitterMs(2.25).roundTripTimeMs(12).jitterBufferMs(40).sendKbps(32.04)
                .receiveKbps(31.5).candidateTypes("host", "prflx").mos(4.3).candidatePair("p").build();
        assertEquals(10, s.packetsLost());
        assertEquals(0.02, s.fractionLost());
        assertEquals(2.25, s.jitterMs());
        assertEquals(12, s.roundTripTimeMs());
        assertEquals(40, s.jitterBufferMs());
        assertEquals(32.04, s.sendKbps());
        assertEquals(31.5, s.receiveKbps());
        assertEquals("host", s.localCandidateType());
        assertEquals("prflx", s.remoteCandidateType());
        assertEquals(4.3, s.mos());
        assertEquals("codec=opus/48000/2 sent=500 pkts received=490 pkts lost=10 jitter=2.3 ms rtt=12 ms"
                + " kbit/s out=32.0 in=31.5 mos=4.30 tone out=0 Hz in=0.0 Hz pair=p", s.toString());
        assertTrue(!s.toString().contains("\n"));
        assertEquals(0, MediaStats.builder().packetsLost(-3).build().packetsLost(), "RFC 3550 loss can go negative");
        assertEquals(1, MediaStats.builder().fractionLost(7).build().fractionLost());
    }
}
