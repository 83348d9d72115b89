package io.siprtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The ordered lines of a session-level or media-level section, with attribute, connection and
 * bandwidth accessors. {@link #lines()} is the live list: edit it to insert, reorder or remove
 * lines; the typed helpers below edit it too and keep everything else in place.
 */
public abstract sealed class SdpSection permits SessionDescription, MediaDescription {

    final List<SdpLine> lines;

    SdpSection(List<SdpLine> lines) {
        this.lines = lines;
    }

    /** Letters of the line types that RFC 8866 places after c= in this section. */
    abstract String typesAfterConnection();

    /** The live, ordered lines of this section (for a media section, those after its m= line). */
    public List<SdpLine> lines() {
        return lines;
    }

    /** All a= lines, in order. */
    public List<Attribute> attributes() {
        List<Attribute> out = new ArrayList<>();
        for (SdpLine l : lines) {
            if (l instanceof Attribute a) {
                out.add(a);
            }
        }
        return out;
    }

    /** The a= lines named {@code name}, in order. */
    public List<Attribute> attributes(String name) {
        List<Attribute> out = new ArrayList<>(2);
        for (SdpLine l : lines) {
            if (l instanceof Attribute a && a.isNamed(name)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The first a= line named {@code name}. */
    public Optional<Attribute> attribute(String name) {
        for (SdpLine l : lines) {
            if (l instanceof Attribute a && a.isNamed(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Whether an a= line named {@code name} is present. */
    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** Removes every a= line named {@code name}; returns how many were removed. */
    public int removeAttributes(String name) {
        int before = lines.size();
        lines.removeIf(l -> l instanceof Attribute a && a.isNamed(name));
        return before - lines.size();
    }

    /** Appends an a= line at the end of this section. */
    public void addAttribute(Attribute attribute) {
        lines.add(Objects.requireNonNull(attribute));
    }

    /** Appends {@code a=<name>:<value>} ({@code a=<name>} if value is null) at the end of this section. */
    public void addAttribute(String name, String value) {
        addAttribute(Attribute.of(name, value));
    }

    /**
     * Replaces the first a= line named like {@code attribute} in place and removes the other ones
     * of that name, or appends it if there is none.
     */
    public void setAttribute(Attribute attribute) {
        String name = attribute.name();
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof Attribute a && a.isNamed(name)) {
                if (replaced) {
                    lines.remove(i--);
                } else {
                    lines.set(i, attribute);
                    replaced = true;
                }
            }
        }
        if (!replaced) {
            lines.add(attribute);
        }
    }

    /** The first c= line of this section (for a media section, not the session-level one). */
    public Optional<Connection> connection() {
        for (SdpLine l : lines) {
            if (l instanceof Connection c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Replaces the first c= line in place, or inserts one where RFC 8866 orders it (before the
     * first b=, t=, k= or a= line that follows).
     */
    public void setConnection(Connection connection) {
        Objects.requireNonNull(connection);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof Connection) {
                lines.set(i, connection);
                return;
            }
        }
        String after = typesAfterConnection();
        int at = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (after.indexOf(lines.get(i).type()) >= 0) {
                at = i;
                break;
            }
        }
        lines.add(at, connection);
    }

    /** The b= lines of this section, in order. */
    public List<Bandwidth> bandwidths() {
        List<Bandwidth> out = new ArrayList<>(1);
        for (SdpLine l : lines) {
            if (l instanceof Bandwidth b) {
                out.add(b);
            }
        }
        return out;
    }

    // ---- typed views of the attributes both levels may carry (RFC 8839, 8842, 8285, 8866) -----

    /**
     * The values of the a= lines named {@code name} that {@code parser} accepts, in order. The
     * parser has validated these attributes (JSEP, RFC 8829 section 5.8); lines added later
     * through {@link #lines()} that do not parse are skipped.
     */
    <T> List<T> typed(String name, BiFunction<String, String[], T> parser) {
        List<T> out = new ArrayList<>(2);
        for (SdpLine l : lines) {
            if (l instanceof Attribute a && a.isNamed(name)) {
                T v = parser.apply(a.valueOr(""), null);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** The {@code a=fingerprint} lines (RFC 8122), in order. */
    public List<Fingerprint> fingerprints() {
        return typed("fingerprint", Fingerprint::parseOrNull);
    }

    /** The DTLS role of {@code a=setup} (RFC 4145, RFC 8842), if present and valid. */
    public Optional<Setup> setup() {
        return attribute("setup").flatMap(a -> Setup.of(a.valueOr("")));
    }

    /** The value of {@code a=ice-ufrag} (RFC 8839 section 5.4). */
    public Optional<String> iceUfrag() {
        return attribute("ice-ufrag").map(a -> a.valueOr(""));
    }

    /** The value of {@code a=ice-pwd} (RFC 8839 section 5.4). */
    public Optional<String> icePwd() {
        return attribute("ice-pwd").map(a -> a.valueOr(""));
    }

    /** The tokens of every {@code a=ice-options} line (RFC 8839 section 5.6), e.g. {@code trickle}. */
    public List<String> iceOptions() {
        List<String> out = new ArrayList<>(2);
        for (Attribute a : attributes("ice-options")) {
            out.addAll(Tokens.split(a.valueOr("")));
        }
        return out;
    }

    /** The first direction attribute ({@code a=sendrecv} etc., RFC 8866 section 6.7), if any. */
    public Optional<MediaDirection> direction() {
        for (SdpLine l : lines) {
            if (l instanceof Attribute a && !a.hasValue()) {
                Optional<MediaDirection> d = MediaDirection.of(a.content());
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }

    /** Replaces the direction attribute in place (removing any others), or appends one. */
    public void setDirection(MediaDirection direction) {
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof Attribute a && !a.hasValue() && MediaDirection.of(a.content()).isPresent()) {
                if (at < 0) {
                    at = i;
                    lines.set(i, direction.toAttribute());
                } else {
                    lines.remove(i--);
                }
            }
        }
        if (at < 0) {
            lines.add(direction.toAttribute());
        }
    }

    /** The {@code a=extmap} lines (RFC 8285), in order. */
    public List<ExtMap> extMaps() {
        return typed("extmap", ExtMap::parseOrNull);
    }
}
