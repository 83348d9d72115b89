package io.siprtc.api.media;

import java.util.Locale;

/**
 * The video part of a session's statistics ({@link MediaStats#video()}): what was sent and
 * received, the pictures' size and rate each way, and the colour of the last picture received.
 * Counters are cumulative; rates cover about the last second, like {@link MediaStats}'s.
 *
 * @since 1.3
 */
public final class VideoStats {

    /** A session without video (or before anything was negotiated). */
    public static final VideoStats NONE = builder().build();

    private final String codec;
    private final String encoder;
    private final String decoder;
    private final long packetsSent;
    private final long packetsReceived;
    private final long bytesSent;
    private final long bytesReceived;
    private final long framesSent;
    private final long framesEncoded;
    private final long framesReceived;
    private final long framesDecoded;
    private final long framesDropped;
    private final long framesDelivered;
    private final int sentWidth;
    private final int sentHeight;
    private final double sentFps;
    private final int receivedWidth;
    private final int receivedHeight;
    private final double receivedFps;
    private final double sendKbps;
    private final double receiveKbps;
    private final int receivedAverageRgb;

    private VideoStats(Builder b) {
        this.codec = b.codec;
        this.encoder = b.encoder;
        this.decoder = b.decoder;
        this.packetsSent = b.packetsSent;
        this.packetsReceived = b.packetsReceived;
        this.bytesSent = b.bytesSent;
        this.bytesReceived = b.bytesReceived;
        this.framesSent = b.framesSent;
        this.framesEncoded = b.framesEncoded;
        this.framesReceived = b.framesReceived;
        this.framesDecoded = b.framesDecoded;
        this.framesDropped = b.framesDropped;
        this.framesDelivered = b.framesDelivered;
        this.sentWidth = b.sentWidth;
        this.sentHeight = b.sentHeight;
        this.sentFps = b.sentFps;
        this.receivedWidth = b.receivedWidth;
        this.receivedHeight = b.receivedHeight;
        this.receivedFps = b.receivedFps;
        this.sendKbps = b.sendKbps;
        this.receiveKbps = b.receiveKbps;
        this.receivedAverageRgb = b.receivedAverageRgb;
    }

    /** A builder with every figure unknown (zero, empty, -1 for {@link #receivedAverageRgb()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** The video codec in use, e.g. {@code VP8/90000} or {@code H264/90000}; empty before negotiation or without video. */
    public String codec() {
        return codec;
    }

    /** The encoder implementation, as the engine names it (libwebrtc: e.g. {@code libvpx}, {@code OpenH264}); empty when unknown. */
    public String encoder() {
        return encoder;
    }

    /** The decoder implementation, as {@link #encoder()}. */
    public String decoder() {
        return decoder;
    }

    /** Video RTP packets sent. */
    public long packetsSent() {
        return packetsSent;
    }

    /** Video RTP packets received. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** Video RTP payload bytes sent. */
    public long bytesSent() {
        return bytesSent;
    }

    /** Video RTP payload bytes received. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Pictures sent (each in one or more RTP packets). */
    public long framesSent() {
        return framesSent;
    }

    /** Pictures the encoder produced. */
    public long framesEncoded() {
        return framesEncoded;
    }

    /** Pictures received complete. */
    public long framesReceived() {
        return framesReceived;
    }

    /** Pictures decoded. */
    public long framesDecoded() {
        return framesDecoded;
    }

    /** Received pictures dropped before or after decoding. */
    public long framesDropped() {
        return framesDropped;
    }

    /** Decoded pictures handed to the session's sink (and from it to the {@link VideoFrameListener}s). */
    public long framesDelivered() {
        return framesDelivered;
    }

    /** Width of the pictures sent, 0 when unknown. */
    public int sentWidth() {
        return sentWidth;
    }

    /** Height of the pictures sent, 0 when unknown. */
    public int sentHeight() {
        return sentHeight;
    }

    /** Pictures sent per second, recently. */
    public double sentFps() {
        return sentFps;
    }

    /** Width of the pictures received, 0 when unknown. */
    public int receivedWidth() {
        return receivedWidth;
    }

    /** Height of the pictures received, 0 when unknown. */
    public int receivedHeight() {
        return receivedHeight;
    }

