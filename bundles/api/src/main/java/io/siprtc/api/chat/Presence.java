package io.siprtc.api.chat;

/** A user's presence as others see it. */
public enum Presence {
    ONLINE,
    AWAY,
    /** Not connected (or not known), also after a crash. */
    OFFLINE
}
