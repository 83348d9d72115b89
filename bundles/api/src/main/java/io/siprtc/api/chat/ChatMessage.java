package io.siprtc.api.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * One chat message as a chat window shows it.
 *
 * @param id unique message id (the same for every member of a group)
 * @param account the local account the message belongs to
 * @param conversation where it belongs, seen from {@code account}
 * @param from the sender's user name ({@code account} for messages sent from here)
 * @param time when the sender sent it (the sender's clock)
 * @param text the text
 * @param kind what kind of text
 * @param status how far it got; for incoming messages {@link MessageStatus#RECEIVED} or
 *        {@link MessageStatus#READ}
 */
public record ChatMessage(String id, String account, Conversation conversation, String from, Instant time,
        String text, MessageKind kind, MessageStatus status) {

    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
    }

    /** True for a message the account sent. */
    public boolean outgoing() {
        return from.equals(account);
    }

    /** The same message with another status. */
    public ChatMessage withStatus(MessageStatus newStatus) {
        return new ChatMessage(id, account, conversation, from, time, text, kind, newStatus);
    }
}
