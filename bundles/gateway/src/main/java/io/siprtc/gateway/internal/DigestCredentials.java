package io.siprtc.gateway.internal;

import java.util.Locale;

/**
 * The answer to a digest challenge (RFC 7616 section 3.4, RFC 3261 section 22.4): the
 * {@code response} hash and the Authorization / Proxy-Authorization header value. The password
 * goes into the hash only; nothing here prints it.
 */
final class DigestCredentials {

    private DigestCredentials() {
    }

    /**
     * The request-digest (RFC 7616 section 3.4.1).
     *
     * @param qop {@code auth}, {@code auth-int} or null (RFC 2069, no cnonce and nc)
     * @param nc the nonce count as 8 hex digits
     */
    static String response(DigestChallenge c, String username, String password, String method, String digestUri,
            byte[] body, String qop, String cnonce, String nc) {
        DigestAlgorithm h = c.algorithm();
        String ha1 = h.hash(username + ":" + c.realm() + ":" + password);
        if (h.session()) {
            ha1 = h.hash(ha1 + ":" + c.nonce() + ":" + cnonce);
        }
        String a2 = method + ":" + digestUri;
        if ("auth-int".equals(qop)) {
            a2 += ":" + h.hash(body == null ? new byte[0] : body);
        }
        String ha2 = h.hash(a2);
        return qop == null
                ? h.hash(ha1 + ":" + c.nonce() + ":" + ha2)
                : h.hash(ha1 + ":" + c.nonce() + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /**
     * The credentials header value for one request.
     *
     * @param nonceCount how many requests used this nonce, this one included (1 for the first)
     */
    static String header(DigestChallenge c, String username, String password, String method, String digestUri,
            byte[] body, String cnonce, long nonceCount) {
        checkText("user name", username);
        checkText("request URI", digestUri);
        String qop = c.chosenQop();
        String nc = String.format(Locale.ROOT, "%08x", nonceCount);
        String user = c.userhash() ? c.algorithm().hash(username + ":" + c.realm()) : username;
        String response = response(c, username, password, method, digestUri, body, qop, cnonce, nc);
        StringBuilder b = new StringBuilder("Digest username=").append(quote(user))
                .append(", realm=").append(quote(c.realm()))
                .append(", nonce=").append(quote(c.nonce()))
                .append(", uri=").append(quote(digestUri))
                .append(", response=").append(quote(response));
        if (c.algorithmGiven()) {
            b.append(", algorithm=").append(c.algorithm().token());
        }
        if (c.opaque() != null) {
            b.append(", opaque=").append(quote(c.opaque()));
        }
        if (qop != null) {
            b.append(", qop=").append(qop).append(", nc=").append(nc).append(", cnonce=").append(quote(cnonce));
        }
        if (c.userhash()) {
            b.append(", userhash=true");
        }
        return b.toString();
    }

    /** A quoted-string (RFC 3261 section 25.1): backslash before {@code "} and {@code \}. */
    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void checkText(String what, String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " for digest credentials");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character in the " + what);
            }
        }
    }
}
