package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import io.siprtc.api.media.MediaStats;
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
        assertEquals("host", s.localType);
        assertEquals("host", s.remoteType);
        assertEquals(-1, s.jitterMs);
        assertEquals(-1, s.rttMs);
    }

    @Test
    void readsLossJitterRttAndTheTransportsSelectedPair() {
        add("out1", RTCStatsType.OUTBOUND_RTP, "packetsSent", BigInteger.valueOf(500), "bytesSent", BigInteger.valueOf(40000),
                "codecId", "c1", "transportId", "T01");
        add("in1", RTCStatsType.INBOUND_RTP, "packetsReceived", 490L, "bytesReceived", BigInteger.valueOf(39000),
                "packetsLost", 10, "jitter", 0.0125, "jitterBufferDelay", 2400.0, "jitterBufferEmittedCount",
                BigInteger.valueOf(48000), "codecId", "c2", "transportId", "T01");
        add("c1", RTCStatsType.CODEC, "mimeType", "audio/opus", "clockRate", 48000L, "channels", 2L);
        add("c2", RTCStatsType.CODEC, "mimeType", "audio/PCMU", "clockRate", 8000L);
        add("T01", RTCStatsType.TRANSPORT, "selectedCandidatePairId", "p2");
        add("l1", RTCStatsType.LOCAL_CANDIDATE, "candidateType", "host", "address", "127.0.0.1", "port", 50000, "protocol", "udp");
        add("l2", RTCStatsType.LOCAL_CANDIDATE, "candidateType", "relay", "address", "127.0.0.1", "port", 50010, "protocol", "udp");
        add("r2", RTCStatsType.REMOTE_CANDIDATE, "candidateType", "prflx", "ip", "127.0.0.1", "port", 50012, "protocol", "udp");
        // an older nominated pair that is no longer the selected one
        add("p1", RTCStatsType.CANDIDATE_PAIR, "nominated", true, "state", "succeeded", "localCandidateId", "l1",
                "remoteCandidateId", "r2", "currentRoundTripTime", 0.030);
        add("p2", RTCStatsType.CANDIDATE_PAIR, "nominated", true, "state", "succeeded", "localCandidateId", "l2",
                "remoteCandidateId", "r2", "currentRoundTripTime", 0.012);

        StatsCollector.Snapshot s = StatsCollector.parse(report(0));
        assertEquals("relay 127.0.0.1:50010 udp <-> prflx 127.0.0.1:50012 udp", s.pair);
        assertEquals("relay", s.localType);
        assertEquals("prflx", s.remoteType);
        assertEquals(12.0, s.rttMs, 1e-9, "the selected pair's ICE round trip while there is no RTCP one");
        assertEquals(10, s.packetsLost);
        assertEquals(12.5, s.jitterMs, 1e-9);
        assertEquals(0.05, s.jitterBufferDelaySeconds / s.jitterBufferEmitted, 1e-9);
        assertEquals("opus/48000/2", s.codec);
        assertEquals("PCMU/8000", s.receivedCodec);

        add("ri1", RTCStatsType.REMOTE_INBOUND_RTP, "roundTripTime", 0.021, "fractionLost", 0.0);
        assertEquals(21.0, StatsCollector.parse(report(0)).rttMs, 1e-9, "RTCP's round trip comes first");
    }

    @Test
    void bitratesAndLossCoverAboutTheLastSecond() {
        StatsCollector c = new StatsCollector(null, 440, new ToneAnalyzer());
        assertEquals(0, c.latest().mos(), "nothing received: no estimate");
        assertEquals(-1, c.latest().roundTripTimeMs());
        // polled every 100 ms: 4 kB/s out, 3 kB/s in, 50 packets/s in, no loss, 50 ms in the jitter buffer
        c.accept(snapshot(0, 0, 0, 0, 0, 0, 0));
        c.accept(snapshot(100_000, 400, 300, 5, 0, 240, 4800));
        assertEquals(0, c.latest().sendKbps(), "100 ms are too short to count");
        for (int i = 2; i <= 20; i++) {
            c.accept(snapshot(i * 100_000L, 400L * i, 300L * i, 5L * i, 0, 240.0 * i, 4800L * i));
        }
        MediaStats m = c.latest();
        assertEquals(32.0, m.sendKbps(), 1e-6);
        assertEquals(24.0, m.receiveKbps(), 1e-6);
        assertEquals(0, m.fractionLost());
        assertEquals(50.0, m.jitterBufferMs(), 1e-6);
        assertEquals(10.0, m.roundTripTimeMs());
        // one way: half the round trip, the jitter buffer, one 20 ms frame
        assertEquals(EModel.mos(5 + 50 + 20, 0, EModel.OPUS), m.mos(), 1e-9);
        assertTrue(m.mos() > 4.3 && m.mos() < 4.42, "" + m.mos());

        // the next second: 5 of 46 packets lost, the bitrate halves
        for (int i = 21; i <= 30; i++) {
            c.accept(snapshot(i * 100_000L, 8000 + 200L * (i - 20), 6000 + 150L * (i - 20), 100 + 4L * (i - 20) + 1,
                    (i - 20) / 2, 240.0 * i, 4800L * i));
        }
        m = c.latest();
        assertEquals(16.0, m.sendKbps(), 1e-6);
        assertEquals(12.0, m.receiveKbps(), 1e-6);
        assertEquals(5, m.packetsLost());
        assertEquals(5.0 / (5 + 41), m.fractionLost(), 1e-9);
        assertTrue(m.mos() < EModel.mos(5 + 50 + 20, 0, EModel.OPUS) - 0.2, "loss costs: " + m);

        // a rare poll covers the whole gap since the previous one
        c.accept(snapshot(3_050_000L, 10_010, 7_510, 145, 5, 240 * 30.5, 4800 * 30 + 2400));
        assertEquals(2010 * 8000 / 1_050_000.0, c.latest().sendKbps(), 1e-6, "sliding: from 2.0 s to 3.05 s");
        c.accept(snapshot(13_050_000L, 60_010, 7_510, 145, 5, 240 * 30.5, 4800 * 30 + 2400));
        assertEquals(50_000 * 8000 / 10_000_000.0, c.latest().sendKbps(), 1e-6);
        assertEquals(0, c.latest().receiveKbps(), 1e-6);
        assertEquals(0, c.latest().fractionLost());
    }

    @Test
    void countersThatGoBackStartTheWindowOver() {
        StatsCollector c = new StatsCollector(null, 0, new ToneAnalyzer());
        c.accept(snapshot(0, 0, 0, 0, 0, 0, 0));
        c.accept(snapshot(1_000_000, 4000, 4000, 50, 0, 0, 0));
        assertEquals(32.0, c.latest().sendKbps(), 1e-6);
        c.accept(snapshot(2_000_000, 100, 100, 2, 0, 0, 0)); // new streams after a re-offer
        assertTrue(c.latest().sendKbps() >= 0, "never negative");
        c.accept(snapshot(3_000_000, 4100, 4100, 52, 0, 0, 0));
        assertEquals(32.0, c.latest().sendKbps(), 1e-6);
    }

    private static StatsCollector.Snapshot snapshot(long us, long bytesSent, long bytesReceived, long packetsReceived,
            long lost, double jitterBufferSeconds, long emitted) {
        StatsCollector.Snapshot s = new StatsCollector.Snapshot();
        s.timestampUs = us;
        s.codec = "opus/48000/2";
        s.bytesSent = bytesSent;
        s.bytesReceived = bytesReceived;
        s.packetsSent = packetsReceived;
        s.packetsReceived = packetsReceived;
        s.packetsLost = lost;
        s.jitterMs = 1;
        s.rttMs = 10;
        s.jitterBufferDelaySeconds = jitterBufferSeconds;
        s.jitterBufferEmitted = emitted;
        return s;
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
        return report(0);
    }

    private RTCStatsReport report(long timestampUs) {
        return new RTCStatsReport(stats, timestampUs) { };
    }
}
