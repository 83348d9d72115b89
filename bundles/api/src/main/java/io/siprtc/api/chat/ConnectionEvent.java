package io.siprtc.api.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's connection changed state.
 *
 * @param account the account
 * @param state the new state
 * @param detail a line a person can read: the server, or why it failed and when the next try is
 * @param time when it happened
 */
public record ConnectionEvent(String account, ConnectionState state, String detail, Instant time) {

    public ConnectionEvent {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(time, "time");
    }
}
