package io.siprtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses SDP text (RFC 8866) into a {@link SessionDescription}, keeping every line in order.
 *
 * <p>Accepts CRLF or LF line endings and ignores trailing empty lines. Checks: the first line is
 * {@code v=0}; every line has the {@code <letter>=} form; o=, c=, b=, t= and m= lines have their
 * fields with numbers where numbers belong; a= lines have a name. Lines that are only valid at
 * media level but appear before the first m= are kept at session level. The input size, line
 * length and line count are bounded by {@link SdpLimits}; work is linear in the input. Scans with
 * {@code indexOf}/{@code charAt} only: no regular expressions, no exceptions unless the input is bad.
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
     * Parses within the given limits.
     *
     * @throws SdpParseException naming the line and the problem if the text is malformed or beyond the limits
     */
    public static SessionDescription parse(String text, SdpLimits limits) throws SdpParseException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(limits, "limits");
        int len = text.length();
        if (len > limits.maxChars()) {
            throw new SdpParseException(0, "input is " + len + " characters, more than the limit of "
                    + limits.maxChars());
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
        String[] error = new String[1];
        int maxLineLength = limits.maxLineLength();
        int maxLines = limits.maxLines();
        int nextCr = -2; // position of the next CR at or after pos, -1 if none; -2 not looked up yet
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
            if (nextCr != -1 && nextCr < pos) {
                nextCr = text.indexOf('\r', pos);
            }
            if (nextCr >= 0 && nextCr < lineEnd) {
                throw new SdpParseException(lineNo, "carriage return inside the line (not followed by a line feed)");
            }
            if (lineEnd == pos) {
                throw new SdpParseException(lineNo, "empty line");
            }
            if (lineEnd - pos < 2 || text.charAt(pos + 1) != '=') {
                throw new SdpParseException(lineNo, "expected <type>=<value>, got '"
                        + Tokens.excerpt(text.substring(pos, lineEnd)) + "'");
            }
            char type = text.charAt(pos);
            if (type < 'a' || type > 'z') {
                throw new SdpParseException(lineNo, "line type must be a lower-case letter, got '" + type + "'");
            }
            String content = text.substring(pos + 2, lineEnd);
            if (lineNo == 1) {
                if (type != 'v' || !"0".equals(content)) {
                    throw new SdpParseException(1, "first line must be v=0, got '" + Tokens.excerpt(
                            text.substring(pos, lineEnd)) + "'");
                }
                current.add(RawLine.trusted('v', content));
            } else if (type == 'a') {
                int colon = content.indexOf(':');
                if (colon == 0 || content.isEmpty()) {
                    throw new SdpParseException(lineNo, "a= line without an attribute name");
                }
                current.add(Attribute.trusted(content, colon));
            } else if (type == 'm') {
                MediaLine m = MediaLine.parse(content, error);
                if (m == null) {
                    throw new SdpParseException(lineNo, error[0]);
                }
                MediaDescription d = new MediaDescription(m, new ArrayList<>(32));
                media.add(d);
                current = d.lines;
            } else {
                current.add(typedLine(type, content, current == sessionLines, lineNo, error));
            }
            pos = nl + 1;
        }
        return sdp;
    }

    private static SdpLine typedLine(char type, String content, boolean sessionLevel, int lineNo, String[] error)
            throws SdpParseException {
        SdpLine line;
        switch (type) {
            case 'c':
                line = Connection.parse(content, error);
                break;
            case 'b':
                line = Bandwidth.parse(content, error);
                break;
            case 'o':
                if (!sessionLevel) {
                    throw new SdpParseException(lineNo, "o= line inside a media description");
                }
                line = Origin.parse(content, error);
                break;
            case 'v':
                throw new SdpParseException(lineNo, "v= is only allowed as the first line");
            case 't':
                line = checkTiming(content, error);
                break;
            default:
                line = RawLine.trusted(type, content);
        }
        if (line == null) {
            throw new SdpParseException(lineNo, error[0]);
        }
        return line;
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
