package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCIceServer;
import io.siprtc.api.media.IceServer;
import io.siprtc.api.media.MediaSessionConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ICE servers from the engine's configuration and a session's own: checks, policy, and the password kept out of text. */
class IceSettingsTest {

    private static final String SECRET = "s3cr3t-turn-pw";

    private static IceSettings of(Map<String, Object> set) {
        return IceSettings.of(LoopbackCalls.config(set));
    }

    @Test
    void stunAndTurnUrisBecomeTwoServersTheTurnOneWithTheCredentials() {
        IceSettings s = of(Map.of("ice_servers", new String[] {"stun:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=udp",
            "turn:127.0.0.1:3478?transport=tcp"}, "ice_username", "alice", "_ice_credential", SECRET));
        assertNull(s.problem());
        assertTrue(s.hasServers());
        assertFalse(s.relayOnly());
        assertEquals(CandidateGate.Need.SERVER, s.need());
        assertEquals(300, s.srflxWaitMs());
        List<RTCIceServer> n = s.toNative();
        assertEquals(2, n.size());
        assertEquals(List.of("stun:127.0.0.1:3478"), n.get(0).urls);
        assertEquals("", n.get(0).password);
        assertEquals(List.of("turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"), n.get(1).urls);
        assertEquals("alice", n.get(1).username);
        assertEquals(SECRET, n.get(1).password);
        assertFalse(s.toString().contains(SECRET), s.toString());
    }

    @Test
    void aCommaSeparatedListIsSplit() {
        IceSettings s = of(Map.of("ice_servers", new String[] {"stun:127.0.0.1:3478, stun:[::1]:3478"}));
        assertNull(s.problem());
        assertEquals(List.of("stun:127.0.0.1:3478", "stun:[::1]:3478"), s.toNative().get(0).urls);
    }

    @Test
    void noServersNeedsHostCandidatesOnly() {
        IceSettings s = of(Map.of());
        assertNull(s.problem());
        assertFalse(s.hasServers());
        assertEquals(CandidateGate.Need.HOST, s.need());
        assertTrue(s.toNative().isEmpty());
    }

    @Test
    void relayOnlyNeedsATurnServerAndWaitsForRelay() {
        IceSettings none = of(Map.of("ice_relay_only", true, "ice_servers", new String[] {"stun:127.0.0.1:3478"}));
        assertTrue(none.problem().contains("relay-only"), none.problem());
        IceSettings relay = of(Map.of("ice_relay_only", true, "ice_servers", new String[] {"turn:127.0.0.1:3478"},
                "ice_username", "alice", "_ice_credential", SECRET));
        assertNull(relay.problem());
        assertEquals(CandidateGate.Need.RELAY, relay.need());
    }

    @Test
    void turnWithoutCredentialsIsAProblem() {
        IceSettings s = of(Map.of("ice_servers", new String[] {"turn:127.0.0.1:3478"}, "ice_username", "alice"));
        assertTrue(s.problem().contains("user name and a password"), s.problem());
    }

    @Test
    void badUrisAreNamedWithoutCredentials() {
        for (String bad : List.of("http://127.0.0.1", "stun:", "stun:127.0.0.1:99999", "stun:127.0.0.1:x",
                "stun:127.0.0.1?transport=udp", "turn:127.0.0.1?transport=sctp", "turn://127.0.0.1", "stun:[::1")) {
            assertNotNull(IceSettings.uriProblem(bad), bad);
        }
        for (String good : List.of("stun:127.0.0.1", "stun:127.0.0.1:3478", "stuns:stun.example.org:5349",
                "turn:[::1]:3478?transport=tcp", "turns:turn.example.org?transport=tcp", "TURN:127.0.0.1:3478?transport=UDP")) {
            assertNull(IceSettings.uriProblem(good), good);
        }
        IceSettings s = of(Map.of("ice_servers", new String[] {"turn:alice:" + SECRET + "@127.0.0.1:3478"},
                "ice_username", "alice", "_ice_credential", SECRET));
        assertNotNull(s.problem());
        assertFalse(s.problem().contains(SECRET), s.problem());
        assertFalse(s.toString().contains(SECRET), s.toString());
    }

    @Test
    void aSessionOverridesServersAndPolicyAndKeepsTheRest() {
        IceSettings engine = of(Map.of("ice_servers", new String[] {"stun:127.0.0.1:3478"}, "srflx_wait_ms", 150L));
        MediaSessionConfig plain = new MediaSessionConfig("a", 440, "127.0.0.1");
        assertSame(engine, engine.forSession(plain));

        IceSettings own = engine.forSession(plain.withIceServers(List.of(IceServer.turn("bob", SECRET, "turn:127.0.0.1:3478")))
                .withRelayOnly(true));
        assertNull(own.problem());
        assertTrue(own.relayOnly());
        assertEquals(150, own.srflxWaitMs());
        assertEquals(List.of("turn:127.0.0.1:3478"), own.toNative().get(0).urls);
        assertEquals("bob", own.toNative().get(0).username);

        IceSettings noServers = engine.forSession(plain.withIceServers(List.of()));
        assertFalse(noServers.hasServers());
        assertTrue(engine.forSession(plain.withRelayOnly(true)).problem().contains("relay-only"));
    }

    @Test
    void theApiIceServerNeverPrintsItsCredential() {
        IceServer s = IceServer.turn("alice", SECRET, "turn:127.0.0.1:3478?transport=udp");
        assertFalse(s.toString().contains(SECRET), s.toString());
        assertTrue(s.toString().contains("credential set"), s.toString());
        IceServer odd = new IceServer(List.of("turn:alice:" + SECRET + "@127.0.0.1"), "", "");
        assertFalse(odd.toString().contains(SECRET), odd.toString());
    }
}
