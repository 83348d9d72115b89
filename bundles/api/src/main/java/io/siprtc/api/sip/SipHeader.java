package io.siprtc.api.sip;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** One SIP header field: a name in its full form and its raw value. */
public final class SipHeader {

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("i", "Call-ID"), Map.entry("f", "From"), Map.entry("t", "To"),
            Map.entry("m", "Contact"), Map.entry("v", "Via"), Map.entry("l", "Content-Length"),
            Map.entry("c", "Content-Type"), Map.entry("k", "Supported"), Map.entry("e", "Content-Encoding"),
            Map.entry("s", "Subject"), Map.entry("o", "Event"), Map.entry("r", "Refer-To"),
            Map.entry("x", "Session-Expires"), Map.entry("b", "Referred-By"), Map.entry("u", "Allow-Events"));

    private final String name;
    private final String value;

    public SipHeader(String name, String value) {
        this.name = canonical(Objects.requireNonNull(name).trim());
        this.value = Objects.requireNonNull(value).trim();
    }

    /** The full header name for a compact form (RFC 3261 section 7.3.3), otherwise the name itself. */
    public static String canonical(String name) {
        String full = COMPACT.get(name.toLowerCase(Locale.ROOT));
        return full != null ? full : name;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public boolean is(String other) {
        return name.equalsIgnoreCase(canonical(other));
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
