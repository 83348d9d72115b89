package io.siprtc.api.chat;

import java.util.List;
import java.util.Objects;

/**
 * A page of a conversation's history.
 *
 * @param messages oldest first
 * @param more true when older messages exist: ask again with the first message's id as
 *        {@code beforeId}
 */
public record HistoryPage(List<ChatMessage> messages, boolean more) {

    public HistoryPage {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }
}
