package io.siprtc.api.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A message's status changed.
 *
 * @param account the local account
 * @param conversation the message's conversation
 * @param messageId the message
 * @param status the new status of the message as a whole (the furthest of its recipients)
 * @param by the user whose receipt caused it; empty for {@link MessageStatus#SENT}
 * @param time when it happened
 */
public record StatusUpdate(String account, Conversation conversation, String messageId, MessageStatus status,
        String by, Instant time) {

    public StatusUpdate {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        by = by == null ? "" : by;
        Objects.requireNonNull(time, "time");
    }
}
