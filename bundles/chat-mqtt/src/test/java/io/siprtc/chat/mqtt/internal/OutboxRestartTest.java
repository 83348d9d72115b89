package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.StatusUpdate;
import org.junit.jupiter.api.Test;

/** Messages still in a client's outbox when the host stops are delivered, once and in order, after it starts again. */
class OutboxRestartTest extends BrokerTestBase {

    @Test
    void messagesWrittenWhileTheBrokerIsDownAreDeliveredAfterAClientRestart() throws Exception {
        broker.stop();
        ChatFixture.Client alice = f.start("alice");
        alice.events().awaitState(ConnectionState.DISCONNECTED, T);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ChatMessage m = alice.chat().send(Conversation.direct("bob"), "offline " + i, MessageKind.TEXT);
            assertEquals(MessageStatus.QUEUED, m.status());
            sent.add(m.id());
        }
        assertEquals(10, alice.chat().info().outbox());
        alice.chat().close(); // the host stops

        broker.restart();
        ChatFixture.Client bob = f.start("bob");
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        ChatFixture.Client alice2 = f.start("alice"); // the host starts again: same data directory
        assertEquals(10, alice2.chat().info().outbox());
        alice2.events().await(StatusUpdate.class, u -> u.status() == MessageStatus.DELIVERED, 10, T);
        quietPeriod();
        assertEquals(sent, BrokerRestartTest.ids(bob.events().messages()));
        assertEquals(0, alice2.chat().info().outbox());
    }

    @Test
    void sentButUnconfirmedMessagesGoAgainAfterRestartAndArriveOnce() throws Exception {
        ChatFixture.Client bob = f.start("bob");
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        bob.chat().close(); // bob is away; his session queues at the broker
        ChatFixture.Client alice = f.start("alice");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(alice.chat().send(Conversation.direct("bob"), "later " + i, MessageKind.TEXT).id());
        }
        alice.events().await(StatusUpdate.class, u -> u.status() == MessageStatus.SENT, 10, T);
        alice.chat().close();
        ChatFixture.Client alice2 = f.start("alice"); // publishes the 10 again: the broker now queues 20 copies
        alice2.events().awaitState(ConnectionState.CONNECTED, T);
        assertEquals(10, alice2.chat().info().outbox());

        ChatFixture.Client bob2 = f.start("bob");
        bob2.events().await(ChatMessage.class, m -> true, 10, T);
        alice2.events().await(StatusUpdate.class, u -> u.status() == MessageStatus.DELIVERED, 10, T);
        quietPeriod();
        assertEquals(sent, BrokerRestartTest.ids(bob2.events().messages()), "duplicates dropped, order kept");
        GroupChatTest.waitUntil(() -> alice2.chat().info().outbox() == 0);
    }
}
