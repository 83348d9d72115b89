package io.siprtc.api.media;

/** Per-call media statistics. Frequencies are measured on the decoded audio. */
public final class MediaStats {

    public static final MediaStats NONE = new MediaStats("", 0, 0, 0, 0, 0, 0, 0, 0, "");

    private final String codec;
    private final long packetsSent;
    private final long packetsReceived;
    private final long bytesSent;
    private final long bytesReceived;
    private final long audioFramesReceived;
    private final double sentToneHz;
    private final double receivedToneHz;
    private final long firstAudioNanos;
    private final String candidatePair;

    public MediaStats(String codec, long packetsSent, long packetsReceived, long bytesSent, long bytesReceived,
            long audioFramesReceived, double sentToneHz, double receivedToneHz, long firstAudioNanos,
            String candidatePair) {
        this.codec = codec;
        this.packetsSent = packetsSent;
        this.packetsReceived = packetsReceived;
        this.bytesSent = bytesSent;
        this.bytesReceived = bytesReceived;
        this.audioFramesReceived = audioFramesReceived;
        this.sentToneHz = sentToneHz;
        this.receivedToneHz = receivedToneHz;
        this.firstAudioNanos = firstAudioNanos;
        this.candidatePair = candidatePair;
    }

    /** e.g. {@code opus/48000/2}, empty before negotiation. */
    public String codec() {
        return codec;
    }

    /** RTP packets sent (outbound-rtp). */
    public long packetsSent() {
        return packetsSent;
    }

    /** RTP packets received (inbound-rtp). */
    public long packetsReceived() {
        return packetsReceived;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    /** 10 ms frames of decoded audio handed to the session's sink. */
    public long audioFramesReceived() {
        return audioFramesReceived;
    }

    /** The tone this session sends, 0 for none. */
    public double sentToneHz() {
        return sentToneHz;
    }

    /** The dominant frequency of the received audio over the last second, 0 when silent. */
    public double receivedToneHz() {
        return receivedToneHz;
    }

    /** {@link System#nanoTime()} of the first received audio with signal, 0 before. */
    public long firstAudioNanos() {
        return firstAudioNanos;
    }

    /** e.g. {@code host 127.0.0.1:50000 <-> host 127.0.0.1:50002 udp}. */
    public String candidatePair() {
        return candidatePair;
    }

    @Override
    public String toString() {
        return String.format("codec=%s sent=%d pkts received=%d pkts tone out=%.0f Hz in=%.1f Hz pair=%s",
                codec, packetsSent, packetsReceived, sentToneHz, receivedToneHz, candidatePair);
    }
}
