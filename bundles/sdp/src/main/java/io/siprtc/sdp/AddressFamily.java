package io.siprtc.sdp;

import java.util.Optional;

/** The IP family of an address literal, named as SDP's addrtype ({@code IP4}, {@code IP6}). */
public enum AddressFamily {
    /** IPv4, SDP addrtype {@code IP4}. */
    IP4,
    /** IPv6, SDP addrtype {@code IP6}. */
    IP6;

    /** The SDP addrtype token: {@code IP4} or {@code IP6}. */
    public String addrType() {
        return name();
    }

    /**
     * The family of an IP address literal: a dotted quad is {@link #IP4}, a colon-hex literal
     * (with optional zone or embedded IPv4) is {@link #IP6}; host names (e.g. mDNS
     * {@code *.local}) and anything else give empty. No DNS look-up is made.
     */
    public static Optional<AddressFamily> of(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.empty();
        }
        if (isIpv4(address, 0, address.length())) {
            return Optional.of(IP4);
        }
        return isIpv6(address) ? Optional.of(IP6) : Optional.empty();
    }

    /** The family named by an SDP addrtype token ({@code IP4}/{@code IP6}), or empty. */
    public static Optional<AddressFamily> fromAddrType(String addrType) {
        if ("IP4".equals(addrType)) {
            return Optional.of(IP4);
        }
        return "IP6".equals(addrType) ? Optional.of(IP6) : Optional.empty();
    }

    private static boolean isIpv4(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            if (i == start || value > 255) {
                return false;
            }
            parts++;
            if (i == to) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
        return false;
    }

    private static boolean isIpv6(String s) {
        int end = s.indexOf('%');
        if (end == 0) {
            return false;
        }
        if (end < 0) {
            end = s.length();
        }
        int colons = 0;
        int lastColon = -1;
        int groupLen = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
                lastColon = i;
                groupLen = 0;
            } else if (c == '.') {
                // embedded IPv4 tail, e.g. ::ffff:192.0.2.1
                return colons >= 2 && isIpv4(s, lastColon + 1, end);
            } else if (Character.digit(c, 16) >= 0) {
                if (++groupLen > 4) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return colons >= 2 && colons <= 7;
    }
}
