package io.siprtc.api.chat;

/** How far a message got. Outgoing: QUEUED, SENT, DELIVERED, READ. Incoming: RECEIVED, READ. */
public enum MessageStatus {
    /** On disk in the local outbox, not yet accepted by the server. */
    QUEUED,
    /** Accepted by the server. */
    SENT,
    /** Stored by (a member of) the receiving side. */
    DELIVERED,
    /** Read at (a member of) the receiving side, or, for an incoming message, read here. */
    READ,
    /** An incoming message not yet marked read. */
    RECEIVED
}
