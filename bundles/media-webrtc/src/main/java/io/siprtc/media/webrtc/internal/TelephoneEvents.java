package io.siprtc.media.webrtc.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RFC 4733 telephone-event clock rate libwebrtc 0.14 sends with, kept equal to the audio
 * codec's (RFC 4733 section 2.5.1.1, RFC 7587 section 7: 48000 with Opus).
 *
 * <p>libwebrtc picks the telephone-event format of the send codec's clock rate only for codecs
 * that allow comfort noise; for Opus it takes the lowest rate negotiated, 8000 when the far end
 * offers both (Chromium does). Its RTP sender then measures the event's length in 8 kHz samples
 * against timestamps that run at 48 kHz: a 100 ms digit ends after one 20 ms frame (measured:
 * every digit sent as three end packets at once, which Chromium missed about once in ten).
 * So:
 * <ul>
 * <li>{@link #atSendRate} drops, from a far end's description, the telephone-event formats of
 * other rates when there is one at the rate of the first audio codec;</li>
 * <li>{@link #durationFactor} says how much longer a digit must be asked for when no such format
 * was negotiated (a far end offering Opus with telephone-event/8000 only, as baresip does), so
 * that it lasts as long as wanted.</li>
 * </ul>
 */
final class TelephoneEvents {

    /** Formats that are not the audio codec itself. */
    private static final Set<String> NOT_CODECS = Set.of("telephone-event", "cn", "red", "rtx", "ulpfec", "flexfec-03");

    private TelephoneEvents() {
    }

    /** The description with each audio section's telephone-events at its first codec's rate, when it has such. */
    static String atSendRate(String sdp) {
        if (sdp == null || !sdp.contains("telephone-event/")) {
            return sdp;
        }
        return SdpSections.edit(sdp, (index, section) -> atSendRate(section));
    }

    private static List<String> atSendRate(List<String> section) {
        AudioSection a = AudioSection.of(section);
        if (a == null || a.codecRate == 0 || !a.eventRates.containsValue(a.codecRate)) {
            return section;
        }
        Set<String> drop = new HashSet<>();
        a.eventRates.forEach((pt, rate) -> {
            if (rate != a.codecRate) {
                drop.add(pt);
            }
        });
        if (drop.isEmpty()) {
            return section;
        }
        List<String> out = new ArrayList<>(section.size());
        String[] m = section.get(0).split(" ");
        StringBuilder mline = new StringBuilder(m[0]);
        for (int i = 1; i < m.length; i++) {
            if (i < 3 || !drop.contains(m[i])) {
                mline.append(' ').append(m[i]);
            }
        }
        out.add(mline.toString());
        for (String line : section.subList(1, section.size())) {
            String pt = formatOf(line);
            if (pt == null || !drop.contains(pt)) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * How many times its length a digit must be given to libwebrtc, for the far end's description:
     * the first audio codec's clock rate over the rate of the telephone-event libwebrtc sends
     * (the lowest negotiated), 1 when they are equal or there is none.
     */
    static int durationFactor(String sdp) {
        if (sdp == null) {
            return 1;
        }
        for (List<String> section : SdpSections.media(sdp)) {
            AudioSection a = AudioSection.of(section);
            if (a != null) {
                return a.durationFactor();
            }
        }
        return 1;
    }

    /** The payload type an {@code a=rtpmap:}, {@code a=fmtp:} or {@code a=rtcp-fb:} line is about, else null. */
    private static String formatOf(String line) {
        for (String attr : new String[] {"a=rtpmap:", "a=fmtp:", "a=rtcp-fb:"}) {
            if (line.startsWith(attr)) {
                int end = line.indexOf(' ', attr.length());
                return end < 0 ? null : line.substring(attr.length(), end);
            }
        }
        return null;
    }

    /** An audio m-section's first codec clock rate and its telephone-event formats (payload type: rate). */
    private record AudioSection(int codecRate, Map<String, Integer> eventRates) {

        /** The codec's rate over the lowest telephone-event rate (the one libwebrtc sends), 1 when none is lower. */
        int durationFactor() {
            if (eventRates.isEmpty() || codecRate == 0) {
                return 1;
            }
            int sent = eventRates.values().stream().min(Integer::compare).orElse(codecRate);
            return sent > 0 && codecRate > sent && codecRate % sent == 0 ? codecRate / sent : 1;
        }

        static AudioSection of(List<String> section) {
            if (section.isEmpty() || !section.get(0).startsWith("m=audio ")) {
                return null;
            }
            String[] m = section.get(0).split(" ");
            Map<String, String[]> rtpmap = new HashMap<>();
            for (String line : section) {
                if (line.startsWith("a=rtpmap:")) {
                    String[] f = line.substring("a=rtpmap:".length()).split("[ /]");
                    if (f.length >= 3) {
                        rtpmap.put(f[0], f);
                    }
                }
            }
            Map<String, Integer> events = new HashMap<>();
            int codecRate = 0;
            for (int i = 3; i < m.length; i++) {
                String[] f = rtpmap.get(m[i]);
                String name = f == null ? null : f[1].toLowerCase();
                int rate = f == null ? staticRate(m[i]) : parse(f[2]);
                if ("telephone-event".equals(name)) {
                    events.put(m[i], rate);
                } else if (codecRate == 0 && (name == null ? rate > 0 : !NOT_CODECS.contains(name))) {
                    codecRate = rate;
                }
            }
            return new AudioSection(codecRate, events);
        }

        /** RFC 3551's static audio payload types run at 8000 Hz, but for a few (not used here). */
        private static int staticRate(String pt) {
            return switch (pt) {
                case "0", "3", "4", "5", "7", "8", "9", "12", "15", "18" -> 8000;
                default -> 0;
            };
        }

        private static int parse(String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
