package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.await;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.hears;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.IceServer;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls through a real TURN server (coturn on 127.0.0.1, {@link Coturn}): two engine sessions
 * with relay-only ICE call each other over TURN/UDP and TURN/TCP, and the media is proven the
 * way the other engine tests prove it (RTP counted both ways, each side hears the other's
 * tone), with the selected candidate pair relay on both sides. Wrong credentials fail the offer
 * with a clear reason in bounded time. With STUN and TURN (not relay-only) every candidate type
 * stays on 127.0.0.1.
 */
class TurnRelayTest {

    @RegisterExtension
    static final Coturn TURN = new Coturn("turn-relay");

    private final WebRtcMediaEngine engine = new WebRtcMediaEngine();
    private final List<MediaSession> sessions = new ArrayList<>();

    @AfterEach
    void stop() {
        sessions.forEach(MediaSession::close);
        engine.deactivate();
    }

    private MediaSession session(MediaSessionConfig config) throws MediaException {
        MediaSession s = engine.createSession(config);
        sessions.add(s);
        return s;
    }

    @ParameterizedTest(name = "TURN/{0}")
    @ValueSource(strings = {"udp", "tcp"})
    void relayOnlySessionsHearEachOtherThroughCoturn(String transport) throws Exception {
        int logStart = TURN.logText().length();
        engine.activate(LoopbackCalls.config(Map.of("ice_servers", new String[] {TURN.turnUri(transport)},
                "ice_username", TURN.user(), "_ice_credential", TURN.password(), "ice_relay_only", true)));
        MediaSession alice = session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));

        SessionDescription[] d = negotiate(alice, bob);
        for (SessionDescription desc : d) {
            List<String[]> candidates = candidates(desc);
            assertFalse(candidates.isEmpty(), desc.sdp());
            for (String[] c : candidates) {
                assertEquals("relay", c[7], "relay-only offers relay candidates only:\n" + desc.sdp());
                assertEquals(LOOPBACK, c[4], desc.sdp());
                int port = Integer.parseInt(c[5]);
                assertTrue(port >= TURN.minRelayPort() && port <= TURN.maxRelayPort(), "a port coturn relays on: " + port);
            }
        }

        MediaStats a = await(alice, s -> s.packetsReceived() > 0 && hears(BOB_HZ).test(s) && isRelayPair(s));
        MediaStats b = await(bob, s -> s.packetsReceived() > 0 && hears(ALICE_HZ).test(s) && isRelayPair(s));
        assertTrue(a.packetsSent() > 0 && b.packetsSent() > 0, a + " / " + b);
        System.out.println("TURN/" + transport + " relay-only: alice " + a + "\n  bob " + b);
        String log = TURN.logText().substring(logStart);
        assertTrue(log.contains("ALLOCATE processed, success") && log.contains("CHANNEL_BIND processed, success"),
                "coturn allocated and relayed:\n" + log);
        assertEquals("tcp".equals(transport), log.contains("tcp or tls connected to: 127.0.0.1"),
                "the client reached coturn over " + transport + ":\n" + log);
    }

    @Test
    void wrongTurnCredentialsFailTheOfferWithTheReasonInBoundedTime() throws Exception {
        List<String> logged = new ArrayList<>();
        Handler capture = capture(logged);
        try {
            engine.activate(LoopbackCalls.config(Map.of("ice_servers", new String[] {TURN.turnUri("udp")},
                    "ice_username", TURN.user(), "_ice_credential", "not-" + TURN.password(), "ice_relay_only", true)));
            MediaSession alice = session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
            long t0 = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> alice.createOffer().toCompletableFuture().get(5, TimeUnit.SECONDS));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(e.getCause() instanceof MediaException, e.toString());
            String reason = e.getCause().getMessage();
            System.out.println("wrong TURN credentials: failed after " + ms + " ms: " + reason);
            assertTrue(reason.contains("relay-only") && reason.contains("401") && reason.contains(TURN.turnUri("udp")),
                    "the reason names the policy, the server and its refusal: " + reason);
            assertFalse(reason.contains(TURN.password()), reason);
            assertTrue(ms < 1500, "bounded by the gather timeout (1000 ms): " + ms + " ms");
            alice.close();
            assertEquals(0, engine.openSessions());
        } finally {
            Logger l = Logger.getLogger("io.siprtc");
            l.removeHandler(capture);
            l.setLevel(null);
        }
        for (String line : logged) {
            assertFalse(line.contains(TURN.password()), "a log line holds the TURN password: " + line);
        }
    }

    @Test
    void aSessionCanBringItsOwnTurnServerAndPolicy() throws Exception {
        engine.activate(new LoopbackCalls.Config()); // the engine has no ICE server at all
        MediaSessionConfig relayed = new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK)
                .withIceServers(List.of(IceServer.turn(TURN.user(), TURN.password(), TURN.turnUri("udp"))))
                .withRelayOnly(true);
        MediaSession alice = session(relayed);
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        SessionDescription[] d = negotiate(alice, bob);
        assertTrue(candidates(d[0]).stream().allMatch(c -> "relay".equals(c[7])), d[0].sdp());
        assertTrue(candidates(d[1]).stream().allMatch(c -> "host".equals(c[7])), d[1].sdp());
        await(alice, s -> hears(BOB_HZ).test(s) && s.candidatePair().startsWith("relay "));
        await(bob, hears(ALICE_HZ));

        MediaException noTurn = assertThrows(MediaException.class, () -> engine.createSession(
                new MediaSessionConfig("carol", ALICE_HZ, LOOPBACK).withRelayOnly(true)));
        assertTrue(noTurn.getMessage().contains("relay-only"), noTurn.getMessage());
    }

    @Test
    void withStunAndTurnEveryCandidateTypeStaysOnLoopback() throws Exception {
        engine.activate(LoopbackCalls.config(Map.of("ice_servers", new String[] {TURN.stunUri(), TURN.turnUri("udp")},
                "ice_username", TURN.user(), "_ice_credential", TURN.password(), "srflx_wait_ms", 2000L)));
        WebRtcMediaSession alice = (WebRtcMediaSession) session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
        WebRtcMediaSession bob = (WebRtcMediaSession) session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        SessionDescription[] d = negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));
        for (SessionDescription desc : d) {
            List<String> types = new ArrayList<>();
            for (String[] c : candidates(desc)) {
                types.add(c[7]);
                assertEquals(LOOPBACK, c[4], desc.sdp());
                for (int i = 8; i + 1 < c.length; i++) {
                    if ("raddr".equals(c[i])) {
                        assertTrue(c[i + 1].equals(LOOPBACK) || c[i + 1].equals("0.0.0.0"), "related address: " + desc.sdp());
                    }
                }
            }
            assertTrue(types.contains("host"), desc.sdp());
        }
        // The offer waited for its server-reflexive candidate. The answerer may have none: it knows
        // the offerer's candidates at once, libwebrtc connects host to host on loopback within a
        // millisecond and then stops gathering (no continual gathering), before coturn's answer.
        assertTrue(candidates(d[0]).stream().anyMatch(c -> "srflx".equals(c[7])), "server-reflexive in the offer: " + d[0].sdp());
        for (WebRtcMediaSession s : List.of(alice, bob)) {
            for (String c : s.keptCandidates()) {
                assertEquals(LOOPBACK, c.split(" ")[4], c);
            }
        }
    }

    static boolean isRelayPair(MediaStats s) {
        String[] sides = s.candidatePair().split(" <-> ");
        return sides.length == 2 && sides[0].startsWith("relay ") && sides[1].startsWith("relay ");
    }

    /** The fields of every a=candidate line. */
    static List<String[]> candidates(SessionDescription d) {
        List<String[]> out = new ArrayList<>();
        for (String line : d.sdp().split("\r\n")) {
            if (line.startsWith("a=candidate:")) {
                out.add(line.substring(2).split(" "));
            }
        }
        return out;
    }

    private static Handler capture(List<String> into) {
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (into) {
                    into.add(r.getMessage() + " " + r.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        h.setLevel(Level.ALL);
        Logger l = Logger.getLogger("io.siprtc");
        l.setLevel(Level.ALL);
        l.addHandler(h);
        return h;
    }
}
