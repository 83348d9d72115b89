package io.siprtc.api.chat;

/** What kind of text a message carries; a chat window may show them differently. */
public enum MessageKind {
    /** Ordinary text typed by a person. */
    TEXT,
    /** An action in the third person ("/me waves"). */
    ACTION,
    /** A notice made by software (a bot, a call summary); never answered automatically. */
    NOTICE
}
