package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading libwebrtc's stats report into the figures a call shows. */
class StatsCollectorTest {

    private final Map<String, RTCStats> stats = new LinkedHashMap<>();

    @Test
    void sumsRtpStreamsAndNamesTheCodecAndTheNominatedPair() {
        add("out1", RTCStatsType.OUTBOUND_RTP, "packetsSent", 50L, "bytesSent", 4000L, "codecId", "c1");
        add("out2", RTCStatsType.OUTBOUND_RTP, "packetsSent", 10L, "bytesSent", BigInteger.valueOf(800));
        add("in1", RTCStatsType.INBOUND_RTP, "packetsReceived", 48L, "bytesReceived", 3900L);
        add("c1", RTCStatsType.CODEC, "mimeType", "audio/opus", "clockRate", 48000L, "channels", 2L);
        add("l1", RTCStatsType.LOCAL_CANDIDATE, "candidateType", "host", "address", "127.0.0.1", "port", 50000L, "protocol", "udp");
        add("r1", RTCStatsType.REMOTE_CANDIDATE, "candidateType", "host", "ip", "127.0.0.1", "port", 50002L, "protocol", "udp");
        add("p0", RTCStatsType.CANDIDATE_PAIR, "nominated", false, "state", "succeeded", "localCandidateId", "x", "remoteCandidateId", "y");
        add("p1", RTCStatsType.CANDIDATE_PAIR, "nominated", true, "state", "succeeded", "localCandidateId", "l1", "remoteCandidateId", "r1");

        StatsCollector.Snapshot s = StatsCollector.parse(report());
        assertEquals(60, s.packetsSent);
        assertEquals(4800, s.bytesSent);
        assertEquals(48, s.packetsReceived);
        assertEquals(3900, s.bytesReceived);
        assertEquals("opus/48000/2", s.codec);
        assertEquals("host 127.0.0.1:50000 udp <-> host 127.0.0.1:50002 udp", s.pair);
    }

    @Test
    void anEarlyReportHasZerosAndNoNames() {
        add("p1", RTCStatsType.CANDIDATE_PAIR, "nominated", true, "state", "in-progress", "localCandidateId", "l1", "remoteCandidateId", "r1");
        add("out1", RTCStatsType.OUTBOUND_RTP, "codecId", "missing");
        StatsCollector.Snapshot s = StatsCollector.parse(report());
        assertEquals(0, s.packetsSent);
        assertEquals(0, s.packetsReceived);
        assertEquals("", s.codec);
        assertEquals("", s.pair);
    }

    @Test
    void aPairWhoseCandidatesAreMissingIsStillDescribed() {
        add("p1", RTCStatsType.CANDIDATE_PAIR, "nominated", true, "state", "succeeded", "localCandidateId", "gone", "remoteCandidateId", "gone2");
        assertEquals("? <-> ?", StatsCollector.parse(report()).pair);
    }

    private void add(String id, RTCStatsType type, Object... keyValues) {
        Map<String, Object> attributes = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.put((String) keyValues[i], keyValues[i + 1]);
        }
        stats.put(id, new RTCStats(0, type, id, attributes) { });
    }

    private RTCStatsReport report() {
        return new RTCStatsReport(stats, 0) { };
    }
}
