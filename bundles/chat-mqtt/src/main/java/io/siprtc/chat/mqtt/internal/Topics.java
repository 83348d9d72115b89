package io.siprtc.chat.mqtt.internal;

/**
 * The topic layout (see bundles/chat-mqtt/README.md). Everything addressed to a user is below its inbox, with
 * the sender's user name as the next level, so that a broker ACL can let each user read only
 * its own inbox and write only as itself:
 *
 * <pre>
 *   {root}/inbox/{to}/{from}/msg      messages and receipts, QoS 1
 *   {root}/inbox/{to}/{from}/typing   typing indicator, QoS 0
 *   {root}/presence/{user}            presence, QoS 1, retained; the Last Will sets offline
 * </pre>
 *
 * Mosquitto ACL: {@code pattern read {root}/inbox/%u/#}, {@code pattern write {root}/inbox/+/%u/#},
 * {@code topic read {root}/presence/+}, {@code pattern write {root}/presence/%u}.
 */
final class Topics {

    static final String MSG = "msg";
    static final String TYPING = "typing";

    private final String root;

    Topics(String root) {
        if (root.isEmpty() || root.startsWith("/") || root.endsWith("/") || root.startsWith("$")
                || root.contains("+") || root.contains("#") || root.contains("//")) {
            throw new IllegalArgumentException("topic root '" + root + "' must be a topic without wildcards, "
                    + "leading or trailing '/', or a leading '$'");
        }
        this.root = root;
    }

    String root() {
        return root;
    }

    String messages(String to, String from) {
        return root + "/inbox/" + to + "/" + from + "/" + MSG;
    }

    String typing(String to, String from) {
        return root + "/inbox/" + to + "/" + from + "/" + TYPING;
    }

    String presence(String user) {
        return root + "/presence/" + user;
    }

    /** The subscription for a user's own inbox. */
    String inboxFilter(String me) {
        return root + "/inbox/" + me + "/+/+";
    }

    String presenceFilter() {
        return root + "/presence/+";
    }

    /** What a received topic is; null when it is not one of ours or its names are invalid. */
    Parsed parse(String topic) {
        if (topic == null || !topic.startsWith(root + "/")) {
            return null;
        }
        String[] p = topic.substring(root.length() + 1).split("/", -1);
        if (p.length == 2 && p[0].equals("presence") && Names.isName(p[1])) {
            return new Parsed(Parsed.Kind.PRESENCE, null, p[1]);
        }
        if (p.length == 4 && p[0].equals("inbox") && Names.isName(p[1]) && Names.isName(p[2])) {
            if (p[3].equals(MSG)) {
                return new Parsed(Parsed.Kind.MESSAGES, p[1], p[2]);
            }
            if (p[3].equals(TYPING)) {
                return new Parsed(Parsed.Kind.TYPING, p[1], p[2]);
            }
        }
        return null;
    }

    /** A parsed topic: {@code to} is null for presence. */
    record Parsed(Kind kind, String to, String from) {
        enum Kind { MESSAGES, TYPING, PRESENCE }
    }
}
