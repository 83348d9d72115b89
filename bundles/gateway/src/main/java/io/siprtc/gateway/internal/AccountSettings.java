package io.siprtc.gateway.internal;

import java.util.Locale;
import java.util.Objects;

import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipTlsConfig;
import io.siprtc.api.sip.SipTransport;

/**
 * An account's configuration read for SIP: the address of record, the Contact, the registrar
 * and the route requests outside a dialog take (the outbound proxy, else the registrar), and the
 * credentials. Built from a configuration without throwing: a bad value is kept in
 * {@link #problem()} with a readable reason. Never prints the password.
 */
final class AccountSettings {

    private final String user;
    private final String domain;
    private final String listenAddress;
    private final int port;
    private final int tlsPort;
    private final SipTransport transport;
    private final boolean peerToPeer;
    private final boolean registers;
    private final String authUser;
    private final String password;
    private final String route;
    private final int expires;
    private final int keepAliveSeconds;
    private final KeepAliveMethod keepAliveMethod;
    private final String problem;

    private AccountSettings(AccountConfig c, int port, int tlsPort) {
        this.user = c.user() == null ? "" : c.user().trim();
        this.domain = c.domain() == null ? "" : c.domain().trim();
        this.listenAddress = c.listen_address();
        this.port = port;
        this.tlsPort = tlsPort;
        String outbound = c.outbound_proxy() == null ? "" : c.outbound_proxy().trim();
        this.peerToPeer = domain.equals(listenAddress) && outbound.isEmpty();
        this.registers = c.register() && !peerToPeer;
        this.authUser = c.auth_user() == null || c.auth_user().isBlank() ? user : c.auth_user().trim();
        this.password = c._password() == null ? "" : c._password();
        this.expires = c.expires();
        this.keepAliveSeconds = c.keep_alive_interval();
        String why = null;
        SipTransport t = SipTransport.UDP;
        try {
            t = SipTransport.parse(c.transport());
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        this.transport = t;
        KeepAliveMethod method = KeepAliveMethod.OPTIONS;
        try {
            method = KeepAliveMethod.parse(c.keep_alive_method());
        } catch (IllegalArgumentException e) {
            why = why != null ? why : e.getMessage();
        }
        this.keepAliveMethod = method;
        String r = null;
        if (user.isEmpty()) {
            why = "no user configured";
        } else if (domain.isEmpty()) {
            why = "no domain configured";
        } else if (!peerToPeer) {
            try {
                SipUri d = SipUri.parse("sip:" + domain, null);
                if (d.user() != null) {
                    throw new IllegalArgumentException("the domain must be a host, optionally with a port: " + domain);
                }
                if (!outbound.isEmpty()) {
                    r = routeTo(outbound, t);
                } else if (registers) {
                    r = routeTo("sip:" + domain, t);
                }
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
            if (registers && why == null && expires < 1) {
                why = "the registration expiry must be at least 1 s, not " + expires;
            }
            if (why == null && keepAliveSeconds < 0) {
                why = "the keep-alive interval must not be negative: " + keepAliveSeconds;
            }
        }
        this.route = r;
        this.problem = why;
    }

    /** The settings of a configuration with the port the endpoint actually bound. */
    static AccountSettings of(AccountConfig config, int boundPort) {
        return new AccountSettings(config, boundPort, 0);
    }

    /** The settings with the UDP/TCP port and the TLS port the endpoint bound (0: none). */
    static AccountSettings of(AccountConfig config, int boundPort, int boundTlsPort) {
        return new AccountSettings(config, boundPort, boundTlsPort);
    }

    /** The account's TLS settings for its endpoint (passwords included: never log the result's parts). */
    static SipTlsConfig tlsConfig(AccountConfig c) {
        return SipTlsConfig.DEFAULT
                .withTrustStore(nonNull(c.tls_truststore()), nonNull(c._tls_truststore_password()))
                .withTrustStoreType(c.tls_truststore_type())
                .withKeyStore(nonNull(c.tls_keystore()), nonNull(c._tls_keystore_password()))
                .withHostnameVerification(c.tls_verify_hostname());
    }

    /** True when both listen with the same TLS settings (a change reopens the endpoint). */
    static boolean sameTls(AccountConfig a, AccountConfig b) {
        return tlsConfig(a).equals(tlsConfig(b)) && a.listen_tls_port() == b.listen_tls_port();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /**
     * A loose-routing Route towards a proxy given as {@code host}, {@code host:port} or a SIP URI:
     * {@code <sip:host:port;lr>}, with {@code transport=tcp} or {@code transport=tls} when the account
     * uses TCP or TLS (a {@code sips:} proxy URI says TLS itself).
     */
    static String routeTo(String proxy, SipTransport transport) {
        String text = proxy.trim();
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("sip:") && !lower.startsWith("sips:")) {
            if (text.matches("[A-Za-z][A-Za-z0-9+.\\-]*:(?!\\d+(;.*)?$).*")) {
                throw new IllegalArgumentException("bad outbound proxy '" + proxy + "': not a SIP URI");
            }
            text = "sip:" + text;
        }
        SipUri uri;
        try {
            uri = SipUri.parse(text, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad outbound proxy '" + proxy + "': " + e.getMessage());
        }
        if (uri.user() != null) {
            throw new IllegalArgumentException("bad outbound proxy '" + proxy + "': a proxy address has no user part");
        }
        String params = text.contains(";") ? text.substring(text.indexOf(';')) : "";
        String lowerParams = params.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder("<").append(text.startsWith("sips:") ? "sips:" : "sip:").append(uri.host());
        if (uri.port() > 0) {
            b.append(':').append(uri.port());
        }
        b.append(params);
        if (transport != SipTransport.UDP && !lowerParams.contains(";transport=") && !text.startsWith("sips:")) {
            b.append(";transport=").append(transport.name().toLowerCase(Locale.ROOT));
        }
        if (!(lowerParams + ";").contains(";lr;") && !lowerParams.contains(";lr=")) {
            b.append(";lr");
        }
        return b.append('>').toString();
    }

    /** Why the configuration cannot be used for registration or routing, or null. */
    String problem() {
        return problem;
    }

    /** Domain equals the listening address and there is no outbound proxy: calls go straight to peers. */
    boolean peerToPeer() {
        return peerToPeer;
    }

    /** True when the account keeps a binding at its registrar. */
    boolean registers() {
        return registers;
    }

    /** e.g. {@code sip:alice@example.org}; a peer-to-peer account's carries its port. */
    String addressOfRecord() {
        return "sip:" + user + "@" + hostPort(domain) + (peerToPeer && port > 0 ? ":" + port : "");
    }

    /**
     * Where we receive requests, e.g. {@code sip:alice@192.0.2.1:5070} ({@code ;transport=tcp} for
     * TCP; for TLS the TLS port and {@code ;transport=tls}).
     */
    String contact() {
        if (transport == SipTransport.TLS) {
            return "sip:" + user + "@" + hostPort(listenAddress) + ":" + tlsPort + ";transport=tls";
        }
        return "sip:" + user + "@" + hostPort(listenAddress) + ":" + port
                + (transport == SipTransport.TCP ? ";transport=tcp" : "");
    }

    /** The Request-URI of REGISTER (RFC 3261 section 10.2): the domain, without user. */
    String registrarUri() {
        return "sip:" + hostPort(domain);
    }

    /** The Route for requests outside a dialog (outbound proxy, else registrar), or null for none. */
    String route() {
        return problem == null ? route : null;
    }

    SipTransport transport() {
        return transport;
    }

    String listenAddress() {
        return listenAddress;
    }

    String authUser() {
        return authUser;
    }

    /** For the digest only; never log it. */
    String password() {
        return password;
    }

    int expires() {
        return expires;
    }

    /**
     * Seconds between OPTIONS keep-alives ({@link OptionsKeepAlive}, which {@link Registration}
     * runs while registered); 0 when keep-alive is off or uses CRLF pings.
     */
    int keepAliveSeconds() {
        return keepAliveMethod == KeepAliveMethod.OPTIONS ? keepAliveSeconds : 0;
    }

    /** Seconds between CRLF pings ({@link CrlfKeepAlive}); 0 when keep-alive is off or uses OPTIONS. */
    int crlfKeepAliveSeconds() {
        return keepAliveMethod == KeepAliveMethod.CRLF ? keepAliveSeconds : 0;
    }

    KeepAliveMethod keepAliveMethod() {
        return keepAliveMethod;
    }

    /**
     * Where keep-alives go: the host and port of the route (outbound proxy or registrar; 5060, or
     * 5061 for TLS, when it names none) over the account's transport; null without a route.
     */
    SipHop keepAliveHop() {
        String r = route();
        if (r == null) {
            return null;
        }
        String uri = r.substring(1, r.length() - 1);
        SipUri u = SipUri.parse(uri, null);
        SipTransport t = uri.toLowerCase(Locale.ROOT).startsWith("sips:") ? SipTransport.TLS : transport;
        int p = u.port() > 0 ? u.port() : t == SipTransport.TLS ? 5061 : 5060;
        return new SipHop(u.host(), p, t);
    }

    /** True when both register the same binding the same way (password included). */
    boolean sameRegistration(AccountSettings o) {
        return registers == o.registers && addressOfRecord().equals(o.addressOfRecord())
                && contact().equals(o.contact()) && Objects.equals(route, o.route) && authUser.equals(o.authUser)
                && password.equals(o.password) && expires == o.expires && keepAliveSeconds == o.keepAliveSeconds
                && keepAliveMethod == o.keepAliveMethod
                && Objects.equals(problem, o.problem);
    }

    /** An IPv6 literal gets brackets; {@code host} and {@code host:port} stay as they are. */
    static String hostPort(String h) {
        boolean ipv6 = h.indexOf(':') != h.lastIndexOf(':') && !h.startsWith("[");
        return ipv6 ? "[" + h + "]" : h;
    }

    @Override
    public String toString() {
        return "AccountSettings[" + addressOfRecord() + ", contact " + contact() + (registers ? ", registrar "
                + registrarUri() + " every " + expires + " s" : ", no registration") + (route != null ? ", route "
                + route : "") + ", auth user " + authUser + (password.isEmpty() ? ", no password" : ", password set")
                + (problem != null ? ", problem: " + problem : "") + "]";
    }
}
