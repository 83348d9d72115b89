package io.siprtc.chat.broker.internal;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

/**
 * The chat topic layout's ACL (bundles/chat-mqtt/README.md), the same as the mosquitto ACL there: a user reads
 * only its own inbox and everyone's presence, writes only as itself into any inbox and only its
 * own presence. Moquette checks reads at subscribe time with the topic filter, so a filter with
 * a wildcard where the user name belongs is refused. Nothing outside the layout is allowed.
 */
final class SiprtcAcl implements IAuthorizatorPolicy {

    private final String[] root;

    SiprtcAcl(String topicRoot) {
        this.root = topicRoot.split("/");
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        String[] t = rest(topic);
        if (t == null || user == null) {
            return false;
        }
        // {root}/inbox/{user}/..., any sender and leaf (wildcards allowed after the user name)
        if (t.length >= 3 && t[0].equals("inbox") && t[1].equals(user)) {
            return true;
        }
        // {root}/presence/{anyone}
        return t.length == 2 && t[0].equals("presence");
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        String[] t = rest(topic);
        if (t == null || user == null) {
            return false;
        }
        if (t.length == 4 && t[0].equals("inbox") && t[2].equals(user) && plain(t[1]) && plain(t[3])) {
            return true;
        }
        return t.length == 2 && t[0].equals("presence") && t[1].equals(user);
    }

    /** The levels below the root, or null when the topic is not below it. */
    private String[] rest(Topic topic) {
        String[] all = topic.toString().split("/", -1);
        if (all.length <= root.length) {
            return null;
        }
        for (int i = 0; i < root.length; i++) {
            if (!all[i].equals(root[i])) {
                return null;
            }
        }
        String[] rest = new String[all.length - root.length];
        System.arraycopy(all, root.length, rest, 0, rest.length);
        return rest;
    }

    private static boolean plain(String level) {
        return !level.isEmpty() && !level.equals("+") && !level.equals("#");
    }
}
