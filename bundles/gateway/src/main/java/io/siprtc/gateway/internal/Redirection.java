package io.siprtc.gateway.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipResponse;

/**
 * Follows the 3xx responses to one outgoing INVITE (RFC 3261 section 8.1.3.4): the next target is
 * the Contact with the highest {@code q} that was not tried yet; after {@link #MAX_REDIRECTS}
 * redirections, or when every Contact was tried already (a loop), or none is a SIP URI, the call
 * ends with a reason that says so. Not thread-safe: used on the call's signalling executor.
 */
final class Redirection {

    /** Redirections followed per call at most; the next 3xx ends the call. */
    static final int MAX_REDIRECTS = 5;

    /** Where to send the INVITE next, or why the call ends instead: exactly one is set. */
    record Step(String target, CallEndReason endReason) {
    }

    private final Set<String> tried = new HashSet<>();
    private final int limit;
    private int followed;

    Redirection(String firstTarget) {
        this(firstTarget, MAX_REDIRECTS);
    }

    Redirection(String firstTarget, int limit) {
        this.limit = limit;
        tried.add(key(firstTarget));
    }

    /** How many redirections were followed so far. */
    int followed() {
        return followed;
    }

    /** The step a 3xx response calls for. */
    Step next(SipResponse redirect) {
        String status = redirect.status() + " " + (redirect.reason() == null ? "" : redirect.reason().trim());
        if (followed >= limit) {
            return end(redirect, status + ": too many redirections (" + followed + " followed, limit " + limit + ")");
        }
        List<Contact> contacts = contacts(redirect);
        if (contacts.isEmpty()) {
            return end(redirect, status + ": no SIP Contact to follow");
        }
        for (Contact c : contacts) {
            if (tried.add(key(c.uri))) {
                followed++;
                return new Step(c.uri, null);
            }
        }
        return end(redirect, status + ": redirection loop (" + contacts.get(0).uri + " was tried already)");
    }

    private static Step end(SipResponse redirect, String text) {
        return new Step(null, new CallEndReason(CallEndReason.Kind.UNAVAILABLE, redirect.status(), text));
    }

    private record Contact(String uri, double q, int order) {
    }

    /** The response's sip/sips Contacts, highest q first (ties in the order given). */
    static List<Contact> contacts(SipResponse r) {
        List<Contact> out = new ArrayList<>();
        for (String line : r.headerValues("Contact")) {
            for (String value : splitList(line)) {
                String v = value.trim();
                if (v.isEmpty() || v.equals("*")) {
                    continue;
                }
                String uri = SipMessage.uriOf(v).trim();
                String lower = uri.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("sip:") && !lower.startsWith("sips:")) {
                    continue;
                }
                out.add(new Contact(uri, q(v), out.size()));
            }
        }
        out.sort(Comparator.comparingDouble((Contact c) -> -c.q).thenComparingInt(c -> c.order));
        return out;
    }

    /** The q of a Contact value (its header parameters, after the name-addr); 1 when absent or bad. */
    private static double q(String value) {
        int gt = value.lastIndexOf('>');
        String params = gt >= 0 ? value.substring(gt + 1) : value;
        for (String p : params.split(";")) {
            String[] kv = p.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(kv[1].trim());
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }

    /** Splits a header value at commas outside quotes and angle brackets. */
    private static List<String> splitList(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && ch == '<') {
                angle++;
            } else if (!quoted && ch == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && ch == ',') {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(ch);
        }
        parts.add(current.toString());
        return parts;
    }

    /** A URI as compared for loops: trimmed, case-insensitive. */
    private static String key(String uri) {
        return uri.trim().toLowerCase(Locale.ROOT);
    }
}
