package io.siprtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value of an {@code a=simulcast} line (RFC 8853 section 5.1):
 * {@code [send <streams>] [recv <streams>]}, where streams are {@code ;}-separated simulcast
 * streams, each a {@code ,}-separated list of alternative rid ids, a {@code ~} prefix marking one
 * paused. E.g. {@code send 1;2;~3} or {@code recv h;m;l}.
 *
 * @param send the send streams, each a list of alternative rids as written (with any {@code ~})
 * @param recv the receive streams, likewise
 */
public record Simulcast(List<List<String>> send, List<List<String>> recv) {

    /** @throws IllegalArgumentException if both directions are empty or a rid is not a token */
    public Simulcast {
        send = copy(send);
        recv = copy(recv);
        if (send.isEmpty() && recv.isEmpty()) {
            throw new IllegalArgumentException("simulcast needs send or recv streams");
        }
    }

    private static List<List<String>> copy(List<List<String>> streams) {
        List<List<String>> out = new ArrayList<>(streams.size());
        for (List<String> alternatives : streams) {
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("a simulcast stream needs at least one rid");
            }
            for (String rid : alternatives) {
                Tokens.requireToken("rid", rid);
                if (rid.indexOf(';') >= 0 || rid.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("rid must not contain ; or ,: " + rid);
                }
            }
            out.add(List.copyOf(alternatives));
        }
        return List.copyOf(out);
    }

    /** Parses a simulcast value; empty if malformed. */
    public static Optional<Simulcast> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static Simulcast parseOrNull(String value, String[] error) {
        List<String> t = Tokens.split(value);
        List<List<String>> send = List.of();
        List<List<String>> recv = List.of();
        if (t.size() != 2 && t.size() != 4) {
            return Tokens.fail(error, "a=simulcast needs send|recv <streams> [send|recv <streams>], got '"
                    + Tokens.excerpt(value) + "'");
        }
        for (int i = 0; i < t.size(); i += 2) {
            List<List<String>> streams = streams(t.get(i + 1));
            if (streams == null) {
                return Tokens.fail(error, "a=simulcast has an empty stream: '" + Tokens.excerpt(value) + "'");
            }
            if ("send".equals(t.get(i)) && send.isEmpty()) {
                send = streams;
            } else if ("recv".equals(t.get(i)) && recv.isEmpty()) {
                recv = streams;
            } else {
                return Tokens.fail(error, "a=simulcast direction must be send or recv, once each: '"
                        + Tokens.excerpt(value) + "'");
            }
        }
        return new Simulcast(send, recv);
    }

    private static List<List<String>> streams(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String stream : text.split(";", -1)) {
            List<String> alternatives = new ArrayList<>(1);
            for (String rid : stream.split(",", -1)) {
                if (rid.isEmpty() || "~".equals(rid)) {
                    return null;
                }
                alternatives.add(rid);
            }
            out.add(alternatives);
        }
        return out;
    }

    public String toValue() {
        StringBuilder sb = new StringBuilder();
        append(sb, "send", send);
        append(sb, "recv", recv);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String dir, List<List<String>> streams) {
        if (streams.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(dir).append(' ');
        for (int i = 0; i < streams.size(); i++) {
            if (i > 0) {
                sb.append(';');
            }
            sb.append(String.join(",", streams.get(i)));
        }
    }

    public Attribute toAttribute() {
        return Attribute.of("simulcast", toValue());
    }
}
