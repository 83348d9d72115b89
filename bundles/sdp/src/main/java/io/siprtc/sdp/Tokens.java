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

    /** A short excerpt of {@code s} for error messages. */
    static String excerpt(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
