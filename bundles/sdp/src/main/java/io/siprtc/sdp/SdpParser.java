package io.siprtc.sdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses SDP text (RFC 8866) into a {@link SessionDescription}, keeping every line in order.
 *
 * <p>Accepts CRLF or LF line endings and ignores trailing empty lines. Checks, each failure an
 * {@link SdpParseException} naming the line:
 * <ul>
 * <li>the first line is {@code v=0}, then {@code o=}, then {@code s=}; a {@code t=} line comes
 * before the first {@code m=} line;</li>
 * <li>every line has the {@code <letter>=} form and no control character other than TAB;</li>
 * <li>the order of RFC 8866 section 5 ({@link LineOrder}): session level
 * {@code v o s i u e p c b t r z k a}, media level {@code m i c b k a}, with the lines that may
 * appear once appearing once; lines of unknown type letters are allowed anywhere (RFC 8866
 * section 5);</li>
 * <li>o=, c=, b=, t= and m= lines have their fields, with numbers where numbers belong;</li>
 * <li>the attributes SIPRTC interprets are well-formed, as JSEP asks (RFC 8829 section 5.8):
 * {@code rtpmap}, {@code fmtp}, {@code rtcp-fb}, {@code extmap}, {@code msid}, {@code ssrc},
 * {@code ssrc-group}, {@code group}, {@code fingerprint}, {@code setup}, {@code rtcp},
 * {@code rid}, {@code simulcast}, {@code crypto}, {@code mid}, {@code ice-ufrag},
 * {@code ice-pwd}, {@code ptime}, {@code maxptime}; unknown attributes are kept as they are, and
 * so are {@code a=candidate} lines (RFC 8839 has agents ignore candidates they cannot use).</li>
 * </ul>
 * Lines that are only valid at media level but appear before the first m= are kept at session
 * level. The input size, line length and line count are bounded by {@link SdpLimits}, checked
 * before any work; work is linear in the input. Scans with {@code indexOf}/{@code charAt} only:
 * no regular expressions, no exceptions unless the input is bad.
 */
public final class SdpParser {

    private SdpParser() {
    }

    /**
     * Parses with {@link SdpLimits#DEFAULT}.
     *
     * @throws SdpParseException naming the line and the problem if the text is malformed or too large
     */
    public static SessionDescription parse(String text) throws SdpParseException {
        return parse(text, SdpLimits.DEFAULT);
    }

    /**
     * Parses bytes as received (e.g. a SIP body) with {@link SdpLimits#DEFAULT}: they must be UTF-8
     * (of which SDP's US-ASCII is a subset, RFC 8866 section 5).
     *
     * @throws SdpParseException naming the line of an invalid byte sequence, or as {@link #parse(String)}
     */
    public static SessionDescription parse(byte[] bytes) throws SdpParseException {
        return parse(bytes, SdpLimits.DEFAULT);
    }

