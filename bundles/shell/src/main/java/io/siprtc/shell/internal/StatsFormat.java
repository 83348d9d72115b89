package io.siprtc.shell.internal;

import java.util.Locale;

import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.VideoStats;

/** The quality figures of a call as people read them (shell, demo, bench). */
final class StatsFormat {

    private StatsFormat() {
    }

    /**
     * e.g. {@code rtt 1 ms, jitter 0.0 ms, lost 0 (0.0 %), send 32.1 kbit/s, receive 31.9 kbit/s,
     * jitter buffer 38 ms, MOS 4.39}; unknown figures show as {@code -}.
     */
    static String quality(MediaStats s) {
        return String.format(Locale.ROOT, "rtt %s ms, jitter %s ms, lost %d (%.1f %%), send %.1f kbit/s, receive %.1f kbit/s, "
                + "jitter buffer %s ms, MOS %s", s.roundTripTimeMs() < 0 ? "-" : fmt("%.0f", s.roundTripTimeMs()),
                s.jitterMs() < 0 ? "-" : fmt("%.1f", s.jitterMs()), s.packetsLost(), s.fractionLost() * 100,
                s.sendKbps(), s.receiveKbps(), s.jitterBufferMs() < 0 ? "-" : fmt("%.0f", s.jitterBufferMs()),
                s.mos() > 0 ? fmt("%.2f", s.mos()) : "-");
    }

    /** Codec, packets and tones, e.g. {@code opus/48000/2, packets sent 417 received 415, tone out 440 Hz in 880.0 Hz}. */
    static String media(MediaStats s) {
        return String.format(Locale.ROOT, "%s, packets sent %d received %d, tone out %.0f Hz in %.1f Hz",
                s.codec().isEmpty() ? "no codec yet" : s.codec(), s.packetsSent(), s.packetsReceived(), s.sentToneHz(),
                s.receivedToneHz());
    }

    /** The selected candidate pair with its types, e.g. {@code host/prflx: host 127.0.0.1:5000 udp <-> ...}. */
    static String path(MediaStats s) {
        if (s.candidatePair().isEmpty()) {
            return "no candidate pair selected";
        }
        return s.localCandidateType() + "/" + s.remoteCandidateType() + ": " + s.candidatePair();
    }

    /** Indented lines for one call's media, or one line when it has none. */
    static String block(MediaStats s, String indent) {
        if (s.codec().isEmpty() && s.packetsSent() == 0 && s.packetsReceived() == 0) {
            return indent + "no media";
        }
        String block = indent + media(s) + "\n" + indent + quality(s) + "\n" + indent + "path " + path(s);
        return s.video() == VideoStats.NONE ? block : block + "\n" + indent + video(s.video());
    }

    /**
     * The video figures, e.g. {@code video VP8/90000, pictures sent 150 received 149 decoded 149,
     * out 320x240@15 in 320x240@15, send 20.1 kbit/s, receive 19.8 kbit/s, colour in #2b50c8}.
     */
    static String video(VideoStats v) {
        return String.format(Locale.ROOT, "video %s, pictures sent %d received %d decoded %d, out %dx%d@%.0f in %dx%d@%.0f, "
                + "send %.1f kbit/s, receive %.1f kbit/s%s", v.codec().isEmpty() ? "no codec yet" : v.codec(),
                v.framesSent(), v.framesReceived(), v.framesDecoded(), v.sentWidth(), v.sentHeight(), v.sentFps(),
                v.receivedWidth(), v.receivedHeight(), v.receivedFps(), v.sendKbps(), v.receiveKbps(),
                v.receivedAverageRgb() < 0 ? "" : String.format(Locale.ROOT, ", colour in #%06x", v.receivedAverageRgb()));
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
