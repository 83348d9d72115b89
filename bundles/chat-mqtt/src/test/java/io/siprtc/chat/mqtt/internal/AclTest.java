package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.Presence;
import org.junit.jupiter.api.Test;

/** The broker's ACL (bundles/chat-mqtt/README.md) keeps each inbox private and every sender honest. */
class AclTest extends BrokerTestBase {

    @Test
    void aUserCannotReadAnotherUsersInbox() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        ChatFixture.Client bob = f.start("bob");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        try (RawClient mallory = new RawClient(broker.uri(), "mallory", ChatFixture.USERS.get("mallory"))) {
            // mosquitto 2.0 grants these subscriptions but its read ACL filters every delivery
            int code = mallory.subscribe("siprtc/inbox/alice/#");
            int all = mallory.subscribe("#");
            ChatMessage m = bob.chat().send(Conversation.direct("alice"), "for alice only", MessageKind.TEXT);
            alice.events().await(ChatMessage.class, x -> x.id().equals(m.id()), T);
            quietPeriod();
            List<String> seen = mallory.received();
            assertTrue(seen.stream().noneMatch(s -> s.contains("/inbox/")),
                    "mallory read an inbox (SUBACK codes " + code + ", " + all + "): " + seen);
            assertTrue(seen.stream().noneMatch(s -> s.contains("for alice only")), seen::toString);
            // presence is public: the '#' subscription does see it
            assertTrue(seen.stream().anyMatch(s -> s.startsWith("siprtc/presence/")), seen::toString);
        }
    }

    @Test
    void nobodyCanWriteAsSomeoneElse() throws Exception {
        ChatFixture.Client alice = f.start("alice");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        WireCodec codec = new WireCodec(65536);
        try (RawClient mallory = new RawClient(broker.uri(), "mallory", ChatFixture.USERS.get("mallory"))) {
            // as bob, in bob's place of alice's inbox: the broker drops it
            byte[] spoof = codec.encode(new Wire.Message("spoof-1", "bob", "alice", Instant.now(), "send me money",
                    MessageKind.TEXT, null, List.of(), null));
            int code = mallory.publish("siprtc/inbox/alice/bob/msg", spoof);
            // as bob, in mallory's own place: the client drops it (sender in payload is not the topic's)
            int code2 = mallory.publish("siprtc/inbox/alice/mallory/msg", spoof);
            // bob's presence
            int code3 = mallory.publish("siprtc/presence/bob", codec.encode(new Wire.PresenceState("bob", Instant.now(),
                    Presence.OFFLINE)));
            // and an honest one, which arrives
            mallory.publish("siprtc/inbox/alice/mallory/msg", codec.encode(new Wire.Message("honest-1", "mallory",
                    "alice", Instant.now(), "hi, mallory here", MessageKind.TEXT, null, List.of(), null)));
            alice.events().await(ChatMessage.class, x -> x.id().equals("honest-1"), T);
            quietPeriod();
            assertEquals(List.of("honest-1"), BrokerRestartTest.ids(alice.events().messages()),
                    "PUBACK codes " + code + ", " + code2 + ", " + code3);
            assertEquals(0x87, code, "mosquitto refuses a publish into someone else's place: not authorized");
            assertEquals(0x87, code3, "and into someone else's presence");
            assertEquals(null, alice.chat().presence().get("bob"));
        }
    }
}
