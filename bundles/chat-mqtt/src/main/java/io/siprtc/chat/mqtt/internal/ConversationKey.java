package io.siprtc.chat.mqtt.internal;

import io.siprtc.api.chat.Conversation;

/** A conversation as a short string for files: {@code d-bob} (direct) or {@code g-team} (group). */
final class ConversationKey {

    private ConversationKey() {
    }

    static String of(Conversation c) {
        return (c.type() == Conversation.Type.GROUP ? "g-" : "d-") + c.id();
    }

    /** The conversation, or null when the key is not one. */
    static Conversation parse(String key) {
        if (key == null || key.length() < 3 || key.charAt(1) != '-') {
            return null;
        }
        String id = key.substring(2);
        if (!Names.isName(id)) {
            return null;
        }
        switch (key.charAt(0)) {
            case 'd':
                return Conversation.direct(id);
            case 'g':
                return Conversation.group(id);
            default:
                return null;
        }
    }
}
