package io.siprtc.gateway.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One digest challenge from a WWW-Authenticate (401) or Proxy-Authenticate (407) header field
 * (RFC 3261 section 22.4, RFC 7616 section 3.3, RFC 8760). Parsing is strict about structure and
 * bounded in size, so that a hostile header gives a clear IllegalArgumentException, not a hang.
 */
final class DigestChallenge {

    /** Longest header value accepted; real challenges are a few hundred characters. */
    static final int MAX_LENGTH = 4096;
    /** Most parameters accepted in one challenge. */
    static final int MAX_PARAMETERS = 32;

    private final boolean proxy;
    private final String realm;
    private final String nonce;
    private final String opaque;
    private final DigestAlgorithm algorithm;
    private final boolean algorithmGiven;
    private final Set<String> qop;
    private final boolean stale;
    private final boolean userhash;

    private DigestChallenge(boolean proxy, Map<String, String> p) {
        this.proxy = proxy;
        this.realm = p.get("realm");
        this.nonce = p.get("nonce");
        if (realm == null) {
            throw new IllegalArgumentException("digest challenge without realm");
        }
        if (nonce == null || nonce.isEmpty()) {
            throw new IllegalArgumentException("digest challenge without nonce");
        }
        this.opaque = p.get("opaque");
        String alg = p.get("algorithm");
        this.algorithmGiven = alg != null;
        this.algorithm = alg == null ? DigestAlgorithm.MD5 : DigestAlgorithm.parse(alg);
        Set<String> q = new LinkedHashSet<>();
        String qopValue = p.get("qop");
        if (qopValue != null) {
            for (String option : qopValue.split(",")) {
                if (!option.isBlank()) {
                    q.add(option.trim().toLowerCase(Locale.ROOT));
                }
            }
            if (!q.contains("auth") && !q.contains("auth-int")) {
                throw new IllegalArgumentException("digest challenge offers no supported qop (only '"
                        + DigestAlgorithm.shorten(qopValue) + "')");
            }
        }
        this.qop = Collections.unmodifiableSet(q);
        this.stale = "true".equalsIgnoreCase(p.getOrDefault("stale", ""));
        this.userhash = "true".equalsIgnoreCase(p.getOrDefault("userhash", ""));
    }

    /**
     * Parses one challenge.
     *
     * @param value the header field value, e.g. {@code Digest realm="example.org", nonce="..."}
     * @param proxy true for Proxy-Authenticate
     * @throws IllegalArgumentException naming what is wrong (not Digest, no nonce, bad quoting, too long, ...)
     */
    static DigestChallenge parse(String value, boolean proxy) {
        return new DigestChallenge(proxy, parameters(value));
    }

