package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import io.siprtc.api.chat.ChatAccount;
import io.siprtc.api.chat.ChatException;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.Presence;
import io.siprtc.api.chat.PresenceEvent;
import org.junit.jupiter.api.Test;

/** The ChatService over several accounts in one host (as the demo has alice and bob), through the real broker. */
class MqttChatServiceTest extends BrokerTestBase {

    @Test
    void routesByAccountAndExplainsUnknownOnes() throws Exception {
        MqttChatService service = new MqttChatService();
        ChatException none = assertThrows(ChatException.class,
                () -> service.send("alice", Conversation.direct("bob"), "x", MessageKind.TEXT));
        assertTrue(none.getMessage().contains("none configured"), none.getMessage());

        ChatFixture.Client alice = f.start("alice");
        ChatFixture.Client bob = f.start("bob");
        service.add(bob.chat());
        service.add(alice.chat());
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        assertEquals(List.of("alice", "bob"), service.accounts().stream().map(ChatAccount::user).toList());

        ChatMessage m = service.send("alice", Conversation.direct("bob"), "through the service", MessageKind.TEXT);
        bob.events().await(ChatMessage.class, x -> x.id().equals(m.id()), T);
        assertEquals(1, service.history("bob", Conversation.direct("alice"), null, 10).messages().size());
        assertEquals(List.of(Conversation.direct("bob")), service.conversations("alice"));
        Conversation g = service.group("alice", "pair", Set.of("bob"));
        assertEquals(Set.of("alice", "bob"), service.members("alice", g));
        service.setPresence("bob", Presence.AWAY);
        alice.events().await(PresenceEvent.class, e -> e.user().equals("bob") && e.presence() == Presence.AWAY, T);
        assertEquals(Presence.AWAY, service.presence("alice").get("bob"));

        ChatException unknown = assertThrows(ChatException.class, () -> service.history("carol", g, null, 1));
        assertTrue(unknown.getMessage().contains("alice, bob"), unknown.getMessage());
        service.remove(bob.chat());
        assertEquals(1, service.accounts().size());
    }
}
