package io.siprtc.gateway.internal;

import java.util.Locale;

/** The parts of a SIP URI the gateway needs (RFC 3261 section 19.1), validated. */
final class SipUri {

    /** {@code ;name} or {@code ;name=value} parameters (RFC 3261 section 25.1, paramchar). */
    private static final String PARAMS = "(;[A-Za-z0-9\\-_.!~*'()\\[\\]/:&+$%]+(=[A-Za-z0-9\\-_.!~*'()\\[\\]/:&+$%]*)?)*";

    private final String scheme;
    private final String user;
    private final String host;
    private final int port;
    private final String params;

    private SipUri(String scheme, String user, String host, int port, String params) {
        this.scheme = scheme;
        this.user = user;
        this.host = host;
        this.port = port;
        this.params = params;
    }

    /**
     * Parses {@code sip:user@host[:port][;params]}; a bare {@code user} or {@code user@host} gets
     * the default domain. Throws IllegalArgumentException with a reason a person understands.
     */
    static SipUri parse(String text, String defaultDomain) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty SIP URI");
        }
        String s = text.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        String scheme = "sip";
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sips:")) {
            scheme = "sips";
            s = s.substring(5);
        } else if (lower.startsWith("sip:")) {
            s = s.substring(4);
        } else {
            // Another scheme (tel:, mailto:, http:) unless the colon is a host's port: "host:5060".
            int colon = s.indexOf(':');
            int at = s.indexOf('@');
            if (colon >= 0 && (at < 0 || colon < at) && !s.matches("[^:@\\[]+:\\d+(;.*)?")) {
                throw new IllegalArgumentException("not a SIP URI (scheme must be sip: or sips:): " + text);
            }
        }
        String params = "";
        int semi = s.indexOf(';');
        if (semi >= 0) {
            params = s.substring(semi);
            s = s.substring(0, semi);
            if (!params.matches(PARAMS)) {
                throw new IllegalArgumentException("bad parameters in SIP URI: " + text);
            }
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no user or host in SIP URI: " + text);
        }
        String user = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = checkUser(s.substring(0, at), text);
            s = s.substring(at + 1);
        } else if (defaultDomain != null && !s.contains(".") && !s.contains(":") && !s.equals("localhost")) {
            user = checkUser(s, text);
            s = defaultDomain;
        }
        String host = s;
        int port = -1;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0 || !host.substring(1, end).matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new IllegalArgumentException("bad IPv6 host in SIP URI: " + text);
            }
            String rest = host.substring(end + 1);
            host = host.substring(0, end + 1);
            if (rest.startsWith(":")) {
                port = parsePort(rest.substring(1), text);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("bad host in SIP URI: " + text);
            }
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                port = parsePort(host.substring(colon + 1), text);
                host = host.substring(0, colon);
            }
        }
        if (host.isEmpty() || !(host.startsWith("[") || host.matches("[A-Za-z0-9.\\-]+"))) {
            throw new IllegalArgumentException("bad host in SIP URI: " + text);
        }
        return new SipUri(scheme, user, host, port, params);
    }

    private static String checkUser(String user, String text) {
        if (user.isEmpty() || !user.matches("[A-Za-z0-9\\-_.!~*'()&=+$,;?/%]+")) {
            throw new IllegalArgumentException("bad user part in SIP URI: " + text);
        }
        return user;
    }

    private static int parsePort(String p, String text) {
        try {
            if (!p.matches("\\d{1,5}")) {
                throw new NumberFormatException(); // Integer.parseInt would take "+5060"
            }
            int port = Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in SIP URI: " + text);
        }
    }

    String user() {
        return user;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    @Override
    public String toString() {
        return scheme + ":" + (user != null ? user + "@" : "") + host + (port > 0 ? ":" + port : "") + params;
    }
}
