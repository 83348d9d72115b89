package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionEvent;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import org.junit.jupiter.api.Test;

/** Connection state as events: refused credentials, TLS, an absent broker, a second client on the same files. */
class ConnectTest extends BrokerTestBase {

    @Test
    void wrongPasswordIsAClearTerminalState() throws Exception {
        ChatFixture.Client alice = f.start(f.settings("alice").password("not-her-password").build());
        ConnectionEvent e = alice.events().awaitState(ConnectionState.FAILED, T);
        assertTrue(e.detail().contains("user name or password"), e.detail());
        assertEquals(ConnectionState.FAILED, alice.chat().info().state());
        quietPeriod();
        assertEquals(1, alice.events().all(ConnectionEvent.class).stream()
                .filter(x -> x.state() == ConnectionState.CONNECTING).count(), "no further attempts");
    }

    @Test
    void unknownUserIsRefusedToo() throws Exception {
        ChatFixture.Client eve = f.start(f.settings("eve").password("whatever").build());
        ConnectionEvent e = eve.events().awaitState(ConnectionState.FAILED, T);
        assertTrue(e.detail().contains("refused"), e.detail());
    }

    @Test
    void tlsWithTheTestCaWorks() throws Exception {
        ChatFixture.Client alice = f.start(f.settings("alice", broker.tlsUri())
                .trustStore(broker.trustStore(), Mosquitto.TRUST_STORE_PASSWORD).build());
        ChatFixture.Client bob = f.start("bob");
        alice.events().awaitState(ConnectionState.CONNECTED, T);
        bob.events().awaitState(ConnectionState.CONNECTED, T);
        ChatMessage m = bob.chat().send(Conversation.direct("alice"), "over TLS", MessageKind.TEXT);
        alice.events().await(ChatMessage.class, x -> x.id().equals(m.id()), T);
        ChatMessage r = alice.chat().send(Conversation.direct("bob"), "back over TLS", MessageKind.TEXT);
        bob.events().await(ChatMessage.class, x -> x.id().equals(r.id()), T);
    }

    @Test
    void tlsWithoutTrustingTheCaFailsAndSaysSo() throws Exception {
        ChatFixture.Client alice = f.start(f.settings("alice", broker.tlsUri()).build()); // the JVM's default trust
        ConnectionEvent e = alice.events().awaitState(ConnectionState.DISCONNECTED, T);
        assertTrue(e.detail().contains("TLS"), e.detail());
    }

    @Test
    void absentBrokerMeansRetriesWithBackoffThenConnects() throws Exception {
        broker.stop();
        ChatFixture.Client alice = f.start("alice");
        ConnectionEvent e = alice.events().awaitState(ConnectionState.DISCONNECTED, 3, T);
        assertTrue(e.detail().contains("cannot reach the broker") && e.detail().contains("next attempt in"), e.detail());
        broker.restart();
        alice.events().awaitState(ConnectionState.CONNECTED, T);
    }

    @Test
    void aSecondClientOnTheSameFilesIsRefused() throws Exception {
        f.start("alice");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new ChatClient(f.settings("alice").build(), new Recorder()));
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        Path d = data;
        for (Runnable r : new Runnable[] {
            () -> Settings.builder("alice", "http://127.0.0.1:1", d).build(),
            () -> Settings.builder("alice", "tcp://127.0.0.1", d).build(),
            () -> Settings.builder("al/ice", "tcp://127.0.0.1:1883", d).build(),
            () -> Settings.builder("alice", "tcp://127.0.0.1:1883", d).reconnect(100, 10).build(),
            () -> Settings.builder("alice", "tcp://127.0.0.1:1883", d).topicRoot("a/#").build(),
            () -> Settings.builder("alice", "tcp://127.0.0.1:1883", d).maxMessageBytes(10).build() }) {
            IllegalArgumentException x = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    r::run);
            assertTrue(!x.getMessage().isBlank());
        }
        assertEquals("alice at tcp://127.0.0.1:1883 as client siprtc-alice",
                Settings.builder("alice", "tcp://127.0.0.1:1883", d).password("secret").build().toString());
    }
}
