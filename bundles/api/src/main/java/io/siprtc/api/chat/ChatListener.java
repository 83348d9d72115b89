package io.siprtc.api.chat;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard: receives incoming chat messages. */
@ConsumerType
public interface ChatListener {

    void onMessage(ChatMessage message);
}
