package io.siprtc.gateway.internal;

/** Readings of the host part of SIP URIs and addresses, without any name lookup. */
final class SipHosts {

    private static final String IPV4 = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";

    private SipHosts() {
    }

    /** A dotted IPv4 address, or an IPv6 address with or without brackets. */
    static boolean isIpLiteral(String host) {
        return isIpv4(host) || isIpv6(host);
    }

    static boolean isIpv4(String host) {
        return host != null && host.matches(IPV4);
    }

    static boolean isIpv6(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.indexOf(':') >= 0 && h.matches("[0-9A-Fa-f:.]+");
    }

    /** Brackets off: {@code [::1]} gives {@code ::1}. */
    static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
