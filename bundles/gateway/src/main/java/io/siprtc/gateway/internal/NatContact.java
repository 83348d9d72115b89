package io.siprtc.gateway.internal;

import io.siprtc.api.sip.SipResponse;
import java.util.Locale;

/**
 * The Contact a registrar can reach us at when we are behind a NAT (RFC 3581, and what
 * softphones call "contact rewrite"): the top Via of the 2xx to REGISTER carries the source
 * address ({@code received}) and port ({@code rport}) the registrar saw. When they differ from the
 * host and port in our Contact, a Contact with them reaches us through the NAT's UDP mapping,
 * which the registration refreshes keep open. Only for UDP: over TCP the source port is the
 * connection's, not one that accepts requests (that needs RFC 5626 outbound).
 */
final class NatContact {

    private NatContact() {
    }

    /** The Contact with the observed address and port, or null when ours is right (or nothing was observed). */
    static String corrected(SipResponse ok, String contact) {
        String via = ok.header("Via").map(v -> Registration.splitList(v)).filter(l -> !l.isEmpty())
                .map(l -> l.get(0)).orElse(null);
        if (via == null || !via.trim().toUpperCase(Locale.ROOT).startsWith("SIP/2.0/UDP")) {
            return null;
        }
        String received = param(via, "received");
        String rport = param(via, "rport");
        SipUri ours;
        try {
            ours = SipUri.parse(contact, null);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String lowerContact = contact.toLowerCase(Locale.ROOT);
        if (lowerContact.contains(";transport=") && !lowerContact.contains(";transport=udp")) {
            return null;
        }
        String host = received != null && SipHosts.isIpLiteral(received) ? received : SipHosts.unbracket(ours.host());
        int ourPort = ours.port() > 0 ? ours.port() : 5060;
        int port = ourPort;
        if (rport != null && rport.matches("\\d{1,5}")) {
            int p = Integer.parseInt(rport);
            if (p >= 1 && p <= 65535) {
                port = p;
            }
        }
        if (host.equalsIgnoreCase(SipHosts.unbracket(ours.host())) && port == ourPort) {
            return null;
        }
        String params = contact.indexOf(';') >= 0 ? contact.substring(contact.indexOf(';')) : "";
        return "sip:" + (ours.user() != null ? ours.user() + "@" : "") + AccountSettings.hostPort(host) + ":" + port + params;
    }

    /** A Via parameter's value; null when absent or without value ({@code ;rport} as we sent it). */
    private static String param(String via, String name) {
        for (String p : via.split(";")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = t.substring(eq + 1).trim();
                int comma = v.indexOf(',');
                return comma >= 0 ? v.substring(0, comma).trim() : v;
            }
        }
        return null;
    }
}
