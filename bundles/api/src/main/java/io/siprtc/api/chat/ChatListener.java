package io.siprtc.api.chat;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register a service of this type to receive chat events of every account. Events
 * of one account arrive in order on one thread; a slow or failing listener does not stop the
 * chat. Implement only the methods you need.
 */
@ConsumerType
public interface ChatListener {

    /** A message from someone else arrived (already in the history, already receipted). */
    default void onMessage(ChatMessage message) {
    }

    /** A message's status changed: sent to the broker, delivered to or read by a peer. */
    default void onStatus(StatusUpdate update) {
    }

    /** A peer started or stopped typing. */
    default void onTyping(TypingEvent event) {
    }

    /** A user's presence changed. */
    default void onPresence(PresenceEvent event) {
    }

    /** An account's connection to its server changed state. */
    default void onConnection(ConnectionEvent event) {
    }
}
