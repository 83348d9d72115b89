package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import org.junit.jupiter.api.Test;

/**
 * The receiving side keeps each sender's order: a message whose predecessor ({@code prev}) has
 * not arrived waits for it (the sender resends what is not confirmed), or, if it never comes,
 * shows after the reorder wait.
 */
class ReorderTest extends BrokerTestBase {

    final WireCodec codec = new WireCodec(65536);

    byte[] msg(String id, String prev) {
        return codec.encode(new Wire.Message(id, "mallory", "alice", Instant.now(), "text " + id, MessageKind.TEXT, null,
                List.of(), prev));
    }

    @Test
    void aMessageWaitsForItsPredecessor() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        try (RawClient mallory = new RawClient(broker.uri(), "mallory", ChatFixture.USERS.get("mallory"))) {
            String topic = "siprtc/inbox/alice/mallory/msg";
            mallory.publish(topic, msg("r1", null));
            alice.events().await(ChatMessage.class, m -> m.id().equals("r1"), T);
            mallory.publish(topic, msg("r3", "r2")); // r2 got lost on the way
            mallory.publish(topic, msg("r4", "r3"));
            quietPeriod();
            assertEquals(List.of("r1"), BrokerRestartTest.ids(alice.events().messages()), "r3 and r4 wait for r2");
            mallory.publish(topic, msg("r2", "r1")); // sent again
            alice.events().await(ChatMessage.class, m -> m.id().equals("r4"), T);
            assertEquals(List.of("r1", "r2", "r3", "r4"), BrokerRestartTest.ids(alice.events().messages()));
            assertEquals(List.of("r1", "r2", "r3", "r4"), BrokerRestartTest.ids(
                    alice.chat().history(Conversation.direct("mallory"), null, 10).messages()));
        }
    }

    @Test
    void aPredecessorThatNeverComesHoldsOnlyForTheReorderWait() throws Exception {
        ChatFixture.Client alice = f.start(f.settings("alice").reorderWait(1000).build());
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        try (RawClient mallory = new RawClient(broker.uri(), "mallory", ChatFixture.USERS.get("mallory"))) {
            long start = System.nanoTime();
            mallory.publish("siprtc/inbox/alice/mallory/msg", msg("s2", "never-sent"));
            alice.events().await(ChatMessage.class, m -> m.id().equals("s2"), T);
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals(true, waited >= 900, "shown after " + waited + " ms");
        }
    }

    @Test
    void theSenderChainsItsMessagesPerRecipient() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        try (RawClient spy = new RawClient(broker.uri(), "bob", ChatFixture.USERS.get("bob"))) {
            spy.subscribe("siprtc/inbox/bob/#");
            ChatMessage a = alice.chat().send(Conversation.direct("bob"), "first", MessageKind.TEXT);
            ChatMessage b = alice.chat().send(Conversation.direct("bob"), "second", MessageKind.TEXT);
            long end = System.nanoTime() + T.toNanos();
            while (spy.received().size() < 2 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            List<String> got = spy.received();
            assertEquals(false, got.get(0).contains("\"prev\""), got.get(0));
            assertEquals(true, got.get(1).contains("\"prev\":\"" + a.id() + "\""), got.get(1));
            assertEquals(true, got.get(1).contains(b.id()), got.get(1));
        }
    }
}