    /**
     * Parses UTF-8 bytes within the given limits; the size limit is checked on the byte count
     * before decoding.
     *
     * @throws SdpParseException naming the line of an invalid byte sequence, or as {@link #parse(String, SdpLimits)}
     */
    public static SessionDescription parse(byte[] bytes, SdpLimits limits) throws SdpParseException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(limits, "limits");
        if (bytes.length > limits.maxChars()) {
            throw tooLarge(bytes.length, limits);
        }
        return parse(decode(bytes), limits);
    }

    private static String decode(byte[] bytes) throws SdpParseException {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new SdpParseException(line, String.format("invalid UTF-8: byte 0x%02X at column %d",
                    bytes[at] & 0xff, at - lineStart + 1));
        }
        try {
            d.flush(out);
        } catch (IllegalStateException e) {
            throw new SdpParseException(0, "invalid UTF-8");
        }
        out.flip();
        return out.toString();
    }

    /**
     * Parses within the given limits.
     *
     * @throws SdpParseException naming the line and the problem if the text is malformed or beyond the limits
     */
    public static SessionDescription parse(String text, SdpLimits limits) throws SdpParseException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(limits, "limits");
        int len = text.length();
        if (len > limits.maxChars()) {
            throw tooLarge(len, limits);
        }
        int end = len;
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new SdpParseException(1, "empty input; a session description starts with v=0");
        }
        List<SdpLine> sessionLines = new ArrayList<>(16);
        List<MediaDescription> media = new ArrayList<>(4);
        SessionDescription sdp = new SessionDescription(sessionLines, media);
        List<SdpLine> current = sessionLines;
        LineOrder order = new LineOrder();
        String[] error = new String[1];
        int maxLineLength = limits.maxLineLength();
        int maxLines = limits.maxLines();
        int pos = 0;
        int lineNo = 0;
        while (pos < end) {
            lineNo++;
            if (lineNo > maxLines) {
                throw new SdpParseException(lineNo, "more than " + maxLines + " lines");
            }
            int nl = text.indexOf('\n', pos);
            if (nl < 0 || nl > end) {
                nl = end;
            }
            int lineEnd = nl;
            if (lineEnd > pos && text.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            if (lineEnd - pos > maxLineLength) {
                throw new SdpParseException(lineNo, "line is " + (lineEnd - pos)
                        + " characters, longer than the limit of " + maxLineLength);
            }
            checkCharacters(text, pos, lineEnd, lineNo);
            if (lineEnd == pos) {
                throw new SdpParseException(lineNo, "empty line");
            }
            if (lineEnd - pos < 2 || text.charAt(pos + 1) != '=') {
                throw new SdpParseException(lineNo, "expected <type>=<value>, got '"
                        + Tokens.excerpt(text.substring(pos, lineEnd)) + "'");
            }
            char type = text.charAt(pos);
            if (type < 'a' || type > 'z') {
                throw new SdpParseException(lineNo, "line type must be a lower-case letter, got '"
                        + Tokens.excerpt(String.valueOf(type)) + "'");
            }
            String content = text.substring(pos + 2, lineEnd);
            if (lineNo == 1) {
                if (type != 'v' || !"0".equals(content)) {
                    throw new SdpParseException(1, "first line must be v=0, got '" + Tokens.excerpt(
                            text.substring(pos, lineEnd)) + "'");
                }
                current.add(RawLine.trusted('v', content));
                order.accept('v', lineNo);
            } else if (type == 'm') {
                order.accept('m', lineNo);
                MediaLine m = MediaLine.parse(content, error);
                if (m == null) {
                    throw new SdpParseException(lineNo, error[0]);
                }
                MediaDescription d = new MediaDescription(m, new ArrayList<>(32));
                media.add(d);
                current = d.lines;
            } else {
                SdpLine line = typedLine(type, content, lineNo, error);
                order.accept(type, lineNo);
                current.add(line);
            }
            pos = nl + 1;
        }
        order.finish(lineNo);
        return sdp;
    }

    private static SdpParseException tooLarge(int size, SdpLimits limits) {
        return new SdpParseException(0, "input is " + size + " characters, more than the limit of "
                + limits.maxChars());
    }

    /** No CR inside a line, no NUL or other control character but TAB, no unpaired surrogate. */
    private static void checkCharacters(String text, int from, int to, int lineNo) throws SdpParseException {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t') {
                throw new SdpParseException(lineNo, c == '\r'
                        ? "carriage return inside the line (not followed by a line feed)"
                        : String.format("control character U+%04X at column %d", (int) c, i - from + 1));
            }
            if (c == 0x7f) {
                throw new SdpParseException(lineNo, "control character U+007F at column " + (i - from + 1));
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new SdpParseException(lineNo, "unpaired UTF-16 surrogate at column " + (i - from + 1));
                }
            }
        }
    }

    private static SdpLine typedLine(char type, String content, int lineNo, String[] error)
            throws SdpParseException {
        SdpLine line;
        switch (type) {
            case 'a':
                line = AttributeCheck.attribute(content, error);
                break;
            case 'c':
                line = Connection.parse(content, error);
                break;
            case 'b':
                line = Bandwidth.parse(content, error);
                break;
            case 'o':
                line = Origin.parse(content, error);
                break;
            case 't':
                line = checkTiming(content, error);
                break;
            case 'r':
                line = checkRepeat(content, error);
                break;
            case 'z':
                line = checkZone(content, error);
                break;
            default:
                line = RawLine.trusted(type, content);
        }
        if (line == null) {
            throw new SdpParseException(lineNo, error[0]);
        }
        return line;
    }

    /** {@code r=<repeat interval> <active duration> <offset>...}, typed times (RFC 8866 section 5.10). */
    private static SdpLine checkRepeat(String content, String[] error) {
        java.util.List<String> t = Tokens.split(content);
        if (t.size() < 3) {
            return Tokens.fail(error, "r= line needs <repeat interval> <active duration> <offsets>, got '"
                    + Tokens.excerpt(content) + "'");
        }
        for (String v : t) {
            if (!isTypedTime(v, false)) {
                return Tokens.fail(error, "r= time is not a number with an optional d, h, m or s: '" + Tokens.excerpt(v) + "'");
            }
        }
        return RawLine.trusted('r', content);
    }

    /** {@code z=<adjustment time> <offset> ...} pairs (RFC 8866 section 5.11); offsets may be negative. */
    private static SdpLine checkZone(String content, String[] error) {
        java.util.List<String> t = Tokens.split(content);
        if (t.isEmpty() || t.size() % 2 != 0) {
            return Tokens.fail(error, "z= line needs <adjustment time> <offset> pairs, got '" + Tokens.excerpt(content) + "'");
        }
        for (int i = 0; i < t.size(); i++) {
            if (i % 2 == 0 ? !Tokens.isDigits(t.get(i)) : !isTypedTime(t.get(i), true)) {
                return Tokens.fail(error, "z= " + (i % 2 == 0 ? "adjustment time" : "offset") + " is not a number: '"
                        + Tokens.excerpt(t.get(i)) + "'");
            }
        }
        return RawLine.trusted('z', content);
    }

    private static boolean isTypedTime(String v, boolean signed) {
        int from = signed && v.startsWith("-") ? 1 : 0;
        int to = v.length();
        if (to > from && "dhms".indexOf(v.charAt(to - 1)) >= 0) {
            to--;
        }
        return to > from && Tokens.isDigits(v.substring(from, to));
    }

    private static SdpLine checkTiming(String content, String[] error) {
        int sp = content.indexOf(' ');
        if (sp < 0 || !Tokens.isDigits(content.substring(0, sp)) || !Tokens.isDigits(content.substring(sp + 1))) {
            error[0] = "t= line must be two numbers <start-time> <stop-time>, got '" + Tokens.excerpt(content) + "'";
            return null;
        }
        return RawLine.trusted('t', content);
    }
}
