package io.siprtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value of an {@code a=ssrc-group} line (RFC 5576 section 4.2):
 * {@code <semantics> <ssrc-id> ...}, e.g. {@code FID 1111 2222} (RTX, RFC 4588) or {@code SIM ...}.
 *
 * @param semantics e.g. {@code FID}, {@code FEC}, {@code SIM}
 * @param ssrcs the sources, in order
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    /** @throws IllegalArgumentException if semantics is not a token or an ssrc is out of range */
    public SsrcGroup {
        Tokens.requireToken("ssrc-group semantics", semantics);
        ssrcs = List.copyOf(ssrcs);
        for (long s : ssrcs) {
            if (s < 0 || s > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("ssrc out of range: " + s);
            }
        }
    }

    /** Parses an ssrc-group value; empty if malformed. */
    public static Optional<SsrcGroup> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static SsrcGroup parseOrNull(String value, String[] error) {
        List<String> t = Tokens.split(value);
        if (t.isEmpty()) {
            return Tokens.fail(error, "a=ssrc-group needs <semantics> <ssrc-id>...");
        }
        List<Long> ids = new ArrayList<>(t.size() - 1);
        for (int i = 1; i < t.size(); i++) {
            long id = Tokens.parseLong(t.get(i));
            if (id < 0 || id > 0xFFFFFFFFL) {
                return Tokens.fail(error, "a=ssrc-group ssrc is not a number in 0..4294967295: '"
                        + Tokens.excerpt(t.get(i)) + "'");
            }
            ids.add(id);
        }
        return new SsrcGroup(t.get(0), ids);
    }

    public String toValue() {
        StringBuilder sb = new StringBuilder(semantics);
        for (long s : ssrcs) {
            sb.append(' ').append(s);
        }
        return sb.toString();
    }

    public Attribute toAttribute() {
        return Attribute.of("ssrc-group", toValue());
    }
}
