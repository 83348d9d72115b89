package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import io.siprtc.api.chat.ChatException;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.StatusUpdate;
import org.junit.jupiter.api.Test;

/** Group conversations: one copy per member inbox, receipts from each member, members learn the group. */
class GroupChatTest extends BrokerTestBase {

    @Test
    void groupMessageReachesEveryMemberOnceAndTheyCanAnswer() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        ChatFixture.Client bob = f.start("bob");
        ChatFixture.Client carol = f.start("carol");
        ChatFixture.Client dave = f.start("dave");
        for (ChatFixture.Client c : List.of(alice, bob, carol, dave)) {
            c.events().awaitState(ConnectionState.CONNECTED, T);
        }
        Conversation team = alice.chat().group("team", Set.of("bob", "carol"));
        ChatMessage sent = alice.chat().send(team, "hello team", MessageKind.TEXT);

        for (ChatFixture.Client c : List.of(bob, carol)) {
            ChatMessage got = c.events().await(ChatMessage.class, m -> m.id().equals(sent.id()), T);
            assertEquals(team, got.conversation());
            assertEquals("alice", got.from());
            assertEquals(Set.of("alice", "bob", "carol"), c.chat().members(team));
        }
        // both copies confirmed: the outbox is empty
        alice.events().await(StatusUpdate.class, u -> u.messageId().equals(sent.id())
                && u.status() == MessageStatus.DELIVERED, T);
        waitUntil(() -> alice.chat().info().outbox() == 0);

        ChatMessage answer = bob.chat().send(team, "hi all", MessageKind.TEXT);
        alice.events().await(ChatMessage.class, m -> m.id().equals(answer.id()) && m.conversation().equals(team), T);
        carol.events().await(ChatMessage.class, m -> m.id().equals(answer.id()) && m.conversation().equals(team), T);

        carol.chat().markRead(team, null);
        alice.events().await(StatusUpdate.class, u -> u.messageId().equals(sent.id())
                && u.status() == MessageStatus.READ && u.by().equals("carol"), T);

        quietPeriod();
        assertEquals(1, bob.events().messages().stream().filter(m -> m.id().equals(sent.id())).count());
        assertEquals(1, carol.events().messages().stream().filter(m -> m.id().equals(sent.id())).count());
        assertEquals(List.of(), dave.events().messages(), "dave is not a member");
    }

    @Test
    void unknownGroupsAndBadMembersAreRefused() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        assertThrows(ChatException.class, () -> alice.chat().send(Conversation.group("nope"), "x", MessageKind.TEXT));
        assertThrows(ChatException.class, () -> alice.chat().group("solo", Set.of()));
        assertThrows(ChatException.class, () -> alice.chat().group("bad", Set.of("bob/../x")));
        assertThrows(ChatException.class, () -> alice.chat().group("bad+", Set.of("bob")));
    }

    static void waitUntil(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + T.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + T);
            }
            Thread.sleep(10);
        }
    }
}
