package io.siprtc.api.chat;

import java.time.Instant;
import java.util.Objects;

/** One chat message. */
public final class ChatMessage {

    private final String id;
    private final String from;
    private final String to;
    private final Instant time;
    private final String text;

    public ChatMessage(String id, String from, String to, Instant time, String text) {
        this.id = Objects.requireNonNull(id);
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.time = Objects.requireNonNull(time);
        this.text = Objects.requireNonNull(text);
    }

    public String id() {
        return id;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public Instant time() {
        return time;
    }

    public String text() {
        return text;
    }
}
