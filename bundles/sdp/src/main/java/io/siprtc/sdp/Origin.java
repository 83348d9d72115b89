package io.siprtc.sdp;

import java.math.BigInteger;
import java.util.List;

/**
 * The o= line: {@code <username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}
 * (RFC 8866 section 5.2). Session id and version are kept as digit strings, since they may exceed
 * a signed 64-bit value; {@link #sessionVersionNumber()} gives them as a {@link BigInteger}.
 */
public final class Origin implements SdpLine {

    private final String username;
    private final String sessionId;
    private final String sessionVersion;
    private final String netType;
    private final String addrType;
    private final String address;
    private final String content;

    private Origin(String username, String sessionId, String sessionVersion, String netType,
            String addrType, String address, String content) {
        this.username = username;
        this.sessionId = sessionId;
        this.sessionVersion = sessionVersion;
        this.netType = netType;
        this.addrType = addrType;
        this.address = address;
        this.content = content;
    }

    /**
     * An origin line.
     *
     * @throws IllegalArgumentException if a field is empty or holds a space, or the session id or
     *         version is not a digit string
     */
    public static Origin of(String username, String sessionId, String sessionVersion, String netType,
            String addrType, String address) {
        Tokens.requireToken("username", username);
        requireDigits("session id", sessionId);
        requireDigits("session version", sessionVersion);
        Tokens.requireToken("nettype", netType);
        Tokens.requireToken("addrtype", addrType);
        Tokens.requireToken("address", address);
        return new Origin(username, sessionId, sessionVersion, netType, addrType, address,
                username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + address);
    }

    /** Parses the content of an o= line; returns an error message in {@code error[0]} and null if bad. */
    static Origin parse(String content, String[] error) {
        List<String> t = Tokens.split(content);
        if (t.size() != 6) {
            error[0] = "o= line needs 6 fields (username sess-id sess-version nettype addrtype address), got "
                    + t.size();
            return null;
        }
        if (!Tokens.isDigits(t.get(1))) {
            error[0] = "o= session id is not numeric: '" + Tokens.excerpt(t.get(1)) + "'";
            return null;
        }
        if (!Tokens.isDigits(t.get(2))) {
            error[0] = "o= session version is not numeric: '" + Tokens.excerpt(t.get(2)) + "'";
            return null;
        }
        return new Origin(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(5), content);
    }

    private static void requireDigits(String what, String s) {
        if (s == null || !Tokens.isDigits(s)) {
            throw new IllegalArgumentException(what + " must be a digit string: " + s);
        }
    }

    public String username() {
        return username;
    }

    /** The session id, a digit string. */
    public String sessionId() {
        return sessionId;
    }

    /** The session version, a digit string. */
    public String sessionVersion() {
        return sessionVersion;
    }

    /** The session version as a number (it may exceed {@code Long.MAX_VALUE}). */
    public BigInteger sessionVersionNumber() {
        return new BigInteger(sessionVersion);
    }

    public String netType() {
        return netType;
    }

    public String addrType() {
        return addrType;
    }

    public String address() {
        return address;
    }

    /** This origin with another session version. */
    public Origin withSessionVersion(String version) {
        return of(username, sessionId, version, netType, addrType, address);
    }

    /** This origin with the session version increased by one, as for a changed re-offer. */
    public Origin withNextVersion() {
        return withSessionVersion(sessionVersionNumber().add(BigInteger.ONE).toString());
    }

    /** This origin with another unicast address; the addrtype follows an IP literal's family. */
    public Origin withAddress(String newAddress) {
        String type = AddressFamily.of(newAddress).map(AddressFamily::addrType).orElse(addrType);
        return of(username, sessionId, sessionVersion, netType, type, newAddress);
    }

    @Override
    public char type() {
        return 'o';
    }

    @Override
    public String content() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin other && other.content.equals(content);
    }

    @Override
    public int hashCode() {
        return 'o' * 31 + content.hashCode();
    }

    @Override
    public String toString() {
        return "o=" + content;
    }
}
