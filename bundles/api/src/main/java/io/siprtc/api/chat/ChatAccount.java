package io.siprtc.api.chat;

import java.util.Objects;

/**
 * A configured chat account as a UI shows it. Never carries a password.
 *
 * @param user the account's user name (the name peers send to)
 * @param state the connection state now
 * @param presence the presence others see
 * @param outbox messages waiting to be sent or delivered
 */
public record ChatAccount(String user, ConnectionState state, Presence presence, int outbox) {

    public ChatAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(presence, "presence");
    }
}
