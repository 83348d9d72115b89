package io.siprtc.chat.mqtt.internal;

import java.util.regex.Pattern;

/**
 * The names that go into topics and file names: user names, group ids, message ids. They are
 * one topic level and one file name, so they exclude {@code / + # $}, spaces, NUL and a leading
 * dot; at most {@value #MAX} characters.
 */
final class Names {

    static final int MAX = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,63}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._:-]{0,63}");

    private Names() {
    }

    static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    static boolean isId(String s) {
        return s != null && ID.matcher(s).matches();
    }

    /** The name, or an exception saying what is wrong with it. */
    static String requireName(String what, String s) {
        if (!isName(s)) {
            throw new IllegalArgumentException(what + " '" + shorten(s) + "' is not a valid name: 1 to " + MAX
                    + " characters of letters, digits, '.', '_', '-', '@', not starting with '.'");
        }
        return s;
    }

    /** For log and error lines: never more than 80 characters of untrusted text. */
    static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        String t = s.length() > 80 ? s.substring(0, 77) + "..." : s;
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
