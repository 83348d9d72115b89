package io.siprtc.media.webrtc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An SDP text cut into its media sections (each from its {@code m=} line to the next), for the
 * engine's line-level edits of descriptions: each section is handed to an editor with its index,
 * the session part before the first {@code m=} stays as it is, and the line ends (CRLF or LF,
 * with or without a final one) come out as they went in.
 */
final class SdpSections {

    /** Edits one media section: its lines (the {@code m=} line first), in and out. */
    interface Editor {
        List<String> edit(int mlineIndex, List<String> lines);
    }

    private SdpSections() {
    }

    static String edit(String sdp, Editor editor) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(sdp.split("\r?\n", -1)));
        boolean finalEol = lines.size() > 1 && lines.get(lines.size() - 1).isEmpty();
        if (finalEol) {
            lines.remove(lines.size() - 1);
        }
        List<String> out = new ArrayList<>(lines.size());
        List<String> section = new ArrayList<>();
        int index = -1;
        for (String line : lines) {
            if (line.startsWith("m=")) {
                out.addAll(index < 0 ? section : editor.edit(index, section));
                section = new ArrayList<>();
                index++;
            }
            section.add(line);
        }
        out.addAll(index < 0 ? section : editor.edit(index, section));
        return String.join(eol, out) + (finalEol ? eol : "");
    }
}
