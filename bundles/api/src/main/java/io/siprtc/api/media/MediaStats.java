package io.siprtc.api.media;

import java.util.Locale;

/**
 * Per-call media statistics. Frequencies are measured on the decoded audio. Counters are
 * cumulative; bitrates and the loss fraction cover the interval since an earlier reading (about
 * the last second when read often, otherwise the time since the previous reading).
 */
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
    private final long packetsLost;
    private final double fractionLost;
    private final double jitterMs;
    private final double roundTripTimeMs;
    private final double jitterBufferMs;
    private final double sendKbps;
    private final double receiveKbps;
    private final String localCandidateType;
    private final String remoteCandidateType;
    private final double mos;
    private final double receivedLevelDbfs;
    private final double receivedPeakDbfs;
    private final VideoStats video;

    /** The figures of the 1.2 API; the quality figures stay unknown (see {@link #builder()}). */
    public MediaStats(String codec, long packetsSent, long packetsReceived, long bytesSent, long bytesReceived,
            long audioFramesReceived, double sentToneHz, double receivedToneHz, long firstAudioNanos,
            String candidatePair) {
        this(builder().codec(codec).packetsSent(packetsSent).packetsReceived(packetsReceived).bytesSent(bytesSent)
                .bytesReceived(bytesReceived).audioFramesReceived(audioFramesReceived).sentToneHz(sentToneHz)
                .receivedToneHz(receivedToneHz).firstAudioNanos(firstAudioNanos).candidatePair(candidatePair));
    }

    private MediaStats(Builder b) {
        this.codec = b.codec;
        this.packetsSent = b.packetsSent;
        this.packetsReceived = b.packetsReceived;
        this.bytesSent = b.bytesSent;
        this.bytesReceived = b.bytesReceived;
        this.audioFramesReceived = b.audioFramesReceived;
        this.sentToneHz = b.sentToneHz;
        this.receivedToneHz = b.receivedToneHz;
        this.firstAudioNanos = b.firstAudioNanos;
        this.candidatePair = b.candidatePair;
        this.packetsLost = b.packetsLost;
        this.fractionLost = b.fractionLost;
        this.jitterMs = b.jitterMs;
        this.roundTripTimeMs = b.roundTripTimeMs;
        this.jitterBufferMs = b.jitterBufferMs;
        this.sendKbps = b.sendKbps;
        this.receiveKbps = b.receiveKbps;
        this.localCandidateType = b.localCandidateType;
        this.remoteCandidateType = b.remoteCandidateType;
        this.mos = b.mos;
        this.receivedLevelDbfs = b.receivedLevelDbfs;
        this.receivedPeakDbfs = b.receivedPeakDbfs;
        this.video = b.video;
    }

    /** The level {@link #receivedLevelDbfs()} and {@link #receivedPeakDbfs()} report for silence or no audio. */
    public static final double SILENCE_DBFS = -127;

    /**
     * A builder with every figure unknown: zero counters, empty names, -1 for
     * {@link #jitterMs()}, {@link #roundTripTimeMs()} and {@link #jitterBufferMs()}, 0 for
     * {@link #mos()}, {@link #SILENCE_DBFS} for the levels.
     *
     * @since 1.3
     */
    public static Builder builder() {
        return new Builder();
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

    /** RTP payload bytes sent. */
    public long bytesSent() {
        return bytesSent;
    }

    /** RTP payload bytes received. */
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

    /**
     * Received RTP packets lost since the call began (inbound-rtp, RFC 3550 cumulative loss;
     * never negative).
     *
     * @since 1.3
     */
    public long packetsLost() {
        return packetsLost;
    }

    /**
     * Fraction of the received packets lost over the recent interval, 0 to 1.
     *
     * @since 1.3
     */
    public double fractionLost() {
        return fractionLost;
    }

    /**
     * Interarrival jitter of the received stream in ms (inbound-rtp, RFC 3550), -1 when unknown.
     *
     * @since 1.3
     */
    public double jitterMs() {
        return jitterMs;
    }

    /**
     * Round-trip time in ms (RTCP, or else the ICE checks of the selected candidate pair), -1
     * before the first measurement. libwebrtc measures in whole milliseconds: 0 means below 1 ms.
     *
     * @since 1.3
     */
    public double roundTripTimeMs() {
        return roundTripTimeMs;
    }

    /**
     * Mean delay of the received audio in the jitter buffer over the recent interval, ms; -1
     * when unknown.
     *
     * @since 1.3
     */
    public double jitterBufferMs() {
        return jitterBufferMs;
    }

    /**
     * Sent RTP payload bitrate over the recent interval, kbit/s.
     *
     * @since 1.3
     */
    public double sendKbps() {
        return sendKbps;
    }

    /**
     * Received RTP payload bitrate over the recent interval, kbit/s.
     *
     * @since 1.3
     */
    public double receiveKbps() {
        return receiveKbps;
    }

    /**
     * ICE type of the selected pair's local candidate: {@code host}, {@code srflx}, {@code prflx}
     * or {@code relay}; empty before one is selected.
     *
     * @since 1.3
     */
    public String localCandidateType() {
        return localCandidateType;
    }

    /**
     * ICE type of the selected pair's remote candidate, as {@link #localCandidateType()}.
     *
     * @since 1.3
     */
    public String remoteCandidateType() {
        return remoteCandidateType;
    }

    /**
     * Estimated listening MOS of the received audio, 1 to 4.5 (ITU-T G.107 E-model from the
     * codec, the one-way delay and the loss), 0 before anything was received. An estimate
     * from network figures, not a measurement of the audio.
     *
     * @since 1.3
     */
    public double mos() {
        return mos;
    }

    /**
     * RMS level of the decoded received audio over the last 100 ms, dBFS (0 for a full-scale
     * square wave, about -3 for a full-scale sine); {@link #SILENCE_DBFS} (-127, as RFC 6464)
     * for digital silence or when no audio arrived in the last 100 ms.
     *
     * @since 1.3
     */
    public double receivedLevelDbfs() {
        return receivedLevelDbfs;
    }

    /**
     * Peak sample of the decoded received audio over the last 100 ms, dBFS; {@link #SILENCE_DBFS}
     * as {@link #receivedLevelDbfs()}.
     *
     * @since 1.3
     */
    public double receivedPeakDbfs() {
        return receivedPeakDbfs;
    }

    /**
     * The session's video figures; {@link VideoStats#NONE} for an audio-only session. The other
     * figures of these statistics are the audio's alone.
     *
     * @since 1.3
     */
    public VideoStats video() {
        return video;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "codec=%s sent=%d pkts received=%d pkts lost=%d", codec, packetsSent, packetsReceived, packetsLost));
        if (jitterMs >= 0) {
            s.append(String.format(Locale.ROOT, " jitter=%.1f ms", jitterMs));
        }
        if (roundTripTimeMs >= 0) {
            s.append(String.format(Locale.ROOT, " rtt=%.0f ms", roundTripTimeMs));
        }
        if (sendKbps > 0 || receiveKbps > 0) {
            s.append(String.format(Locale.ROOT, " kbit/s out=%.1f in=%.1f", sendKbps, receiveKbps));
        }
        if (mos > 0) {
            s.append(String.format(Locale.ROOT, " mos=%.2f", mos));
        }
        if (receivedLevelDbfs > SILENCE_DBFS) {
            s.append(String.format(Locale.ROOT, " level=%.1f/%.1f dBFS", receivedLevelDbfs, receivedPeakDbfs));
        }
        s.append(String.format(Locale.ROOT, " tone out=%.0f Hz in=%.1f Hz pair=%s", sentToneHz, receivedToneHz,
                candidatePair));
        if (video != VideoStats.NONE) {
            s.append(' ').append(video);
        }
        return s.toString();
    }

    /**
     * Builds a {@link MediaStats}; unset figures stay unknown (see {@link MediaStats#builder()}).
     *
     * @since 1.3
     */
    public static final class Builder {
        private String codec = "";
        private long packetsSent;
        private long packetsReceived;
        private long bytesSent;
        private long bytesReceived;
        private long audioFramesReceived;
        private double sentToneHz;
        private double receivedToneHz;
        private long firstAudioNanos;
        private String candidatePair = "";
        private long packetsLost;
        private double fractionLost;
        private double jitterMs = -1;
        private double roundTripTimeMs = -1;
        private double jitterBufferMs = -1;
        private double sendKbps;
        private double receiveKbps;
        private String localCandidateType = "";
        private String remoteCandidateType = "";
        private double mos;
        private double receivedLevelDbfs = SILENCE_DBFS;
        private double receivedPeakDbfs = SILENCE_DBFS;
        private VideoStats video = VideoStats.NONE;

        private Builder() {
        }

        public Builder codec(String codec) {
            this.codec = codec == null ? "" : codec;
            return this;
        }

        public Builder packetsSent(long packetsSent) {
            this.packetsSent = packetsSent;
            return this;
        }

        public Builder packetsReceived(long packetsReceived) {
            this.packetsReceived = packetsReceived;
            return this;
        }

        public Builder bytesSent(long bytesSent) {
            this.bytesSent = bytesSent;
            return this;
        }

        public Builder bytesReceived(long bytesReceived) {
            this.bytesReceived = bytesReceived;
            return this;
        }

        public Builder audioFramesReceived(long audioFramesReceived) {
            this.audioFramesReceived = audioFramesReceived;
            return this;
        }

        public Builder sentToneHz(double sentToneHz) {
            this.sentToneHz = sentToneHz;
            return this;
        }

        public Builder receivedToneHz(double receivedToneHz) {
            this.receivedToneHz = receivedToneHz;
            return this;
        }

        public Builder firstAudioNanos(long firstAudioNanos) {
            this.firstAudioNanos = firstAudioNanos;
            return this;
        }

        public Builder candidatePair(String candidatePair) {
            this.candidatePair = candidatePair == null ? "" : candidatePair;
            return this;
        }

        public Builder packetsLost(long packetsLost) {
            this.packetsLost = Math.max(0, packetsLost);
            return this;
        }

        public Builder fractionLost(double fractionLost) {
            this.fractionLost = Math.max(0, Math.min(1, fractionLost));
            return this;
        }

        public Builder jitterMs(double jitterMs) {
            this.jitterMs = jitterMs;
            return this;
        }

        public Builder roundTripTimeMs(double roundTripTimeMs) {
            this.roundTripTimeMs = roundTripTimeMs;
            return this;
        }

        public Builder jitterBufferMs(double jitterBufferMs) {
            this.jitterBufferMs = jitterBufferMs;
            return this;
        }

        public Builder sendKbps(double sendKbps) {
            this.sendKbps = sendKbps;
            return this;
        }

        public Builder receiveKbps(double receiveKbps) {
            this.receiveKbps = receiveKbps;
            return this;
        }

        /** The ICE candidate types of the selected pair, local and remote. */
        public Builder candidateTypes(String local, String remote) {
            this.localCandidateType = local == null ? "" : local;
            this.remoteCandidateType = remote == null ? "" : remote;
            return this;
        }

        public Builder mos(double mos) {
            this.mos = mos;
            return this;
        }

        /** RMS and peak level of the received audio over the last 100 ms, dBFS (clamped to -127..0). */
        public Builder receivedLevel(double rmsDbfs, double peakDbfs) {
            this.receivedLevelDbfs = clampDbfs(rmsDbfs);
            this.receivedPeakDbfs = clampDbfs(peakDbfs);
            return this;
        }

        private static double clampDbfs(double dbfs) {
            return Double.isNaN(dbfs) ? SILENCE_DBFS : Math.max(SILENCE_DBFS, Math.min(0, dbfs));
        }

        /** The video figures (null: none). @since 1.3 */
        public Builder video(VideoStats video) {
            this.video = video == null ? VideoStats.NONE : video;
            return this;
        }

        public MediaStats build() {
            return new MediaStats(this);
        }
    }
}
