package io.siprtc.chat.mqtt.internal;

import java.time.Instant;
import java.util.List;

import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.Presence;

/** What travels in a payload, version {@value WireCodec#VERSION} (see {@link WireCodec} and bundles/chat-mqtt/README.md). */
sealed interface Wire {

    String from();

    Instant time();

    /**
     * A chat message; one copy per recipient.
     *
     * @param to the recipient of this copy
     * @param group for a group message its id, else null
     * @param members for a group message all its members (sender included), else empty
     * @param prev the id of the sender's previous message to this recipient in this conversation,
     *        or null: the recipient keeps the sender's order with it
     */
    record Message(String id, String from, String to, Instant time, String text, MessageKind kind, String group,
            List<String> members, String prev) implements Wire {
        public Message {
            members = List.copyOf(members);
        }
    }

    /**
     * A receipt for message {@code ref}: {@link MessageStatus#DELIVERED} or {@link MessageStatus#READ}.
     *
     * @param group the message's group, else null
     */
    record Receipt(String id, String from, String to, Instant time, String ref, MessageStatus status, String group)
            implements Wire {
    }

    /** Typing started ({@code active}) or stopped. */
    record Typing(String from, String to, Instant time, boolean active, String group) implements Wire {
    }

    /** A user's presence, retained. */
    record PresenceState(String from, Instant time, Presence status) implements Wire {
    }
}
