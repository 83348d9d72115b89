package io.siprtc.media.webrtc.internal;

import java.util.Map;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import io.siprtc.api.media.VideoStats;

/**
 * The video figures of one stats report: the {@code outbound-rtp} and {@code inbound-rtp} stats
 * whose {@code kind} is {@code video} (the audio's figures leave them out), cumulative as
 * libwebrtc gives them. {@link StatsCollector} keeps them in its snapshots and makes the bitrates.
 */
final class VideoFigures {

    long packetsSent;
    long packetsReceived;
    long bytesSent;
    long bytesReceived;
    long framesSent;
    long framesEncoded;
    long framesReceived;
    long framesDecoded;
    long framesDropped;
    int sentWidth;
    int sentHeight;
    double sentFps;
    int receivedWidth;
    int receivedHeight;
    double receivedFps;
    String encoder = "";
    String decoder = "";
    String sentCodecId;
    String receivedCodecId;
    String codec = "";

    /** Whether an RTP stream's stats are video's ({@code kind}, or {@code mediaType} in older libwebrtc). */
    static boolean isVideo(RTCStats s) {
        Map<String, Object> a = s.getAttributes();
        Object kind = a.get("kind") != null ? a.get("kind") : a.get("mediaType");
        return "video".equals(String.valueOf(kind));
    }

    /** Takes one video RTP stream's stats. */
    void accept(RTCStats s) {
        Map<String, Object> a = s.getAttributes();
        if (s.getType() == RTCStatsType.OUTBOUND_RTP) {
            packetsSent += num(a.get("packetsSent"));
            bytesSent += num(a.get("bytesSent"));
            framesSent += num(a.get("framesSent"));
            framesEncoded += num(a.get("framesEncoded"));
            sentWidth = Math.max(sentWidth, (int) num(a.get("frameWidth")));
            sentHeight = Math.max(sentHeight, (int) num(a.get("frameHeight")));
            sentFps = Math.max(sentFps, dbl(a.get("framesPerSecond")));
            encoder = a.get("encoderImplementation") != null ? a.get("encoderImplementation").toString() : encoder;
            sentCodecId = sentCodecId == null ? (String) a.get("codecId") : sentCodecId;
        } else if (s.getType() == RTCStatsType.INBOUND_RTP) {
            packetsReceived += num(a.get("packetsReceived"));
            bytesReceived += num(a.get("bytesReceived"));
            framesReceived += num(a.get("framesReceived"));
            framesDecoded += num(a.get("framesDecoded"));
            framesDropped += num(a.get("framesDropped"));
            receivedWidth = Math.max(receivedWidth, (int) num(a.get("frameWidth")));
            receivedHeight = Math.max(receivedHeight, (int) num(a.get("frameHeight")));
            receivedFps = Math.max(receivedFps, dbl(a.get("framesPerSecond")));
            decoder = a.get("decoderImplementation") != null ? a.get("decoderImplementation").toString() : decoder;
            receivedCodecId = receivedCodecId == null ? (String) a.get("codecId") : receivedCodecId;
        }
    }

    /** After the report's streams: the codec's name from the sent stream's codec stats, else the received one's. */
    void nameCodec(Map<String, RTCStats> all) {
        codec = name(all, sentCodecId);
        if (codec.isEmpty()) {
            codec = name(all, receivedCodecId);
        }
    }

    private static String name(Map<String, RTCStats> all, String codecId) {
        RTCStats c = codecId == null ? null : all.get(codecId);
        if (c == null) {
            return "";
        }
        Map<String, Object> a = c.getAttributes();
        return String.valueOf(a.get("mimeType")).replace("video/", "") + "/" + a.get("clockRate");
    }

    /** The figures for the API, with the sink's own and the bitrates the collector derived. */
    VideoStats toStats(ReceivedVideo sink, double sendKbps, double receiveKbps) {
        return VideoStats.builder().codec(codec).implementations(encoder, decoder).packets(packetsSent, packetsReceived)
                .bytes(bytesSent, bytesReceived).framesSent(framesSent).framesEncoded(framesEncoded)
                .framesReceived(framesReceived).framesDecoded(framesDecoded).framesDropped(framesDropped)
                .framesDelivered(sink.delivered()).sent(sentWidth, sentHeight, sentFps)
                .received(receivedWidth, receivedHeight, receivedFps).kbps(sendKbps, receiveKbps)
                .receivedAverageRgb(sink.averageRgb()).build();
    }

    private static long num(Object o) {
        return o instanceof Number ? ((Number) o).longValue() : 0;
    }

    private static double dbl(Object o) {
        return o instanceof Number ? ((Number) o).doubleValue() : 0;
    }
}
