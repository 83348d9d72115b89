package io.siprtc.api.chat;

import java.util.Objects;

/**
 * A peer started or stopped typing in a conversation.
 *
 * @param account the local account
 * @param conversation where the peer types
 * @param user who types
 * @param active true while typing
 */
public record TypingEvent(String account, Conversation conversation, String user, boolean active) {

    public TypingEvent {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(user, "user");
    }
}
