package io.siprtc.api.call;

/** Who placed the call. */
public enum CallDirection {
    OUTGOING,
    INCOMING
}
