package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.HistoryPage;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.Presence;
import io.siprtc.api.chat.PresenceEvent;
import io.siprtc.api.chat.StatusUpdate;
import io.siprtc.api.chat.TypingEvent;
import org.junit.jupiter.api.Test;

/** One-to-one chat through the real mosquitto: messages, receipts, typing, presence, history. */
class DirectChatTest extends BrokerTestBase {

    @Test
    void messageArrivesWithDeliveryAndReadReceipts() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        ChatFixture.Client bob = f.start("bob");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        bob.events().awaitState(ConnectionState.CONNECTED, T);

        ChatMessage sent = alice.chat().send(Conversation.direct("bob"), "hello bob \u263a \"quoted\"\nline 2",
                MessageKind.TEXT);
        assertEquals(MessageStatus.QUEUED, sent.status());

        ChatMessage got = bob.events().await(ChatMessage.class, m -> m.id().equals(sent.id()), T);
        assertEquals("alice", got.from());
        assertEquals("bob", got.account());
        assertEquals(Conversation.direct("alice"), got.conversation());
        assertEquals(sent.text(), got.text());
        assertEquals(sent.time(), got.time());
        assertEquals(MessageStatus.RECEIVED, got.status());
        assertFalse(got.outgoing());

        alice.events().await(StatusUpdate.class, u -> u.messageId().equals(sent.id())
                && u.status() == MessageStatus.DELIVERED && u.by().equals("bob"), T);
        assertEquals(0, alice.chat().info().outbox(), "a delivered message leaves the outbox");

        bob.chat().markRead(Conversation.direct("alice"), null);
        alice.events().await(StatusUpdate.class, u -> u.messageId().equals(sent.id())
                && u.status() == MessageStatus.READ, T);
        assertEquals(MessageStatus.READ,
                alice.chat().history(Conversation.direct("bob"), null, 10).messages().get(0).status());
        assertEquals(MessageStatus.READ,
                bob.chat().history(Conversation.direct("alice"), null, 10).messages().get(0).status());

        // and back
        ChatMessage reply = bob.chat().send(Conversation.direct("alice"), "hi alice", MessageKind.ACTION);
        ChatMessage back = alice.events().await(ChatMessage.class, m -> m.id().equals(reply.id()), T);
        assertEquals(MessageKind.ACTION, back.kind());
        assertEquals(List.of(Conversation.direct("bob")), alice.chat().conversations());
    }

    @Test
    void manyMessagesArriveOnceInOrder() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        ChatFixture.Client bob = f.start("bob");
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        for (int i = 0; i < 100; i++) {
            alice.chat().send(Conversation.direct("bob"), "m" + i, MessageKind.TEXT);
        }
        bob.events().await(ChatMessage.class, m -> true, 100, T);
        alice.events().await(StatusUpdate.class, u -> u.status() == MessageStatus.DELIVERED, 100, T);
        List<ChatMessage> got = bob.events().messages();
        assertEquals(100, got.size());
        for (int i = 0; i < 100; i++) {
            assertEquals("m" + i, got.get(i).text());
        }
        assertEquals(0, alice.chat().info().outbox());
    }

    @Test
    void historyIsPersistedAndPaged() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        ChatFixture.Client bob = f.start("bob");
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        for (int i = 0; i < 25; i++) {
            alice.chat().send(Conversation.direct("bob"), "h" + i, MessageKind.TEXT);
        }
        bob.events().await(ChatMessage.class, m -> true, 25, T);
        alice.events().await(StatusUpdate.class, u -> u.status() == MessageStatus.DELIVERED, 25, T);
        f.close();

        // both reopen their files: the history is still there, page by page
        ChatFixture.Client bob2 = f.start("bob");
        HistoryPage newest = bob2.chat().history(Conversation.direct("alice"), null, 10);
        assertEquals(10, newest.messages().size());
        assertTrue(newest.more());
        assertEquals("h15", newest.messages().get(0).text());
        assertEquals("h24", newest.messages().get(9).text());
        HistoryPage older = bob2.chat().history(Conversation.direct("alice"), newest.messages().get(0).id(), 10);
        assertEquals("h5", older.messages().get(0).text());
        HistoryPage oldest = bob2.chat().history(Conversation.direct("alice"), older.messages().get(0).id(), 10);
        assertEquals(5, oldest.messages().size());
        assertFalse(oldest.more());
        assertEquals("h0", oldest.messages().get(0).text());

        ChatFixture.Client alice2 = f.start("alice");
        List<ChatMessage> mine = alice2.chat().history(Conversation.direct("bob"), null, 100).messages();
        assertEquals(25, mine.size());
        assertTrue(mine.stream().allMatch(m -> m.status() == MessageStatus.DELIVERED && m.outgoing()), mine::toString);
    }

    @Test
    void typingIndicatorReachesThePeer() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        ChatFixture.Client bob = f.start("bob");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        alice.chat().typing(Conversation.direct("bob"), true);
        TypingEvent t = bob.events().await(TypingEvent.class, e -> e.active(), T);
        assertEquals("alice", t.user());
        assertEquals(Conversation.direct("alice"), t.conversation());
        alice.chat().typing(Conversation.direct("bob"), false);
        bob.events().await(TypingEvent.class, e -> !e.active(), T);
    }

    @Test
    void presenceOnlineAwayAndOfflineOnClose() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        ChatFixture.Client bob = f.start("bob");
        alice.events().await(PresenceEvent.class, e -> e.user().equals("bob") && e.presence() == Presence.ONLINE, T);
        // retained: bob, who came later, knows alice is online at once
        bob.events().await(PresenceEvent.class, e -> e.user().equals("alice") && e.presence() == Presence.ONLINE, T);

        bob.chat().setPresence(Presence.AWAY);
        alice.events().await(PresenceEvent.class, e -> e.user().equals("bob") && e.presence() == Presence.AWAY, T);
        assertEquals(Presence.AWAY, alice.chat().presence().get("bob"));

        bob.chat().close();
        alice.events().await(PresenceEvent.class, e -> e.user().equals("bob") && e.presence() == Presence.OFFLINE, T);
    }
}
