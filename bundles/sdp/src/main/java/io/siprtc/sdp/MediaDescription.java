package io.siprtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A media description: its {@link MediaLine} (m=) and the ordered lines after it up to the next
 * m= line (c=, b=, a= and any other). Mutable and not thread-safe.
 */
public final class MediaDescription extends SdpSection {

    private MediaLine mediaLine;

    /** A media description with the given m= line and no other lines yet. */
    public MediaDescription(MediaLine mediaLine) {
        this(mediaLine, new ArrayList<>(32));
    }

    MediaDescription(MediaLine mediaLine, List<SdpLine> lines) {
        super(lines);
        this.mediaLine = Objects.requireNonNull(mediaLine);
    }

    @Override
    String typesAfterConnection() {
        return "bka";
    }

    /** The m= line. */
    public MediaLine mediaLine() {
        return mediaLine;
    }

    /** Replaces the m= line. */
    public void setMediaLine(MediaLine line) {
        this.mediaLine = Objects.requireNonNull(line);
    }

    /** The media type, e.g. {@code audio}. */
    public String media() {
        return mediaLine.media();
    }

    /** The m= line's port. */
    public int port() {
        return mediaLine.port();
    }

    /** Sets the m= line's port, keeping the rest of the m= line. */
    public void setPort(int port) {
        mediaLine = mediaLine.withPort(port);
    }

    /** The m= line's transport protocol. */
    public String proto() {
        return mediaLine.proto();
    }

    /** The m= line's formats. */
    public List<String> formats() {
        return mediaLine.formats();
    }

    /** The value of {@code a=mid}, if present. */
    public Optional<String> mid() {
        return attribute("mid").map(a -> a.valueOr(""));
    }

    /**
     * The {@code a=candidate} lines parsed as {@link Candidate}s, in order. Malformed candidate
     * lines are skipped (RFC 8839 has agents ignore candidates they cannot parse).
     */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>(4);
        for (SdpLine l : lines) {
            if (l instanceof Attribute a && a.isNamed("candidate")) {
                Candidate c = Candidate.parseOrNull(a.valueOr(""));
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Whether the port is 0: a rejected m= line, or a bundle-only one (RFC 8843 section 6). */
    public boolean isPortZero() {
        return mediaLine.port() == 0;
    }

    /** Whether {@code a=bundle-only} is present (RFC 8843 section 6). */
    public boolean isBundleOnly() {
        return hasAttribute("bundle-only");
    }

    /** Whether the transport protocol is RTP of any profile (contains {@code RTP/}). */
    public boolean isRtp() {
        return mediaLine.proto().contains("RTP/");
    }

    /** Whether the protocol runs over DTLS ({@code UDP/TLS/RTP/SAVP[F]}, {@code UDP/DTLS/SCTP}, RFC 8842). */
    public boolean isDtls() {
        String p = mediaLine.proto();
        return p.contains("TLS/") || p.contains("DTLS/");
    }

    /** Whether the protocol is SRTP-based ({@code SAVP} or {@code SAVPF} profile). */
    public boolean isSecureRtp() {
        return mediaLine.proto().contains("/SAVP");
    }

    /** The {@code a=rtpmap} lines, in order. */
    public List<RtpMap> rtpMaps() {
        return typed("rtpmap", RtpMap::parseOrNull);
    }

    /** The rtpmap of one payload type. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        for (RtpMap r : rtpMaps()) {
            if (r.payloadType() == payloadType) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The encoding name of a format: from its rtpmap, else from RFC 3551's static payload types
     * (0 PCMU, 3 GSM, 4 G723, 8 PCMA, 9 G722, 13 CN, 18 G729, 26 JPEG, 31 H261, 34 H263, ...).
     */
    public Optional<String> encodingName(String format) {
        int pt = Tokens.parseBounded(format, 127);
        if (pt < 0) {
            return Optional.empty();
        }
        Optional<RtpMap> r = rtpMap(pt);
        return r.isPresent() ? Optional.of(r.get().encodingName()) : StaticPayloadTypes.name(pt);
    }

    /** The {@code a=fmtp} lines, in order. */
    public List<Fmtp> fmtps() {
        return typed("fmtp", Fmtp::parseOrNull);
    }

    /** The fmtp of one format. */
    public Optional<Fmtp> fmtp(String format) {
        for (Fmtp f : fmtps()) {
            if (f.format().equals(format)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The {@code a=rtcp-fb} lines (RFC 4585), in order. */
    public List<RtcpFb> rtcpFbs() {
        return typed("rtcp-fb", RtcpFb::parseOrNull);
    }

    /** The {@code a=msid} lines (RFC 8830), in order. */
    public List<Msid> msids() {
        return typed("msid", Msid::parseOrNull);
    }

    /** The {@code a=ssrc} lines (RFC 5576), in order. */
    public List<Ssrc> ssrcs() {
        return typed("ssrc", Ssrc::parseOrNull);
    }

    /** The {@code a=ssrc-group} lines (RFC 5576), in order. */
    public List<SsrcGroup> ssrcGroups() {
        return typed("ssrc-group", SsrcGroup::parseOrNull);
    }

    /** The {@code a=rid} lines (RFC 8851), in order. */
    public List<Rid> rids() {
        return typed("rid", Rid::parseOrNull);
    }

    /** The {@code a=simulcast} line (RFC 8853), if present. */
    public Optional<Simulcast> simulcast() {
        List<Simulcast> s = typed("simulcast", Simulcast::parseOrNull);
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    /** The {@code a=crypto} lines (SDES, RFC 4568), in order. */
    public List<Crypto> cryptos() {
        return typed("crypto", Crypto::parseOrNull);
    }

    /** The {@code a=rtcp} line (RFC 3605), if present. */
    public Optional<Rtcp> rtcp() {
        List<Rtcp> r = typed("rtcp", Rtcp::parseOrNull);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** Whether {@code a=rtcp-mux} is present (RFC 5761). */
    public boolean isRtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** Whether {@code a=rtcp-mux-only} is present (RFC 8858). */
    public boolean isRtcpMuxOnly() {
        return hasAttribute("rtcp-mux-only");
    }

    /** Whether {@code a=rtcp-rsize} is present (RFC 5506). */
    public boolean isRtcpRsize() {
        return hasAttribute("rtcp-rsize");
    }

    /** Whether {@code a=end-of-candidates} is present (RFC 8840). */
    public boolean isEndOfCandidates() {
        return hasAttribute("end-of-candidates");
    }

    /** {@code a=ptime} in milliseconds (RFC 8866 section 6.4), if present and numeric. */
    public OptionalInt ptime() {
        return millis("ptime");
    }

    /** {@code a=maxptime} in milliseconds (RFC 8866 section 6.5), if present and numeric. */
    public OptionalInt maxPtime() {
        return millis("maxptime");
    }

    private OptionalInt millis(String name) {
        Optional<Attribute> a = attribute(name);
        if (a.isEmpty()) {
            return OptionalInt.empty();
        }
        int v = Tokens.parseMillis(a.get().valueOr(""));
        return v < 0 ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** An independent copy of this media description. */
    public MediaDescription copy() {
        return new MediaDescription(mediaLine, new ArrayList<>(lines));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && m.mediaLine.equals(mediaLine) && m.lines.equals(lines);
    }

    @Override
    public int hashCode() {
        return mediaLine.hashCode() * 31 + lines.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        SdpWriter.appendMedia(this, sb);
        return sb.toString();
    }
}
