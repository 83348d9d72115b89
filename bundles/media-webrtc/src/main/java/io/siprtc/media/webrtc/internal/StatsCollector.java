package io.siprtc.media.webrtc.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import io.siprtc.api.media.MediaStats;

/**
 * Asks libwebrtc for a stats report without blocking and keeps the newest figures; the tone
 * analyzer adds what was heard. Rates (bitrates, loss fraction, jitter buffer delay) come from
 * the difference between the newest report and the newest earlier one at least
 * {@link #WINDOW_US} old (or the oldest kept, when none is that old), so frequent polls give a
 * sliding one-second figure and rare ones the figure since the previous poll. The MOS is the
 * {@link EModel} estimate for the received audio.
 */
final class StatsCollector {

    /** Rates cover about this span when polled often, microseconds. */
    static final long WINDOW_US = 1_000_000;
    /** Shorter spans give no rate (the previous rate stands): too few packets to count. */
    static final long MIN_SPAN_US = 200_000;
    /** Packetization (one 20 ms frame per packet, libwebrtc's default for Opus and G.711), ms. */
    static final double FRAME_MS = 20;
    /** Jitter buffer delay assumed before libwebrtc reports one, ms. */
    static final double DEFAULT_JITTER_BUFFER_MS = 40;

    private final RTCPeerConnection pc;
    private final double sentToneHz;
    private final ToneAnalyzer analyzer;
    private final LevelMeter meter;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ArrayDeque<Snapshot> history = new ArrayDeque<>(); // guarded by this
    private volatile Reading last = new Reading(new Snapshot(), new Quality());
    /** The received video's sink, for a video session; null: audio only. */
    private volatile ReceivedVideo video;

    StatsCollector(RTCPeerConnection pc, double sentToneHz, ToneAnalyzer analyzer) {
        this(pc, sentToneHz, analyzer, new LevelMeter());
    }

    StatsCollector(RTCPeerConnection pc, double sentToneHz, ToneAnalyzer analyzer, LevelMeter meter) {
        this.pc = pc;
        this.sentToneHz = sentToneHz;
        this.analyzer = analyzer;
        this.meter = meter;
    }

    /** Makes {@link #latest()} report video too, with this sink's own figures. */
    void video(ReceivedVideo sink) {
        this.video = sink;
    }

