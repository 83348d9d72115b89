package io.siprtc.api.media;

import java.util.List;
import java.util.Objects;

/**
 * A STUN or TURN server for ICE: its URIs ({@code stun:host:port}, RFC 7064;
 * {@code turn:host:port?transport=udp|tcp}, RFC 7065) and, for TURN, the long-term credentials
 * (RFC 8489 section 9.2). {@link #toString()} never shows the credential.
 *
 * @since 1.3
 */
public final class IceServer {

    private final List<String> uris;
    private final String username;
    private final String credential;

    /**
     * @param uris one or more STUN or TURN URIs of the same server
     * @param username TURN user name, empty for STUN
     * @param credential TURN password, empty for STUN
     */
    public IceServer(List<String> uris, String username, String credential) {
        this.uris = List.copyOf(Objects.requireNonNull(uris, "uris"));
        if (this.uris.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one URI");
        }
        this.username = username == null ? "" : username;
        this.credential = credential == null ? "" : credential;
    }

    /** A STUN server (no credentials). */
    public static IceServer stun(String... uris) {
        return new IceServer(List.of(uris), "", "");
    }

    /** A TURN server with long-term credentials. */
    public static IceServer turn(String username, String credential, String... uris) {
        return new IceServer(List.of(uris), username, credential);
    }

    public List<String> uris() {
        return uris;
    }

    public String username() {
        return username;
    }

    /** The TURN password: never log it. */
    public String credential() {
        return credential;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("IceServer[");
        for (int i = 0; i < uris.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(redacted(uris.get(i)));
        }
        return b.append(']').append(username.isEmpty() ? "" : " user " + username)
                .append(credential.isEmpty() ? "" : " credential set").toString();
    }

    /** The URI without anything before an '@' (no credentials belong in a STUN/TURN URI, but some write them there). */
    static String redacted(String uri) {
        int at = uri.lastIndexOf('@');
        int colon = uri.indexOf(':');
        return at < 0 || colon < 0 || colon > at ? uri : uri.substring(0, colon + 1) + "***" + uri.substring(at);
    }
}
