package io.siprtc.api.chat;

/** The state of an account's connection to its chat server. */
public enum ConnectionState {
    /** Not connected; a new attempt follows after a back-off. */
    DISCONNECTED,
    /** A connection attempt is under way. */
    CONNECTING,
    /** Connected: messages flow. */
    CONNECTED,
    /**
     * The server refused the account (bad user name or password, not authorized) or the
     * configuration is unusable: no further attempts until the configuration changes.
     */
    FAILED
}
