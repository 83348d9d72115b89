package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.StatusUpdate;
import org.junit.jupiter.api.Test;

/**
 * The broker crashes (SIGKILL: nothing saved since its last autosave) in the middle of a
 * conversation and comes back: every message arrives exactly once, in order.
 */
class BrokerRestartTest extends BrokerTestBase {

    static final int N = 200;

    @Test
    void brokerCrashMidConversationLosesNothingAndDuplicatesNothing() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        ChatFixture.Client bob = f.start("bob");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        bob.events().awaitState(ConnectionState.CONNECTED, T);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            sent.add(alice.chat().send(Conversation.direct("bob"), "n" + i, MessageKind.TEXT).id());
            if (i == N / 3) {
                broker.kill();
            }
            if (i == N / 2) {
                broker.restart();
            }
            if (i % 10 == 0) {
                Thread.sleep(5); // a conversation, not one burst
            }
        }
        bob.events().await(ChatMessage.class, m -> true, N, T);
        alice.events().await(StatusUpdate.class, u -> u.status() == MessageStatus.DELIVERED, N, T);
        GroupChatTest.waitUntil(() -> alice.chat().info().outbox() == 0);
        quietPeriod();

        assertEquals(texts(N, "n"), texts(bob.events().messages()), "exactly once, in order");
        assertEquals(sent, ids(bob.events().messages()));
        assertEquals(sent, ids(bob.chat().history(Conversation.direct("alice"), null, 1000).messages()));
        assertTrue(alice.events().all(io.siprtc.api.chat.ConnectionEvent.class).stream()
                .filter(e -> e.state() == ConnectionState.CONNECTED).count() >= 2, "alice reconnected");
    }

    @Test
    void messagesQueuedForAnOfflinePeerSurviveABrokerCrash() throws Exception {
        ChatFixture.Client bob = f.start("bob");
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        bob.chat().close(); // bob's session stays at the broker: messages for him are queued there
        ChatFixture.Client alice = f.start("alice");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(alice.chat().send(Conversation.direct("bob"), "q" + i, MessageKind.TEXT).id());
        }
        alice.events().await(StatusUpdate.class, u -> u.status() == MessageStatus.SENT, 20, T);
        broker.kill();
        broker.restart();
        alice.events().awaitState(ConnectionState.CONNECTED, 2, T);

        ChatFixture.Client bob2 = f.start("bob");
        bob2.events().await(ChatMessage.class, m -> true, 20, T);
        alice.events().await(StatusUpdate.class, u -> u.status() == MessageStatus.DELIVERED, 20, T);
        quietPeriod();
        assertEquals(texts(20, "q"), texts(bob2.events().messages()), "exactly once, in order");
        assertEquals(sent, ids(bob2.events().messages()));
        assertEquals(new HashSet<>(sent).size(), sent.size());
        GroupChatTest.waitUntil(() -> alice.chat().info().outbox() == 0);
    }

    static List<String> ids(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::id).toList();
    }

    static List<String> texts(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::text).toList();
    }

    static List<String> texts(int n, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }
}
