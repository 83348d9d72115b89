package io.siprtc.media.webrtc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An SDP text cut into its media sections (each from its {@code m=} line to the next), for the
 * engine's line-level edits and reads of descriptions: each section is handed to an editor with
 * its index, the session part before the first {@code m=} stays as it is, and the line ends (CRLF
 * or LF, with or without a final one) come out as they went in.
 */
final class SdpSections {

    /** Edits one media section: its lines (the {@code m=} line first), in and out. */
    interface Editor {
        List<String> edit(int mlineIndex, List<String> lines);
    }

    /** The session part's lines, each media section's lines, and how the lines ended. */
    private record Cut(List<String> session, List<List<String>> media, String eol, boolean finalEol) {
    }

    private SdpSections() {
    }

    static String edit(String sdp, Editor editor) {
        Cut cut = cut(sdp);
        List<String> out = new ArrayList<>(cut.session());
        for (int i = 0; i < cut.media().size(); i++) {
            out.addAll(editor.edit(i, cut.media().get(i)));
        }
        return String.join(cut.eol(), out) + (cut.finalEol() ? cut.eol() : "");
    }

    /** The media sections, in order, each its lines ({@code m=} first). */
    static List<List<String>> media(String sdp) {
        return cut(sdp).media();
    }

    private static Cut cut(String sdp) {
        List<String> lines = new ArrayList<>(List.of(sdp.split("\r?\n", -1)));
        boolean finalEol = lines.size() > 1 && lines.get(lines.size() - 1).isEmpty();
        if (finalEol) {
            lines.remove(lines.size() - 1);
        }
        List<String> session = new ArrayList<>();
        List<List<String>> media = new ArrayList<>();
        List<String> section = session;
        for (String line : lines) {
            if (line.startsWith("m=")) {
                section = new ArrayList<>();
                media.add(section);
            }
            section.add(line);
        }
        return new Cut(session, media, sdp.contains("\r\n") ? "\r\n" : "\n", finalEol);
    }
}
