package io.siprtc.api.call;

import java.time.Instant;
import java.util.Objects;

/**
 * A page-mode instant message (SIP MESSAGE, RFC 3428), sent or received by an account.
 *
 * @since 1.2
 */
public final class InstantMessage {

    private final String accountId;
    private final String from;
    private final String to;
    private final String contentType;
    private final String body;
    private final Instant time;

    public InstantMessage(String accountId, String from, String to, String contentType, String body, Instant time) {
        this.accountId = Objects.requireNonNull(accountId);
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.contentType = Objects.requireNonNull(contentType);
        this.body = Objects.requireNonNull(body);
        this.time = Objects.requireNonNull(time);
    }

    /** The account that sent or received it. */
    public String accountId() {
        return accountId;
    }

    /** The sender's URI. */
    public String from() {
        return from;
    }

    /** The recipient's URI. */
    public String to() {
        return to;
    }

    /** e.g. {@code text/plain;charset=UTF-8}. */
    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }

    /** When it was sent or received. */
    public Instant time() {
        return time;
    }

    @Override
    public String toString() {
        return from + " -> " + to + " (" + contentType + ", " + body.length() + " chars)";
    }
}
