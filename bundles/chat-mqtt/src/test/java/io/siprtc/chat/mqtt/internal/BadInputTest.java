package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.siprtc.api.chat.ChatException;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionEvent;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import org.junit.jupiter.api.Test;

/** Malformed, oversized and unknown-version payloads are logged and skipped; the conversation goes on. */
class BadInputTest extends BrokerTestBase {

    @Test
    void badPayloadsAreSkippedWithoutBreakingTheConversation() throws Exception {
        ChatFixture.Client alice = f.start(f.settings("alice").maxMessageBytes(4096).build());
        ChatFixture.Client bob = f.start("bob");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        String now = Instant.now().toString();
        String topic = "siprtc/inbox/alice/mallory/msg";
        List<String> junk = List.of(
                "not json at all",
                "",
                "{}",
                "[1,2,3]",
                "{\"v\":2,\"type\":\"message\",\"id\":\"v2\",\"from\":\"mallory\",\"to\":\"alice\",\"time\":\"" + now
                        + "\",\"text\":\"from the future\",\"kind\":\"text\"}",
                "{\"v\":1,\"type\":\"message\",\"id\":\"dup\",\"id\":\"dup\",\"from\":\"mallory\",\"to\":\"alice\"}",
                "{\"v\":1,\"type\":\"poke\",\"from\":\"mallory\",\"to\":\"alice\",\"time\":\"" + now + "\"}",
                "{\"v\":1,\"type\":\"message\",\"id\":\"x/y\",\"from\":\"mallory\",\"to\":\"alice\",\"time\":\"" + now
                        + "\",\"text\":\"bad id\",\"kind\":\"text\"}",
                "{\"v\":1,\"type\":\"message\",\"id\":\"nokind\",\"from\":\"mallory\",\"to\":\"alice\",\"time\":\"" + now
                        + "\",\"text\":\"no kind\"}",
                "{\"v\":1,\"type\":\"message\",\"id\":\"badtime\",\"from\":\"mallory\",\"to\":\"alice\",\"time\":\"yesterday\","
                        + "\"text\":\"t\",\"kind\":\"text\"}",
                "{\"v\":1,\"type\":\"message\",\"id\":\"tocarol\",\"from\":\"mallory\",\"to\":\"carol\",\"time\":\"" + now
                        + "\",\"text\":\"wrong inbox\",\"kind\":\"text\"}",
                "[".repeat(100) + "]".repeat(100),
                "{\"v\":1,\"type\":\"message\",\"id\":\"huge\",\"from\":\"mallory\",\"to\":\"alice\",\"time\":\"" + now
                        + "\",\"text\":\"" + "x".repeat(10_000) + "\",\"kind\":\"text\"}");
        try (RawClient mallory = new RawClient(broker.uri(), "mallory", ChatFixture.USERS.get("mallory"))) {
            for (String j : junk) {
                mallory.publish(topic, j);
            }
            mallory.publish(topic, new byte[] { '{', (byte) 0xC3, (byte) 0x28, '}' }); // not UTF-8
            mallory.publish("siprtc/inbox/alice/mallory/unknown-leaf", "{}");
            // a valid one, with a member this reader does not know (allowed: v1 can grow)
            mallory.publish(topic, ("{\"v\":1,\"type\":\"message\",\"id\":\"good-1\",\"from\":\"mallory\",\"to\":\"alice\","
                    + "\"time\":\"" + now + "\",\"text\":\"after the junk\",\"kind\":\"text\",\"mood\":\"cheerful\"}")
                    .getBytes(StandardCharsets.UTF_8));
            alice.events().await(ChatMessage.class, m -> m.id().equals("good-1"), T);
        }
        ChatMessage fromBob = bob.chat().send(Conversation.direct("alice"), "still talking", MessageKind.TEXT);
        alice.events().await(ChatMessage.class, m -> m.id().equals(fromBob.id()), T);
        quietPeriod();
        assertEquals(List.of("good-1", fromBob.id()), BrokerRestartTest.ids(alice.events().messages()));
        assertEquals(1, alice.events().all(ConnectionEvent.class).stream()
                .filter(e -> e.state() == ConnectionState.CONNECTED).count(), "the connection never dropped");
    }

    @Test
    void tooLongOrBrokenOutgoingTextIsRefusedClearly() throws Exception {
        ChatFixture.Client alice = f.start(f.settings("alice").maxMessageBytes(4096).build());
        ChatException tooLong = assertThrows(ChatException.class,
                () -> alice.chat().send(Conversation.direct("bob"), "y".repeat(5000), MessageKind.TEXT));
        assertTrue(tooLong.getMessage().contains("too long"), tooLong.getMessage());
        assertThrows(ChatException.class, () -> alice.chat().send(Conversation.direct("bob"), "", MessageKind.TEXT));
        assertThrows(ChatException.class, () -> alice.chat().send(Conversation.direct("bob"), "a\ud800b", MessageKind.TEXT));
        assertThrows(ChatException.class, () -> alice.chat().send(Conversation.direct("bo b"), "hi", MessageKind.TEXT));
        assertThrows(ChatException.class, () -> alice.chat().send(Conversation.direct("alice"), "me", MessageKind.TEXT));
        assertThrows(ChatException.class, () -> alice.chat().history(Conversation.direct("bob"), "no-such-id", 10));
        assertThrows(ChatException.class, () -> alice.chat().history(Conversation.direct("bob"), null, 0));
        assertEquals(0, alice.chat().info().outbox());
    }
}
