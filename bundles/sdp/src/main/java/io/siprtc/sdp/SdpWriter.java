package io.siprtc.sdp;

import java.util.List;

/**
 * Writes a {@link SessionDescription} as SDP text with CRLF line endings: the session-level lines
 * in order, then each media description's m= line and its lines in order. For a description
 * parsed from well-formed CRLF text and not changed, the result equals that text.
 */
public final class SdpWriter {

    private SdpWriter() {
    }

    /** The SDP text of {@code sdp}. */
    public static String write(SessionDescription sdp) {
        int size = size(sdp.lines());
        for (MediaDescription m : sdp.media()) {
            size += m.mediaLine().content().length() + 4 + size(m.lines());
        }
        StringBuilder sb = new StringBuilder(size);
        write(sdp, sb);
        return sb.toString();
    }

    /** Appends the SDP text of {@code sdp} to {@code sb}. */
    public static void write(SessionDescription sdp, StringBuilder sb) {
        appendLines(sdp.lines(), sb);
        for (MediaDescription m : sdp.media()) {
            appendMedia(m, sb);
        }
    }

    static void appendMedia(MediaDescription m, StringBuilder sb) {
        sb.append("m=").append(m.mediaLine().content()).append("\r\n");
        appendLines(m.lines(), sb);
    }

    private static void appendLines(List<SdpLine> lines, StringBuilder sb) {
        for (int i = 0, n = lines.size(); i < n; i++) {
            SdpLine l = lines.get(i);
            sb.append(l.type()).append('=').append(l.content()).append("\r\n");
        }
    }

    private static int size(List<SdpLine> lines) {
        int size = 0;
        for (int i = 0, n = lines.size(); i < n; i++) {
            size += lines.get(i).content().length() + 4;
        }
        return size;
    }
}