    /** Pictures decoded per second, recently. */
    public double receivedFps() {
        return receivedFps;
    }

    /** Sent video RTP payload bitrate over the recent interval, kbit/s. */
    public double sendKbps() {
        return sendKbps;
    }

    /** Received video RTP payload bitrate over the recent interval, kbit/s. */
    public double receiveKbps() {
        return receiveKbps;
    }

    /**
     * The mean colour of a recently decoded picture, {@code 0xRRGGBB} (as
     * {@link VideoFrame#averageRgb()}; measured on some of the pictures only), -1 before any. A
     * diagnostic: a black or frozen picture shows here.
     */
    public int receivedAverageRgb() {
        return receivedAverageRgb;
    }

    @Override
    public String toString() {
        if (codec.isEmpty() && framesSent == 0 && framesDelivered == 0) {
            return "video none";
        }
        return String.format(Locale.ROOT,
                "video %s frames sent=%d received=%d decoded=%d delivered=%d out=%dx%d@%.0f in=%dx%d@%.0f"
                        + " kbit/s out=%.1f in=%.1f%s",
                codec, framesSent, framesReceived, framesDecoded, framesDelivered, sentWidth, sentHeight, sentFps,
                receivedWidth, receivedHeight, receivedFps, sendKbps, receiveKbps,
                receivedAverageRgb >= 0 ? String.format(Locale.ROOT, " colour in=#%06x", receivedAverageRgb) : "");
    }

    /** Builds a {@link VideoStats}; unset figures stay unknown. */
    public static final class Builder {
        private String codec = "";
        private String encoder = "";
        private String decoder = "";
        private long packetsSent;
        private long packetsReceived;
        private long bytesSent;
        private long bytesReceived;
        private long framesSent;
        private long framesEncoded;
        private long framesReceived;
        private long framesDecoded;
        private long framesDropped;
        private long framesDelivered;
        private int sentWidth;
        private int sentHeight;
        private double sentFps;
        private int receivedWidth;
        private int receivedHeight;
        private double receivedFps;
        private double sendKbps;
        private double receiveKbps;
        private int receivedAverageRgb = -1;

        private Builder() {
        }

        public Builder codec(String codec) {
            this.codec = codec == null ? "" : codec;
            return this;
        }

        /** The encoder and decoder implementations (null: unknown). */
        public Builder implementations(String encoder, String decoder) {
            this.encoder = encoder == null ? "" : encoder;
            this.decoder = decoder == null ? "" : decoder;
            return this;
        }

        public Builder packets(long sent, long received) {
            this.packetsSent = sent;
            this.packetsReceived = received;
            return this;
        }

        public Builder bytes(long sent, long received) {
            this.bytesSent = sent;
            this.bytesReceived = received;
            return this;
        }

        public Builder framesSent(long framesSent) {
            this.framesSent = framesSent;
            return this;
        }

        public Builder framesEncoded(long framesEncoded) {
            this.framesEncoded = framesEncoded;
            return this;
        }

        public Builder framesReceived(long framesReceived) {
            this.framesReceived = framesReceived;
            return this;
        }

        public Builder framesDecoded(long framesDecoded) {
            this.framesDecoded = framesDecoded;
            return this;
        }

        public Builder framesDropped(long framesDropped) {
            this.framesDropped = framesDropped;
            return this;
        }

        public Builder framesDelivered(long framesDelivered) {
            this.framesDelivered = framesDelivered;
            return this;
        }

        public Builder sent(int width, int height, double fps) {
            this.sentWidth = width;
            this.sentHeight = height;
            this.sentFps = fps;
            return this;
        }

        public Builder received(int width, int height, double fps) {
            this.receivedWidth = width;
            this.receivedHeight = height;
            this.receivedFps = fps;
            return this;
        }

        public Builder kbps(double send, double receive) {
            this.sendKbps = send;
            this.receiveKbps = receive;
            return this;
        }

        /** {@code 0xRRGGBB}, or -1 for none. */
        public Builder receivedAverageRgb(int rgb) {
            this.receivedAverageRgb = rgb < 0 ? -1 : rgb & 0xFFFFFF;
            return this;
        }

        public VideoStats build() {
            return new VideoStats(this);
        }
    }
}
