package io.siprtc.api.chat;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** Text chat for a host's chat window. Implemented by a chat bundle. */
@ProviderType
public interface ChatService {

    /** Sends a message; completes when the far end (or its broker) confirmed it. */
    CompletionStage<ChatMessage> send(String from, String to, String text);

    /** The newest messages of a conversation, oldest first, at most {@code limit}. */
    List<ChatMessage> history(String self, String peer, int limit);
}