    /**
     * The parameters of a {@code Digest} challenge or credentials header value, names in lower
     * case, quoted values unescaped.
     */
    static Map<String, String> parameters(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty authentication header");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("authentication header too long (" + value.length()
                    + " characters, at most " + MAX_LENGTH + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("control character in authentication header at position " + i);
            }
        }
        Cursor in = new Cursor(value);
        in.skipSpace();
        String scheme = in.token();
        if (!"Digest".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException(scheme.isEmpty() ? "authentication header without a scheme"
                    : "not a Digest challenge (scheme '" + DigestAlgorithm.shorten(scheme) + "')");
        }
        if (!in.atEnd() && !in.isSpace()) {
            throw new IllegalArgumentException("no space after 'Digest'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            in.skipSpaceAndCommas();
            if (in.atEnd()) {
                break;
            }
            int at = in.position();
            String name = in.token().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("expected a parameter name at position " + at);
            }
            in.skipSpace();
            if (!in.take('=')) {
                throw new IllegalArgumentException("parameter '" + DigestAlgorithm.shorten(name) + "' has no value");
            }
            in.skipSpace();
            String v = in.peek() == '"' ? in.quoted() : in.bareValue();
            if (v.isEmpty() && in.lastWasBare()) {
                throw new IllegalArgumentException("parameter '" + DigestAlgorithm.shorten(name) + "' has an empty value");
            }
            if (params.put(name, v) != null) {
                throw new IllegalArgumentException("parameter '" + DigestAlgorithm.shorten(name) + "' appears twice");
            }
            if (params.size() > MAX_PARAMETERS) {
                throw new IllegalArgumentException("more than " + MAX_PARAMETERS + " parameters");
            }
            in.skipSpace();
            if (!in.atEnd() && in.peek() != ',') {
                throw new IllegalArgumentException("expected ',' after parameter '" + DigestAlgorithm.shorten(name)
                        + "' at position " + in.position());
            }
        }
        return params;
    }

    boolean proxy() {
        return proxy;
    }

    /** The header our credentials for this challenge go in. */
    String credentialsHeader() {
        return proxy ? "Proxy-Authorization" : "Authorization";
    }

    String realm() {
        return realm;
    }

    String nonce() {
        return nonce;
    }

    /** Null when the challenge had none. */
    String opaque() {
        return opaque;
    }

    DigestAlgorithm algorithm() {
        return algorithm;
    }

    /** Whether the challenge named its algorithm (then the credentials name it too). */
    boolean algorithmGiven() {
        return algorithmGiven;
    }

    /** The qop options offered, lower case; empty for an RFC 2069 challenge. */
    Set<String> qop() {
        return qop;
    }

    /** The qop we answer with: {@code auth} when offered, else {@code auth-int}, else null (none offered). */
    String chosenQop() {
        if (qop.contains("auth")) {
            return "auth";
        }
        return qop.contains("auth-int") ? "auth-int" : null;
    }

    /** stale=true: the nonce expired, the credentials were right (RFC 7616 section 3.3). */
    boolean stale() {
        return stale;
    }

    boolean userhash() {
        return userhash;
    }

    @Override
    public String toString() {
        return (proxy ? "Proxy-Authenticate" : "WWW-Authenticate") + " Digest realm=\"" + realm + "\" algorithm="
                + algorithm.token() + (qop.isEmpty() ? "" : " qop=" + String.join(",", qop)) + (stale ? " stale" : "");
    }

    /** A position in a header value. */
    private static final class Cursor {
        private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";
        private final String s;
        private int i;
        private boolean bare;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        int position() {
            return i;
        }

        char peek() {
            return atEnd() ? 0 : s.charAt(i);
        }

        boolean isSpace() {
            char c = peek();
            return c == ' ' || c == '\t';
        }

        void skipSpace() {
            while (!atEnd() && isSpace()) {
                i++;
            }
        }

        void skipSpaceAndCommas() {
            while (!atEnd() && (isSpace() || peek() == ',')) {
                i++;
            }
        }

        boolean take(char c) {
            if (peek() == c && !atEnd()) {
                i++;
                return true;
            }
            return false;
        }

        /** RFC 7230 token characters. */
        String token() {
            int start = i;
            while (!atEnd()) {
                char c = s.charAt(i);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || TOKEN_CHARS.indexOf(c) >= 0)) {
                    i++;
                } else {
                    break;
                }
            }
            return s.substring(start, i);
        }

        /** An unquoted value: lenient (some servers send base64 nonces unquoted), up to a comma or space. */
        String bareValue() {
            bare = true;
            int start = i;
            while (!atEnd() && peek() != ',' && !isSpace() && peek() != '"') {
                i++;
            }
            return s.substring(start, i);
        }

        /** A quoted-string with backslash escapes (RFC 3261 section 25.1). */
        String quoted() {
            bare = false;
            int start = i;
            i++; // opening quote
            StringBuilder out = new StringBuilder();
            while (!atEnd()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    c = s.charAt(i++);
                }
                out.append(c);
            }
            throw new IllegalArgumentException("unterminated quoted string starting at position " + start);
        }

        boolean lastWasBare() {
            return bare;
        }
    }
}
