package io.siprtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
