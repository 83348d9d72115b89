package io.siprtc.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The value of an {@code a=rtpmap} line (RFC 8866 section 6.6):
 * {@code <payload type> <encoding name>/<clock rate>[/<encoding parameters>]}, e.g.
 * {@code 111 opus/48000/2}. Immutable.
 */
public final class RtpMap {

    private final int payloadType;
    private final String encodingName;
    private final long clockRate;
    private final int channels;

    private RtpMap(int payloadType, String encodingName, long clockRate, int channels) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
        this.clockRate = clockRate;
        this.channels = channels;
    }

    /**
     * An rtpmap value.
     *
     * @param channels the encoding parameters (audio channels), or -1 for none
     * @throws IllegalArgumentException if the payload type is out of 0..127, the name is not a
     *         token without '/', the clock rate is not positive or channels is 0 or below -1
     */
    public static RtpMap of(int payloadType, String encodingName, long clockRate, int channels) {
        Tokens.requireToken("encoding name", encodingName);
        if (payloadType < 0 || payloadType > 127 || encodingName.indexOf('/') >= 0 || clockRate <= 0
                || channels == 0 || channels < -1) {
            throw new IllegalArgumentException("bad rtpmap " + payloadType + " " + encodingName + "/" + clockRate);
        }
        return new RtpMap(payloadType, encodingName, clockRate, channels);
    }

    /** Parses an rtpmap value; empty if malformed. */
    public static Optional<RtpMap> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static RtpMap parseOrNull(String value, String[] error) {
        List<String> t = Tokens.split(value);
        if (t.size() != 2) {
            return Tokens.fail(error, "a=rtpmap needs <payload type> <encoding>/<clock rate>, got '"
                    + Tokens.excerpt(value) + "'");
        }
        int pt = Tokens.parseBounded(t.get(0), 127);
        if (pt < 0) {
            return Tokens.fail(error, "a=rtpmap payload type is not a number in 0..127: '" + Tokens.excerpt(t.get(0)) + "'");
        }
        String enc = t.get(1);
        int s1 = enc.indexOf('/');
        if (s1 <= 0) {
            return Tokens.fail(error, "a=rtpmap needs <encoding>/<clock rate>, got '" + Tokens.excerpt(enc) + "'");
        }
        int s2 = enc.indexOf('/', s1 + 1);
        long rate = Tokens.parseLong(enc.substring(s1 + 1, s2 < 0 ? enc.length() : s2));
        if (rate <= 0 || rate > 0xFFFFFFFFL) {
            return Tokens.fail(error, "a=rtpmap clock rate is not a positive number: '" + Tokens.excerpt(enc) + "'");
        }
        int channels = -1;
        if (s2 >= 0) {
            channels = Tokens.parseBounded(enc.substring(s2 + 1), 255);
            if (channels <= 0) {
                return Tokens.fail(error, "a=rtpmap channels is not a number in 1..255: '" + Tokens.excerpt(enc) + "'");
            }
        }
        return new RtpMap(pt, enc.substring(0, s1), rate, channels);
    }

    /**
     * The encoding name of an RFC 3551 static payload type that needs no rtpmap (0 PCMU, 3 GSM,
     * 4 G723, 8 PCMA, 9 G722, 13 CN, 18 G729, 26 JPEG, 31 H261, 34 H263, ...), if it is one.
     */
    public static Optional<String> staticEncodingName(int payloadType) {
        return StaticPayloadTypes.name(payloadType);
    }

    public int payloadType() {
        return payloadType;
    }

    /** The encoding name as written, e.g. {@code opus}, {@code PCMU}, {@code H264}. */
    public String encodingName() {
        return encodingName;
    }

    /** Whether the encoding name is {@code name}, ignoring case (RFC 4855: names are case-insensitive). */
    public boolean isEncoding(String name) {
        return encodingName.equalsIgnoreCase(name);
    }

    public long clockRate() {
        return clockRate;
    }

    /** The encoding parameters (number of audio channels), if given. */
    public OptionalInt channels() {
        return channels < 0 ? OptionalInt.empty() : OptionalInt.of(channels);
    }

    /** The attribute value, e.g. {@code 111 opus/48000/2}. */
    public String toValue() {
        return payloadType + " " + encodingName + '/' + clockRate + (channels < 0 ? "" : "/" + channels);
    }

    public Attribute toAttribute() {
        return Attribute.of("rtpmap", toValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpMap r && r.payloadType == payloadType && r.clockRate == clockRate
                && r.channels == channels && r.encodingName.equals(encodingName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, encodingName, clockRate, channels);
    }

    @Override
    public String toString() {
        return "rtpmap:" + toValue();
    }
}
