package io.siprtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description: the ordered session-level lines (starting with {@code v=0}) and the
 * media descriptions in order. Mutable and not thread-safe; {@link #copy()} gives an
 * independent deep copy. Written back by {@link SdpWriter}; {@link #toString()} is the SDP text.
 */
public final class SessionDescription extends SdpSection {

    private final List<MediaDescription> media;

    /** A description holding only {@code v=0}. */
    public SessionDescription() {
        this(new ArrayList<>(16), new ArrayList<>(4));
        lines.add(RawLine.trusted('v', "0"));
    }

    SessionDescription(List<SdpLine> lines, List<MediaDescription> media) {
        super(lines);
        this.media = media;
    }

    @Override
    String typesAfterConnection() {
        return "btrzka";
    }

    /** The live list of media descriptions, in m= line order. */
    public List<MediaDescription> media() {
        return media;
    }

    /** Appends a media description. */
    public void addMedia(MediaDescription description) {
        media.add(Objects.requireNonNull(description));
    }

    /** The first o= line. */
    public Optional<Origin> origin() {
        for (SdpLine l : lines) {
            if (l instanceof Origin o) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Replaces the first o= line in place, or inserts it right after v=. */
    public void setOrigin(Origin origin) {
        Objects.requireNonNull(origin);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof Origin) {
                lines.set(i, origin);
                return;
            }
        }
        int at = !lines.isEmpty() && lines.get(0).type() == 'v' ? 1 : 0;
        lines.add(at, origin);
    }

    /** The content of the first s= line. */
    public Optional<String> sessionName() {
        for (SdpLine l : lines) {
            if (l.type() == 's') {
                return Optional.of(l.content());
            }
        }
        return Optional.empty();
    }

    /** The {@code a=group} lines (RFC 5888), in order. */
    public List<Group> groups() {
        return typed("group", Group::parseOrNull);
    }

    /** The first BUNDLE group (RFC 8843), if any. */
    public Optional<Group> bundleGroup() {
        for (Group g : groups()) {
            if (g.isBundle()) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code a=ice-lite} is present (RFC 8839 section 5.3). */
    public boolean isIceLite() {
        return hasAttribute("ice-lite");
    }

    /** The media description whose {@code a=mid} is {@code mid}. */
    public Optional<MediaDescription> mediaByMid(String mid) {
        for (MediaDescription m : media) {
            if (m.mid().filter(mid::equals).isPresent()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The ICE ufrag of a media section: its own, else the session-level one (RFC 8839 section 5.4). */
    public Optional<String> iceUfrag(MediaDescription m) {
        Optional<String> own = m.iceUfrag();
        return own.isPresent() ? own : iceUfrag();
    }

    /** The DTLS fingerprints of a media section: its own, else the session-level ones (RFC 8122). */
    public List<Fingerprint> fingerprints(MediaDescription m) {
        List<Fingerprint> own = m.fingerprints();
        return own.isEmpty() ? fingerprints() : own;
    }

    /** The DTLS setup role of a media section: its own, else the session-level one. */
    public Optional<Setup> setup(MediaDescription m) {
        Optional<Setup> own = m.setup();
        return own.isPresent() ? own : setup();
    }

    /** An independent deep copy: changing either description never affects the other. */
    public SessionDescription copy() {
        List<MediaDescription> m = new ArrayList<>(media.size());
        for (MediaDescription d : media) {
            m.add(d.copy());
        }
        return new SessionDescription(new ArrayList<>(lines), m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && s.lines.equals(lines) && s.media.equals(media);
    }

    @Override
    public int hashCode() {
        return lines.hashCode() * 31 + media.hashCode();
    }

    /** The SDP text, as {@link SdpWriter#write(SessionDescription)} gives it. */
    @Override
    public String toString() {
        return SdpWriter.write(this);
    }
}
