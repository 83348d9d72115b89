package io.siprtc.api.sip;

import java.util.Locale;

/** SIP transports (RFC 3261 section 18). */
public enum SipTransport {
    UDP, TCP, TLS;

    /** Parses {@code udp}, {@code TCP}, ...; throws IllegalArgumentException naming the bad value. */
    public static SipTransport parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown SIP transport '" + s + "' (use udp, tcp or tls)");
        }
    }
}
