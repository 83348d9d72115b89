package io.siprtc.gateway.internal;

import java.security.SecureRandom;

/** Random identifiers for Call-ID, tags (RFC 3261 section 19.3). */
final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random = new SecureRandom();

    String token(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    String tag() {
        return token(10);
    }

    String callId(String host) {
        return token(20) + "@" + host;
    }
}
