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

import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session whose media address is 127.0.0.1 never offers anything else: libwebrtc names its
 * any-address sockets by the machine's default route addresses (here 192.0.2.2 and fd00::2),
 * and the engine must keep every one of them out of its local descriptions and the candidates
 * it passes on (would trickle), and still connect, on loopback. The configured port range is
 * applied to the host sockets.
 */
class LoopbackOnlyTest {

    private final WebRtcMediaEngine engine = new WebRtcMediaEngine();
    private final List<MediaSession> sessions = new ArrayList<>();

    @AfterEach
    void stop() {
        sessions.forEach(MediaSession::close);
        engine.deactivate();
    }

    private WebRtcMediaSession session(String label, double hz) throws MediaException {
        WebRtcMediaSession s = (WebRtcMediaSession) engine.createSession(new MediaSessionConfig(label, hz, LOOPBACK));
        sessions.add(s);
        return s;
    }

    @Test
    void noCandidateButLoopbackIsEverOfferedOrTrickled() throws Exception {
        engine.activate(new LoopbackCalls.Config());
        WebRtcMediaSession alice = session("alice", ALICE_HZ);
        WebRtcMediaSession bob = session("bob", BOB_HZ);
        List<SessionDescription> descriptions = new ArrayList<>(List.of(negotiate(alice, bob)));
        MediaStats a = await(alice, s -> s.packetsReceived() > 0 && hears(BOB_HZ).test(s));
        MediaStats b = await(bob, s -> s.packetsReceived() > 0 && hears(ALICE_HZ).test(s));
        // a re-offer from each side: later descriptions too
        descriptions.addAll(List.of(negotiate(bob, alice)));
        descriptions.addAll(List.of(negotiate(alice, bob)));

        for (SessionDescription d : descriptions) {
            assertOnlyLoopback(d);
        }
        for (WebRtcMediaSession s : List.of(alice, bob)) {
            assertFalse(s.keptCandidates().isEmpty(), s.id());
            for (String c : s.keptCandidates()) {
                assertEquals(LOOPBACK, c.split(" ")[4], s.id() + " passed on " + c);
            }
        }
        // the selected pair is on 127.0.0.1 at both ends (libwebrtc calls its own end peer-reflexive:
        // it learns 127.0.0.1 from the far end's binding response, its socket being any-bound)
        for (MediaStats s : List.of(a, b)) {
            String[] ends = s.candidatePair().split(" <-> ");
            assertEquals(2, ends.length, s.candidatePair());
            assertTrue(ends[0].contains(" " + LOOPBACK + ":") && ends[1].contains(" " + LOOPBACK + ":"), s.candidatePair());
        }
        System.out.println("loopback only: alice " + a.candidatePair() + ", bob " + b.candidatePair());
    }

    @Test
    void thePortRangeIsAppliedToTheHostSockets() throws Exception {
        int min = Coturn.freeUdpRange(20);
        int max = min + 19;
        engine.activate(LoopbackCalls.config(Map.of("port_min", min, "port_max", max)));
        WebRtcMediaSession alice = session("alice", ALICE_HZ);
        WebRtcMediaSession bob = session("bob", BOB_HZ);
        SessionDescription[] d = negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));
        for (SessionDescription desc : d) {
            List<String[]> candidates = TurnRelayTest.candidates(desc);
            assertFalse(candidates.isEmpty(), desc.sdp());
            for (String[] c : candidates) {
                int port = Integer.parseInt(c[5]);
                assertTrue(port >= min && port <= max, "port " + port + " outside " + min + "-" + max + ":\n" + desc.sdp());
            }
        }
    }

    @Test
    void anUnusableConfigurationFailsTheSessionWithItsReason() {
        engine.activate(LoopbackCalls.config(Map.of("port_min", 40000, "port_max", 0)));
        MediaException range = assertThrows(MediaException.class,
                () -> engine.createSession(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK)));
        assertTrue(range.getMessage().contains("port range"), range.getMessage());
        engine.deactivate();

        engine.activate(new LoopbackCalls.Config());
        MediaException name = assertThrows(MediaException.class,
                () -> engine.createSession(new MediaSessionConfig("alice", ALICE_HZ, "localhost")));
        assertTrue(name.getMessage().contains("IP literal"), name.getMessage());
        assertEquals(0, engine.openSessions());
    }

    /** Every candidate, c= and a=rtcp: address is 127.0.0.1 (a=rtcp: may be the no-candidate 0.0.0.0 port 9). */
    static void assertOnlyLoopback(SessionDescription d) throws Exception {
        String sdp = d.sdp();
        int candidates = 0;
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("a=candidate:")) {
                candidates++;
                String[] f = line.split(" ");
                assertEquals(LOOPBACK, f[4], line + "\n" + sdp);
            } else if (line.startsWith("c=")) {
                assertEquals("c=IN IP4 " + LOOPBACK, line, sdp);
            } else if (line.startsWith("a=rtcp:")) {
                assertTrue(line.endsWith(" IN IP4 " + LOOPBACK) || line.equals("a=rtcp:9 IN IP4 0.0.0.0"), line);
            } else if (line.startsWith("m=")) {
                String port = line.split(" ")[1];
                assertTrue(sdp.contains(" " + LOOPBACK + " " + port + " typ "), "the m= port is a candidate's: " + line + "\n" + sdp);
            }
        }
        assertTrue(candidates > 0, sdp);
    }
}
