package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.Presence;
import io.siprtc.api.chat.PresenceEvent;
import org.junit.jupiter.api.Test;

/** A connection cut without DISCONNECT: the broker publishes the Last Will, the client reconnects by itself. */
class LastWillTest extends BrokerTestBase {

    @Test
    void cutConnectionShowsOfflineThenTheClientComesBack() throws Exception {
        try (TcpRelay relay = new TcpRelay(broker.port())) {
            ChatFixture.Client alice = f.start("alice");
            alice.events().awaitState(ConnectionState.CONNECTED, T);
            ChatFixture.Client bob = f.start(f.settings("bob", relay.uri()).build());
            bob.events().awaitState(ConnectionState.CONNECTED, T);
            alice.events().await(PresenceEvent.class, e -> e.user().equals("bob") && e.presence() == Presence.ONLINE, T);

            relay.cut();

            alice.events().await(PresenceEvent.class, e -> e.user().equals("bob") && e.presence() == Presence.OFFLINE, T);
            bob.events().awaitState(ConnectionState.DISCONNECTED, T);
            // bob reconnects through the relay on its own, and shows online again
            bob.events().awaitState(ConnectionState.CONNECTED, 2, T);
            alice.events().await(PresenceEvent.class, e -> e.user().equals("bob") && e.presence() == Presence.ONLINE, 2, T);

            ChatMessage m = alice.chat().send(Conversation.direct("bob"), "still there?", MessageKind.TEXT);
            bob.events().await(ChatMessage.class, x -> x.id().equals(m.id()), T);
            assertEquals(Presence.ONLINE, alice.chat().presence().get("bob"));
        }
    }
}
