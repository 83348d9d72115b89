package io.siprtc.media.webrtc.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import io.siprtc.api.media.MediaStats;

/**
 * Asks libwebrtc for a stats report without blocking and keeps the newest figures; the tone
 * analyzer adds what was heard.
 */
final class StatsCollector {

    private final RTCPeerConnection pc;
    private final double sentToneHz;
    private final ToneAnalyzer analyzer;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Snapshot last = new Snapshot("", 0, 0, 0, 0, "");

    StatsCollector(RTCPeerConnection pc, double sentToneHz, ToneAnalyzer analyzer) {
        this.pc = pc;
        this.sentToneHz = sentToneHz;
        this.analyzer = analyzer;
    }

    /** Starts a refresh unless one is under way; the result lands in {@link #latest()}. */
    void refresh() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            pc.getStats(report -> {
                try {
                    last = parse(report);
                } finally {
                    pending.set(false);
                }
            });
        } catch (RuntimeException e) {
            pending.set(false);
        }
    }

    MediaStats latest() {
        Snapshot s = last;
        return new MediaStats(s.codec, s.packetsSent, s.packetsReceived, s.bytesSent, s.bytesReceived,
                analyzer.frames(), sentToneHz, analyzer.frequency(System.nanoTime()), analyzer.firstSignalNanos(), s.pair);
    }

    static Snapshot parse(RTCStatsReport report) {
        Map<String, RTCStats> all = report.getStats();
        long ps = 0, pr = 0, bs = 0, br = 0;
        String codecId = null;
        String pair = "";
        for (RTCStats s : all.values()) {
            Map<String, Object> a = s.getAttributes();
            if (s.getType() == RTCStatsType.OUTBOUND_RTP) {
                ps += num(a.get("packetsSent"));
                bs += num(a.get("bytesSent"));
                codecId = codecId == null ? (String) a.get("codecId") : codecId;
            } else if (s.getType() == RTCStatsType.INBOUND_RTP) {
                pr += num(a.get("packetsReceived"));
                br += num(a.get("bytesReceived"));
            } else if (s.getType() == RTCStatsType.CANDIDATE_PAIR && Boolean.TRUE.equals(a.get("nominated"))
                    && "succeeded".equals(String.valueOf(a.get("state")))) {
                pair = describe(all.get(a.get("localCandidateId"))) + " <-> " + describe(all.get(a.get("remoteCandidateId")));
            }
        }
        String codec = "";
        RTCStats c = codecId == null ? null : all.get(codecId);
        if (c != null) {
            Map<String, Object> a = c.getAttributes();
            codec = String.valueOf(a.get("mimeType")).replace("audio/", "") + "/" + a.get("clockRate")
                    + (a.get("channels") != null ? "/" + a.get("channels") : "");
        }
        return new Snapshot(codec, ps, pr, bs, br, pair);
    }

    private static String describe(RTCStats candidate) {
        if (candidate == null) {
            return "?";
        }
        Map<String, Object> a = candidate.getAttributes();
        Object address = a.get("address") != null ? a.get("address") : a.get("ip");
        return a.get("candidateType") + " " + address + ":" + a.get("port") + " " + a.get("protocol");
    }

    private static long num(Object o) {
        return o instanceof Number ? ((Number) o).longValue() : 0;
    }

    static final class Snapshot {
        final String codec;
        final long packetsSent;
        final long packetsReceived;
        final long bytesSent;
        final long bytesReceived;
        final String pair;

        Snapshot(String codec, long packetsSent, long packetsReceived, long bytesSent, long bytesReceived, String pair) {
            this.codec = codec;
            this.packetsSent = packetsSent;
            this.packetsReceived = packetsReceived;
            this.bytesSent = bytesSent;
            this.bytesReceived = bytesReceived;
            this.pair = pair;
        }
    }
}
