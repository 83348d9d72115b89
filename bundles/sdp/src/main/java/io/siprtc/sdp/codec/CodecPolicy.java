package io.siprtc.sdp.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which codecs a call may use, in which order, and how: what applications do by rewriting SDP
 * text ("munging") in JsSIP or SIP.js, stated once and applied by a conversion rule to every
 * offer and answer. Immutable.
 *
 * <ul>
 * <li><b>codecs</b>: encoding names in order of preference (case-insensitive, RFC 4855), e.g.
 * {@code opus, PCMU}. Formats of other codecs are removed; the kept ones are reordered. Empty
 * allows every codec in the engine's order. Retransmission ({@code rtx}) follows the codec it
 * repairs; {@code red}, {@code ulpfec}, {@code CN} are codecs like any other and must be listed to
 * be kept when the list is not empty.</li>
 * <li><b>ptime</b>, <b>maxptime</b>: milliseconds of audio per packet we want to receive (RFC 8866
 * sections 6.4 and 6.5), written into the audio sections of our offers and answers; a peer's own
 * ptime is left as it is, so we send what it asked for.</li>
 * <li><b>telephone-event</b>: whether RFC 4733 DTMF events are offered; when on they are kept for
 * the clock rates of the audio codecs kept, whether or not the list names them.</li>
 * <li><b>H.264 profile-level-ids</b>: the profiles (RFC 6184 section 8.1) a video section may
 * keep, e.g. {@code 42e01f} (constrained baseline, level 3.1). An offered profile matches when its
 * profile_idc and constraint flags equal an allowed one and its level is not above the allowed
 * level. A missing profile-level-id means {@code 42000a}. Empty allows every profile.</li>
 * <li><b>H.264 packetization modes</b>: the modes kept (0, 1 or 2; missing means 0). Empty allows every mode.</li>
 * </ul>
 *
 * <p>The text form ({@link #parse(String)}, {@link #toString()}) suits a configuration
 * attribute: {@code codecs=opus,PCMU;ptime=20;telephone-event=on;h264-profile-level-id=42e01f;h264-packetization-mode=1}.
 */
public final class CodecPolicy {

    /** Allows every codec, leaves ptime alone, keeps telephone-event: changes nothing. */
    public static final CodecPolicy ANY = new Builder().build();

    private final List<String> codecs;
    private final int ptime;
    private final int maxPtime;
    private final boolean telephoneEvent;
    private final List<String> h264ProfileLevelIds;
    private final Set<Integer> h264PacketizationModes;

    private CodecPolicy(Builder b) {
        this.codecs = List.copyOf(b.codecs);
        this.ptime = b.ptime;
        this.maxPtime = b.maxPtime;
        this.telephoneEvent = b.telephoneEvent;
        this.h264ProfileLevelIds = List.copyOf(b.h264ProfileLevelIds);
        this.h264PacketizationModes = Collections.unmodifiableSet(new TreeSet<>(b.h264PacketizationModes));
    }

    /** A builder starting from {@link #ANY}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.codecs.addAll(codecs);
        b.ptime = ptime;
        b.maxPtime = maxPtime;
        b.telephoneEvent = telephoneEvent;
        b.h264ProfileLevelIds.addAll(h264ProfileLevelIds);
        b.h264PacketizationModes.addAll(h264PacketizationModes);
        return b;
    }

    /**
     * Parses the text form: {@code ;}-separated {@code key=value} settings, keys {@code codecs}
     * (comma-separated names), {@code ptime}, {@code maxptime}, {@code telephone-event}
     * ({@code on}/{@code off}, {@code true}/{@code false}, {@code yes}/{@code no}),
     * {@code h264-profile-level-id} (comma-separated) and {@code h264-packetization-mode}
     * (comma-separated). Blank text is {@link #ANY}.
     *
     * @throws IllegalArgumentException naming the setting that is unknown or malformed
     */
    public static CodecPolicy parse(String text) {
        Builder b = builder();
        if (text == null || text.isBlank()) {
            return b.build();
        }
        for (String part : text.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("codec policy setting needs key=value: '" + p + "'");
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            switch (key) {
                case "codecs":
                    b.codecs(list(value));
                    break;
                case "ptime":
                    b.ptime(number(key, value));
                    break;
                case "maxptime":
                    b.maxPtime(number(key, value));
                    break;
                case "telephone-event":
                    b.telephoneEvent(flag(key, value));
                    break;
                case "h264-profile-level-id":
                    b.h264ProfileLevelIds(list(value));
                    break;
                case "h264-packetization-mode":
                    List<Integer> modes = new ArrayList<>();
                    for (String m : list(value)) {
                        modes.add(number(key, m));
                    }
                    b.h264PacketizationModes(modes);
                    break;
                default:
                    throw new IllegalArgumentException("unknown codec policy setting '" + key
                            + "' (known: codecs, ptime, maxptime, telephone-event, h264-profile-level-id, h264-packetization-mode)");
            }
        }
        return b.build();
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("codec policy " + key + " is not a number: '" + value + "'");
        }
    }

    private static boolean flag(String key, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "on":
            case "true":
            case "yes":
                return true;
            case "off":
            case "false":
            case "no":
                return false;
            default:
                throw new IllegalArgumentException("codec policy " + key + " must be on or off: '" + value + "'");
        }
    }

    /** The allowed codec names in preference order; empty allows all. */
    public List<String> codecs() {
        return codecs;
    }

    /** Whether the codec named {@code encodingName} may be used. */
    public boolean allows(String encodingName) {
        return codecs.isEmpty() || rank(encodingName) >= 0;
    }

    /** The codec's place in the preference order (0 first), -1 if not listed. */
    public int rank(String encodingName) {
        for (int i = 0; i < codecs.size(); i++) {
            if (codecs.get(i).equalsIgnoreCase(encodingName)) {
                return i;
            }
        }
        return -1;
    }

    public OptionalInt ptime() {
        return ptime > 0 ? OptionalInt.of(ptime) : OptionalInt.empty();
    }

    public OptionalInt maxPtime() {
        return maxPtime > 0 ? OptionalInt.of(maxPtime) : OptionalInt.empty();
    }

    /** Whether telephone-event (RFC 4733) formats are kept. */
    public boolean telephoneEvent() {
        return telephoneEvent;
    }

    /** The allowed H.264 profile-level-ids, lower-case hex; empty allows all. */
    public List<String> h264ProfileLevelIds() {
        return h264ProfileLevelIds;
    }

    /** The allowed H.264 packetization modes; empty allows all. */
    public Set<Integer> h264PacketizationModes() {
        return h264PacketizationModes;
    }

    /**
     * Whether an H.264 format with these fmtp values (null for absent) passes the H.264 limits.
     *
     * @param profileLevelId the format's profile-level-id, or null ({@code 42000a})
     * @param packetizationMode the format's packetization-mode, or null (0)
     */
    public boolean allowsH264(String profileLevelId, String packetizationMode) {
        int mode;
        try {
            mode = packetizationMode == null ? 0 : Integer.parseInt(packetizationMode.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (!h264PacketizationModes.isEmpty() && !h264PacketizationModes.contains(mode)) {
            return false;
        }
        if (h264ProfileLevelIds.isEmpty()) {
            return true;
        }
        int offered = hex24(profileLevelId == null ? "42000a" : profileLevelId);
        if (offered < 0) {
            return false;
        }
        for (String allowed : h264ProfileLevelIds) {
            int a = hex24(allowed);
            if ((a >> 8) == (offered >> 8) && (offered & 0xff) <= (a & 0xff)) {
                return true;
            }
        }
        return false;
    }

    private static int hex24(String s) {
        String t = s.trim();
        if (t.length() != 6) {
            return -1;
        }
        try {
            return Integer.parseInt(t, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecPolicy p && p.ptime == ptime && p.maxPtime == maxPtime
                && p.telephoneEvent == telephoneEvent && p.codecs.equals(codecs)
                && p.h264ProfileLevelIds.equals(h264ProfileLevelIds)
                && p.h264PacketizationModes.equals(h264PacketizationModes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codecs, ptime, maxPtime, telephoneEvent, h264ProfileLevelIds, h264PacketizationModes);
    }

    /** The text form, as {@link #parse(String)} reads it; empty for {@link #ANY}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!codecs.isEmpty()) {
            parts.add("codecs=" + String.join(",", codecs));
        }
        if (ptime > 0) {
            parts.add("ptime=" + ptime);
        }
        if (maxPtime > 0) {
            parts.add("maxptime=" + maxPtime);
        }
        if (!telephoneEvent) {
            parts.add("telephone-event=off");
        }
        if (!h264ProfileLevelIds.isEmpty()) {
            parts.add("h264-profile-level-id=" + String.join(",", h264ProfileLevelIds));
        }
        if (!h264PacketizationModes.isEmpty()) {
            List<String> m = new ArrayList<>();
            for (int i : h264PacketizationModes) {
                m.add(Integer.toString(i));
            }
            parts.add("h264-packetization-mode=" + String.join(",", m));
        }
        return String.join(";", parts);
    }

    /** Builds a {@link CodecPolicy}; not thread-safe. */
    public static final class Builder {

        private final List<String> codecs = new ArrayList<>();
        private int ptime = -1;
        private int maxPtime = -1;
        private boolean telephoneEvent = true;
        private final List<String> h264ProfileLevelIds = new ArrayList<>();
        private final Set<Integer> h264PacketizationModes = new TreeSet<>();

        private Builder() {
        }

        /**
         * The allowed codecs in preference order (replacing any set before); none allows all.
         *
         * @throws IllegalArgumentException if a name is blank or holds a space, '/' or ','
         */
        public Builder codecs(List<String> names) {
            codecs.clear();
            for (String n : names) {
                String t = Objects.requireNonNull(n, "codec name").trim();
                if (t.isEmpty() || t.indexOf(' ') >= 0 || t.indexOf('/') >= 0 || t.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("bad codec name: '" + n + "'");
                }
                codecs.add(t);
            }
            return this;
        }

        /** Same as {@link #codecs(List)}. */
        public Builder codecs(String... names) {
            return codecs(List.of(names));
        }

        /** @throws IllegalArgumentException unless 1..1000 ms */
        public Builder ptime(int millis) {
            ptime = checkMillis("ptime", millis);
            return this;
        }

        /** @throws IllegalArgumentException unless 1..1000 ms */
        public Builder maxPtime(int millis) {
            maxPtime = checkMillis("maxptime", millis);
            return this;
        }

        public Builder telephoneEvent(boolean keep) {
            telephoneEvent = keep;
            return this;
        }

        /** @throws IllegalArgumentException if an id is not 6 hex digits */
        public Builder h264ProfileLevelIds(List<String> ids) {
            h264ProfileLevelIds.clear();
            for (String id : ids) {
                String t = id.trim().toLowerCase(Locale.ROOT);
                if (hex24(t) < 0) {
                    throw new IllegalArgumentException("H.264 profile-level-id must be 6 hex digits: '" + id + "'");
                }
                h264ProfileLevelIds.add(t);
            }
            return this;
        }

        /** @throws IllegalArgumentException if a mode is not 0, 1 or 2 (RFC 6184 section 6) */
        public Builder h264PacketizationModes(List<Integer> modes) {
            h264PacketizationModes.clear();
            for (int m : modes) {
                if (m < 0 || m > 2) {
                    throw new IllegalArgumentException("H.264 packetization-mode must be 0, 1 or 2: " + m);
                }
                h264PacketizationModes.add(m);
            }
            return this;
        }

        private static int checkMillis(String what, int millis) {
            if (millis < 1 || millis > 1000) {
                throw new IllegalArgumentException(what + " must be 1..1000 ms: " + millis);
            }
            return millis;
        }

        public CodecPolicy build() {
            return new CodecPolicy(this);
        }
    }
}
