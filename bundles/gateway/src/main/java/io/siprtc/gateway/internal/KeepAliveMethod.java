package io.siprtc.gateway.internal;

import java.util.Locale;

/** How an account keeps the path to its proxy or registrar alive ({@code keep.alive.method}). */
enum KeepAliveMethod {
    /** An OPTIONS request (RFC 3261 section 11), see {@link OptionsKeepAlive}. */
    OPTIONS,
    /** A double-CRLF ping (RFC 5626 section 4.4.1), see {@link CrlfKeepAlive}. */
    CRLF;

    /** {@code options} or {@code crlf}, any case; IllegalArgumentException naming the bad value. */
    static KeepAliveMethod parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown keep-alive method '" + s + "' (use options or crlf)");
        }
    }
}
