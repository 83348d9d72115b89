package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.await;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.hears;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The network goes away under a live call and comes back: a relay-only call through a real
 * coturn loses its relay (the server is killed, every allocation with it), libwebrtc reports the
 * connection disconnected or failed and the tone stops; with the server back an ICE restart
 * (new credentials, new allocations) brings the media back, proven by each side hearing the
 * other's tone over a relay pair again.
 */
class IceRestartThroughTurnTest {

    @RegisterExtension
    static final Coturn TURN = new Coturn("ice-restart");

    private final WebRtcMediaEngine engine = new WebRtcMediaEngine();
    private MediaSession alice;
    private MediaSession bob;

    @AfterEach
    void stop() {
        for (MediaSession s : new MediaSession[] {alice, bob}) {
            if (s != null) {
                s.close();
            }
        }
        engine.deactivate();
    }

    @Test
    void aLostRelayIsDetectedAndAnIceRestartBringsTheMediaBack() throws Exception {
        engine.activate(LoopbackCalls.config(Map.of("ice_servers", new String[] {TURN.turnUri("udp")},
                "ice_username", TURN.user(), "_ice_credential", TURN.password(), "ice_relay_only", true)));
        alice = engine.createSession(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
        bob = engine.createSession(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        negotiate(alice, bob);
        await(alice, s -> hears(BOB_HZ).test(s) && TurnRelayTest.isRelayPair(s));
        await(bob, s -> hears(ALICE_HZ).test(s) && TurnRelayTest.isRelayPair(s));

        TURN.kill();
        awaitConnection(alice, List.of(MediaState.Connection.DISCONNECTED, MediaState.Connection.FAILED));
        await(alice, s -> s.receivedToneHz() == 0);

        TURN.restart();
        get(alice.restartIce());
        negotiate(alice, bob);
        awaitConnection(alice, List.of(MediaState.Connection.CONNECTED));
        MediaStats a = await(alice, s -> hears(BOB_HZ).test(s) && TurnRelayTest.isRelayPair(s));
        MediaStats b = await(bob, s -> hears(ALICE_HZ).test(s) && TurnRelayTest.isRelayPair(s));
        System.out.println("after the ICE restart: alice " + a + "\n  bob " + b);
    }

    private static void awaitConnection(MediaSession s, List<MediaState.Connection> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!wanted.contains(s.state().connection()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(wanted.contains(s.state().connection()), s.id() + ": " + s.state() + ", wanted " + wanted);
    }
}
