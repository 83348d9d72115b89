package io.siprtc.api.chat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Text chat for a host's chat window, for each configured chat account. Every method returns
 * promptly: delivery runs in the background and reports through {@link ChatListener} services.
 * A message accepted by {@link #send} is on disk before the call returns and is delivered once,
 * in order, also across broker outages and host restarts.
 */
@ProviderType
public interface ChatService {

    /** The configured accounts, ordered by user name. */
    List<ChatAccount> accounts();

    /**
     * Queues a message; it is in the local history (status {@link MessageStatus#QUEUED}) when
     * this returns, and its progress arrives as {@link ChatListener#onStatus} events.
     *
     * @param account the sending account's user name
     * @param conversation a {@link Conversation#direct direct} peer or a known {@link #group group}
     * @throws ChatException for an unknown account or group, a malformed peer name, or a text
     *         too long to be carried
     */
    ChatMessage send(String account, Conversation conversation, String text, MessageKind kind) throws ChatException;

    /**
     * Defines (or redefines) a group conversation of the account: messages to it go to every
     * member. Members learn the group from its first message.
     *
     * @param groupId unique among the members, e.g. a UUID or {@code team-42}
     */
    Conversation group(String account, String groupId, Set<String> members) throws ChatException;

    /** The members of a group conversation, the account included; empty when unknown. */
    Set<String> members(String account, Conversation group) throws ChatException;

    /** The account's conversations, most recent activity first. */
    List<Conversation> conversations(String account) throws ChatException;

    /**
     * A page of a conversation's history, oldest first.
     *
     * @param beforeId the id of the oldest message the caller has, or null for the newest page
     * @param limit at most this many messages (1 or more)
     */
    HistoryPage history(String account, Conversation conversation, String beforeId, int limit) throws ChatException;

    /**
     * Marks incoming messages of a conversation read, up to and including {@code messageId}
     * (null: all), and sends read receipts to their senders.
     */
    void markRead(String account, Conversation conversation, String messageId) throws ChatException;

    /** Tells the conversation's peers that the account's user is typing (or stopped). Best effort. */
    void typing(String account, Conversation conversation, boolean active) throws ChatException;

    /** Sets the account's own presence as others see it. */
    void setPresence(String account, Presence presence) throws ChatException;

    /** The presence of every user the account has heard of, by user name. */
    Map<String, Presence> presence(String account) throws ChatException;
}
