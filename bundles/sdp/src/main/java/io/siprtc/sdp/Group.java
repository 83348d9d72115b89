package io.siprtc.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The value of an {@code a=group} line (RFC 5888 section 5): {@code <semantics> *(<mid>)}, e.g.
 * {@code BUNDLE 0 1} (RFC 8843) or {@code LS a v}.
 *
 * @param semantics e.g. {@code BUNDLE}, {@code LS}, {@code FID}
 * @param mids the identification tags, in order (may be empty)
 */
public record Group(String semantics, List<String> mids) {

    /** The BUNDLE semantics token (RFC 8843). */
    public static final String BUNDLE = "BUNDLE";

    /** @throws IllegalArgumentException if semantics or a mid is not a token */
    public Group {
        Tokens.requireToken("group semantics", semantics);
        mids = List.copyOf(mids);
        for (String m : mids) {
            Tokens.requireToken("mid", m);
        }
    }

    /** Parses a group value; empty if malformed. */
    public static Optional<Group> parse(String value) {
        return Optional.ofNullable(parseOrNull(value, null));
    }

    static Group parseOrNull(String value, String[] error) {
        List<String> t = Tokens.split(value);
        if (t.isEmpty()) {
            return Tokens.fail(error, "a=group needs <semantics> [<mid>...]");
        }
        return new Group(t.get(0), t.subList(1, t.size()));
    }

    /** Whether this is a BUNDLE group. */
    public boolean isBundle() {
        return BUNDLE.equals(semantics);
    }

    public String toValue() {
        return mids.isEmpty() ? semantics : semantics + ' ' + String.join(" ", mids);
    }

    public Attribute toAttribute() {
        return Attribute.of("group", toValue());
    }
}