    /** Starts a refresh unless one is under way; the result lands in {@link #latest()}. */
    void refresh() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            // on libwebrtc's signaling thread: nothing may be thrown back there (NativeCallbacks)
            pc.getStats(report -> NativeCallbacks.run("stats report", () -> {
                try {
                    accept(parse(report));
                } finally {
                    pending.set(false);
                }
            }));
        } catch (RuntimeException e) {
            pending.set(false);
        }
    }

    MediaStats latest() {
        Reading r = last;
        Snapshot s = r.snapshot;
        Quality q = r.quality;
        long now = System.nanoTime();
        double[] level = meter.read(now);
        return MediaStats.builder().codec(s.codec).packetsSent(s.packetsSent).packetsReceived(s.packetsReceived)
                .bytesSent(s.bytesSent).bytesReceived(s.bytesReceived).audioFramesReceived(analyzer.frames())
                .sentToneHz(sentToneHz).receivedToneHz(analyzer.frequency(now))
                .firstAudioNanos(analyzer.firstSignalNanos()).candidatePair(s.pair)
                .packetsLost(s.packetsLost).fractionLost(q.fractionLost).jitterMs(s.jitterMs)
                .roundTripTimeMs(s.rttMs).jitterBufferMs(q.jitterBufferMs).sendKbps(q.sendKbps)
                .receiveKbps(q.receiveKbps).candidateTypes(s.localType, s.remoteType).mos(q.mos)
                .receivedLevel(level[0], level[1]).video(videoStats(s, q)).build();
    }

    private io.siprtc.api.media.VideoStats videoStats(Snapshot s, Quality q) {
        ReceivedVideo sink = video;
        return sink == null ? io.siprtc.api.media.VideoStats.NONE
                : s.video.toStats(sink, q.videoSendKbps, q.videoReceiveKbps);
    }

    /** Takes a parsed report: the newest figures, and rates against an earlier report. */
    synchronized void accept(Snapshot s) {
        Quality previous = last.quality;
        Quality q = new Quality();
        Snapshot newest = history.peekLast();
        if (newest != null && (s.timestampUs < newest.timestampUs || s.bytesSent < newest.bytesSent
                || s.bytesReceived < newest.bytesReceived || s.packetsReceived < newest.packetsReceived)) {
            history.clear(); // a reset (new streams) or a report out of order: start over
        }
        history.addLast(s);
        while (history.size() >= 2 && s.timestampUs - second().timestampUs >= WINDOW_US) {
            history.removeFirst();
        }
        Snapshot base = history.peekFirst();
        long span = s.timestampUs - base.timestampUs;
        long lostDelta = Math.max(0, s.packetsLost - base.packetsLost);
        long receivedDelta = s.packetsReceived - base.packetsReceived;
        if (span >= MIN_SPAN_US) {
            q.sendKbps = (s.bytesSent - base.bytesSent) * 8_000.0 / span;
            q.receiveKbps = (s.bytesReceived - base.bytesReceived) * 8_000.0 / span;
            q.fractionLost = lostDelta + receivedDelta > 0 ? (double) lostDelta / (lostDelta + receivedDelta) : 0;
            q.videoSendKbps = Math.max(0, s.video.bytesSent - base.video.bytesSent) * 8_000.0 / span;
            q.videoReceiveKbps = Math.max(0, s.video.bytesReceived - base.video.bytesReceived) * 8_000.0 / span;
        } else {
            q.videoSendKbps = previous.videoSendKbps;
            q.videoReceiveKbps = previous.videoReceiveKbps;
            q.sendKbps = previous.sendKbps;
            q.receiveKbps = previous.receiveKbps;
            q.fractionLost = s.packetsLost + s.packetsReceived > 0
                    ? (double) s.packetsLost / (s.packetsLost + s.packetsReceived) : 0;
        }
        double emitted = s.jitterBufferEmitted - base.jitterBufferEmitted;
        if (emitted > 0) {
            q.jitterBufferMs = (s.jitterBufferDelaySeconds - base.jitterBufferDelaySeconds) / emitted * 1000;
        } else if (s.jitterBufferEmitted > 0) {
            q.jitterBufferMs = s.jitterBufferDelaySeconds / s.jitterBufferEmitted * 1000;
        }
        if (s.packetsReceived > 0) {
            q.oneWayDelayMs = Math.max(0, s.rttMs) / 2
                    + (q.jitterBufferMs >= 0 ? q.jitterBufferMs : DEFAULT_JITTER_BUFFER_MS) + FRAME_MS;
            q.mos = EModel.mos(q.oneWayDelayMs, q.fractionLost * 100,
                    EModel.codec(s.receivedCodec.isEmpty() ? s.codec : s.receivedCodec));
        }
        last = new Reading(s, q);
    }

    private Snapshot second() {
        Iterator<Snapshot> it = history.iterator();
        it.next();
        return it.next();
    }

    static Snapshot parse(RTCStatsReport report) {
        Map<String, RTCStats> all = report.getStats();
        Snapshot r = new Snapshot();
        r.timestampUs = report.getTimestamp() > 0 ? report.getTimestamp() : System.nanoTime() / 1000;
        String codecId = null;
        String inCodecId = null;
        String transportId = null;
        double rtcpRtt = -1;
        RTCStats nominated = null;
        for (RTCStats s : all.values()) {
            Map<String, Object> a = s.getAttributes();
            if ((s.getType() == RTCStatsType.OUTBOUND_RTP || s.getType() == RTCStatsType.INBOUND_RTP)
                    && VideoFigures.isVideo(s)) {
                r.video.accept(s); // the other figures are the audio's
                continue;
            }
            if (s.getType() == RTCStatsType.OUTBOUND_RTP) {
                r.packetsSent += num(a.get("packetsSent"));
                r.bytesSent += num(a.get("bytesSent"));
                codecId = codecId == null ? (String) a.get("codecId") : codecId;
                transportId = transportId == null ? (String) a.get("transportId") : transportId;
            } else if (s.getType() == RTCStatsType.INBOUND_RTP) {
                r.packetsReceived += num(a.get("packetsReceived"));
                r.bytesReceived += num(a.get("bytesReceived"));
                r.packetsLost += Math.max(0, num(a.get("packetsLost")));
                if (a.get("jitter") instanceof Number) {
                    r.jitterMs = Math.max(r.jitterMs, dbl(a.get("jitter")) * 1000);
                }
                r.jitterBufferDelaySeconds += dbl(a.get("jitterBufferDelay"));
                r.jitterBufferEmitted += num(a.get("jitterBufferEmittedCount"));
                inCodecId = inCodecId == null ? (String) a.get("codecId") : inCodecId;
                transportId = transportId == null ? (String) a.get("transportId") : transportId;
            } else if (s.getType() == RTCStatsType.REMOTE_INBOUND_RTP && a.get("roundTripTime") instanceof Number) {
                rtcpRtt = Math.max(rtcpRtt, dbl(a.get("roundTripTime")) * 1000);
            } else if (s.getType() == RTCStatsType.CANDIDATE_PAIR && nominated == null
                    && Boolean.TRUE.equals(a.get("nominated")) && "succeeded".equals(String.valueOf(a.get("state")))) {
                nominated = s;
            }
        }
        RTCStats pair = selectedPair(all, transportId);
        if (pair == null) {
            pair = nominated;
        }
        if (pair != null) {
            Map<String, Object> a = pair.getAttributes();
            RTCStats local = all.get(a.get("localCandidateId"));
            RTCStats remote = all.get(a.get("remoteCandidateId"));
            r.pair = describe(local) + " <-> " + describe(remote);
            r.localType = type(local);
            r.remoteType = type(remote);
            if (a.get("currentRoundTripTime") instanceof Number) {
                r.rttMs = dbl(a.get("currentRoundTripTime")) * 1000;
            }
        }
        if (rtcpRtt >= 0) {
            r.rttMs = rtcpRtt;
        }
        r.video.nameCodec(all);
        r.codec = codecName(all, codecId);
        r.receivedCodec = codecName(all, inCodecId);
        if (r.codec.isEmpty()) {
            r.codec = r.receivedCodec;
        }
        return r;
    }

    /** The transport's selected pair: the RTP streams' transport first, else any transport's. */
    private static RTCStats selectedPair(Map<String, RTCStats> all, String transportId) {
        RTCStats t = transportId == null ? null : all.get(transportId);
        if (t != null && all.get(t.getAttributes().get("selectedCandidatePairId")) != null) {
            return all.get(t.getAttributes().get("selectedCandidatePairId"));
        }
        for (RTCStats s : all.values()) {
            if (s.getType() == RTCStatsType.TRANSPORT && all.get(s.getAttributes().get("selectedCandidatePairId")) != null) {
                return all.get(s.getAttributes().get("selectedCandidatePairId"));
            }
        }
        return null;
    }

    private static String codecName(Map<String, RTCStats> all, String codecId) {
        RTCStats c = codecId == null ? null : all.get(codecId);
        if (c == null) {
            return "";
        }
        Map<String, Object> a = c.getAttributes();
        return String.valueOf(a.get("mimeType")).replace("audio/", "") + "/" + a.get("clockRate")
                + (a.get("channels") != null ? "/" + a.get("channels") : "");
    }

    private static String describe(RTCStats candidate) {
        if (candidate == null) {
            return "?";
        }
        Map<String, Object> a = candidate.getAttributes();
        Object address = a.get("address") != null ? a.get("address") : a.get("ip");
        return a.get("candidateType") + " " + address + ":" + a.get("port") + " " + a.get("protocol");
    }

    private static String type(RTCStats candidate) {
        Object t = candidate == null ? null : candidate.getAttributes().get("candidateType");
        return t == null ? "" : t.toString();
    }

    private static long num(Object o) {
        return o instanceof Number ? ((Number) o).longValue() : 0;
    }

    private static double dbl(Object o) {
        return o instanceof Number ? ((Number) o).doubleValue() : 0;
    }

    /** The figures of one report (cumulative counters as libwebrtc gives them). */
    static final class Snapshot {
        long timestampUs;
        String codec = "";
        String receivedCodec = "";
        long packetsSent;
        long packetsReceived;
        long bytesSent;
        long bytesReceived;
        long packetsLost;
        double jitterMs = -1;
        double rttMs = -1;
        double jitterBufferDelaySeconds;
        long jitterBufferEmitted;
        String pair = "";
        String localType = "";
        String remoteType = "";
        VideoFigures video = new VideoFigures();
    }

    /** A report's figures and what was derived from them, published together. */
    private record Reading(Snapshot snapshot, Quality quality) {
    }

    /** What the collector derives from a report and an earlier one. */
    static final class Quality {
        double sendKbps;
        double receiveKbps;
        double fractionLost;
        double jitterBufferMs = -1;
        double oneWayDelayMs = -1;
        double mos;
        double videoSendKbps;
        double videoReceiveKbps;
    }
}
