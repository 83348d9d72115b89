package io.siprtc.media.webrtc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.onvoid.webrtc.RTCIceServer;
import io.siprtc.api.media.IceServer;
import io.siprtc.api.media.MediaSessionConfig;

/**
 * The ICE servers and policy of a session: the engine's configuration, or the session's own
 * ({@link MediaSessionConfig#iceServers()}, {@link MediaSessionConfig#relayOnly()}). Checked
 * here so that a bad URI or a relay-only setting without TURN fails with a readable reason
 * ({@link #problem()}) instead of libwebrtc refusing the configuration. {@link #toString()}
 * never shows a credential.
 */
final class IceSettings {

    static final IceSettings NONE = new IceSettings(List.of(), false, 0);

    private final List<IceServer> servers;
    private final boolean relayOnly;
    private final long srflxWaitMs;
    private final String problem;

    IceSettings(List<IceServer> servers, boolean relayOnly, long srflxWaitMs) {
        this.servers = List.copyOf(servers);
        this.relayOnly = relayOnly;
        this.srflxWaitMs = Math.max(0, srflxWaitMs);
        this.problem = check(this.servers, relayOnly);
    }

    /** The engine's configuration: its STUN URIs as one server, its TURN URIs with the credentials as another. */
    static IceSettings of(WebRtcEngineConfig c) {
        List<String> stun = new ArrayList<>();
        List<String> turn = new ArrayList<>();
        for (String uri : c.ice_servers() == null ? new String[0] : c.ice_servers()) {
            // Felix's ConfigAdmin may hand over one comma-separated string
            for (String u : uri == null ? new String[0] : uri.split(",")) {
                String t = u.trim();
                if (!t.isEmpty()) {
                    (isTurn(t) ? turn : stun).add(t);
                }
            }
        }
        List<IceServer> servers = new ArrayList<>();
        if (!stun.isEmpty()) {
            servers.add(new IceServer(stun, "", ""));
        }
        if (!turn.isEmpty()) {
            servers.add(new IceServer(turn, nonNull(c.ice_username()), nonNull(c._ice_credential())));
        }
        return new IceSettings(servers, c.ice_relay_only(), c.srflx_wait_ms());
    }

    /** This engine's settings with the session's own servers and relay-only choice, where it has them. */
    IceSettings forSession(MediaSessionConfig session) {
        List<IceServer> s = session.iceServers().orElse(servers);
        boolean relay = session.relayOnly().orElse(relayOnly);
        if (s == servers && relay == relayOnly) {
            return this;
        }
        return new IceSettings(s, relay, srflxWaitMs);
    }

    boolean relayOnly() {
        return relayOnly;
    }

    boolean hasServers() {
        return !servers.isEmpty();
    }

    long srflxWaitMs() {
        return srflxWaitMs;
    }

    /** What the candidate gate waits for besides (or instead of) host candidates. */
    CandidateGate.Need need() {
        return relayOnly ? CandidateGate.Need.RELAY : hasServers() ? CandidateGate.Need.SERVER : CandidateGate.Need.HOST;
    }

    /** Why these settings cannot work, or null. */
    String problem() {
        return problem;
    }

    List<RTCIceServer> toNative() {
        List<RTCIceServer> out = new ArrayList<>();
        for (IceServer s : servers) {
            RTCIceServer r = new RTCIceServer();
            r.urls = new ArrayList<>(s.uris());
            r.username = s.username();
            r.password = s.credential();
            out.add(r);
        }
        return out;
    }

    private static String check(List<IceServer> servers, boolean relayOnly) {
        boolean turn = false;
        for (IceServer s : servers) {
            for (String uri : s.uris()) {
                String p = uriProblem(uri);
                if (p != null) {
                    return "ICE server URI " + redacted(uri) + ": " + p;
                }
                if (isTurn(uri)) {
                    turn = true;
                    if (s.username().isEmpty() || s.credential().isEmpty()) {
                        return "TURN URI " + uri + " needs a user name and a password";
                    }
                }
            }
        }
        if (relayOnly && !turn) {
            return "relay-only ICE needs a TURN server (turn:host:port?transport=udp|tcp)";
        }
        return null;
    }

    /** {@code stun:host[:port]}, {@code turn:host[:port][?transport=udp|tcp]} (and stuns/turns). */
    static String uriProblem(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!List.of("stun", "stuns", "turn", "turns").contains(scheme)) {
            return "scheme must be stun, stuns, turn or turns";
        }
        String rest = uri.substring(colon + 1);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
            if (scheme.startsWith("stun")) {
                return "a STUN URI has no query (RFC 7064)";
            }
            if (!query.equalsIgnoreCase("transport=udp") && !query.equalsIgnoreCase("transport=tcp")) {
                return "the only query is transport=udp or transport=tcp (RFC 7065)";
            }
        }
        if (rest.startsWith("//")) {
            return "no // after the scheme (RFC 7064/7065)";
        }
        String host = rest;
        String port = null;
        if (rest.startsWith("[")) {
            int end = rest.indexOf(']');
            if (end < 0) {
                return "unclosed IPv6 literal";
            }
            host = rest.substring(1, end);
            String after = rest.substring(end + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return "junk after the IPv6 literal";
                }
                port = after.substring(1);
            }
        } else {
            int c = rest.lastIndexOf(':');
            if (c >= 0) {
                host = rest.substring(0, c);
                port = rest.substring(c + 1);
            }
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9.:_-]+")) {
            return "no usable host";
        }
        if (port != null) {
            try {
                int n = Integer.parseInt(port);
                if (n < 1 || n > 65535) {
                    return "port out of range";
                }
            } catch (NumberFormatException e) {
                return "port is not a number";
            }
        }
        return null;
    }

    /** As IceServer.toString shows it: nothing before an '@'. */
    static String redacted(String uri) {
        int at = uri.lastIndexOf('@');
        int colon = uri.indexOf(':');
        return at < 0 || colon < 0 || colon > at ? uri : uri.substring(0, colon + 1) + "***" + uri.substring(at);
    }

    private static boolean isTurn(String uri) {
        String u = uri.toLowerCase(Locale.ROOT);
        return u.startsWith("turn:") || u.startsWith("turns:");
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "IceSettings" + servers + (relayOnly ? " relay-only" : "") + " srflx wait " + srflxWaitMs + " ms"
                + (problem != null ? ", problem: " + problem : "");
    }
}
