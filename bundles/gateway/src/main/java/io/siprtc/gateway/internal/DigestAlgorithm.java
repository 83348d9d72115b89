package io.siprtc.gateway.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest algorithms of RFC 7616 section 3.3 that SIP uses (RFC 8760 section 2.2), weakest
 * first. The {@code -sess} variants hash the nonces into A1.
 */
enum DigestAlgorithm {
    MD5("MD5", "MD5", false, 1),
    MD5_SESS("MD5-sess", "MD5", true, 1),
    SHA_256("SHA-256", "SHA-256", false, 2),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 2),
    SHA_512_256("SHA-512-256", "SHA-512/256", false, 3),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true, 3);

    private final String token;
    private final String javaName;
    private final boolean session;
    private final int strength;

    DigestAlgorithm(String token, String javaName, boolean session, int strength) {
        this.token = token;
        this.javaName = javaName;
        this.session = session;
        this.strength = strength;
    }

    /** The {@code algorithm} parameter value, e.g. {@code SHA-256}. */
    String token() {
        return token;
    }

    /** True for the {@code -sess} variants (RFC 7616 section 3.4.2). */
    boolean session() {
        return session;
    }

    /** Higher is stronger: MD5 1, SHA-256 2, SHA-512-256 3. */
    int strength() {
        return strength;
    }

    /** Lower-case hex of the hash of the UTF-8 text. */
    String hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(javaName).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + javaName, e);
        }
    }

    /** The algorithm a parameter names (any case); IllegalArgumentException for one we do not know. */
    static DigestAlgorithm parse(String token) {
        String t = token.trim();
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported digest algorithm '" + shorten(t) + "'");
    }

    static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
