package io.siprtc.sdp;

import java.util.ArrayList;
import java.util.List;

/** Space-separated token scanning and number checks shared by the line types (no regex). */
final class Tokens {

    private Tokens() {
    }

    /** The non-empty tokens of {@code s} separated by runs of spaces. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>(8);
        int len = s.length();
        int i = 0;
        while (i < len) {
            while (i < len && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= len) {
                break;
            }
            int sp = s.indexOf(' ', i);
            if (sp < 0) {
                sp = len;
            }
            out.add(s.substring(i, sp));
            i = sp;
        }
        return out;
    }

    /** Whether {@code s} is one or more ASCII digits. */
    static boolean isDigits(String s) {
        int len = s.length();
        if (len == 0) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code s} as a non-negative int not above {@code max}, or -1 if it is not. */
    static int parseBounded(String s, int max) {
        int len = s.length();
        if (len == 0 || len > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > max ? -1 : (int) v;
    }

    /** {@code s} as a non-negative long (at most 18 digits), or -1 if it is not. */
    static long parseLong(String s) {
        int len = s.length();
        if (len == 0 || len > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * A ptime-like value in milliseconds: digits with an optional fraction ({@code 20}, {@code 20.0},
     * RFC 8866 allows decimals), rounded down, at most 100000; or -1 if it is not one.
     */
    static int parseMillis(String s) {
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        if (dot >= 0 && !isDigits(s.substring(dot + 1))) {
            return -1;
        }
        return parseBounded(whole, 100_000);
    }

    /** Whether {@code s} is non-empty and has no space, CR, LF or NUL. */
    static boolean isToken(String s) {
        int len = s.length();
        if (len == 0) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} has no CR, LF or NUL (it can be written as one line). */
    static boolean isLineSafe(String s) {
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }

    static String requireToken(String what, String s) {
        if (s == null || !isToken(s)) {
            throw new IllegalArgumentException(what + " must be a non-empty token without spaces: " + s);
        }
        return s;
    }

    static String requireLineSafe(String what, String s) {
        if (s == null || !isLineSafe(s)) {
            throw new IllegalArgumentException(what + " must not contain CR, LF or NUL");
        }
        return s;
    }

    /** Puts {@code message} into {@code error[0]} (if given) and returns null: the parsers' failure path. */
    static <T> T fail(String[] error, String message) {
        if (error != null) {
            error[0] = message;
        }
        return null;
    }

    /** A short excerpt of {@code s} for error messages, control characters shown as {@code \\uXXXX}. */
    static String excerpt(String s) {
        String e = s.length() <= 60 ? s : s.substring(0, 57) + "...";
        for (int i = 0; i < e.length(); i++) {
            if (e.charAt(i) < 0x20 || e.charAt(i) == 0x7f) {
                StringBuilder sb = new StringBuilder(e.length() + 16);
                for (int j = 0; j < e.length(); j++) {
                    char c = e.charAt(j);
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
                return sb.toString();
            }
        }
        return e;
    }
}
