package io.siprtc.api.chat;

import java.util.Objects;

/**
 * A conversation seen from one account: with one peer, or a group.
 *
 * @param type direct or group
 * @param id the peer's user name, or the group id
 */
public record Conversation(Type type, String id) {

    public enum Type {
        /** One to one: {@link Conversation#id()} is the peer's user name. */
        DIRECT,
        /** A group: {@link Conversation#id()} is the group id. */
        GROUP
    }

    public Conversation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Conversation direct(String peer) {
        return new Conversation(Type.DIRECT, peer);
    }

    public static Conversation group(String groupId) {
        return new Conversation(Type.GROUP, groupId);
    }

    @Override
    public String toString() {
        return (type == Type.GROUP ? "group:" : "") + id;
    }
}
