package io.siprtc.api.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's presence as an account sees it.
 *
 * @param account the local account that heard it
 * @param user whose presence
 * @param presence the new presence
 * @param since when the user announced it
 */
public record PresenceEvent(String account, String user, Presence presence, Instant since) {

    public PresenceEvent {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(since, "since");
    }
}
