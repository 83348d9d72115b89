package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.await;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.direction;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.hears;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.receivedDuring;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.sessionVersion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaDirection;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.SessionDescription;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

/**
 * Offers and answers on a live call, as SIP re-INVITEs and early media make them: hold and
 * resume (RFC 3264 directions), a re-offer from the far end, a provisional answer before the
 * final one. Media is proven by packets counted and by each side hearing the other's tone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenegotiationTest {

    /** Packets a flowing stream (Opus, 20 ms) delivers in the measured second, with a wide margin. */
    private static final long FLOWING = 25;
    private static final long MEASURE_MS = 1000;

    @RegisterExtension
    static final EngineSessions MEDIA = new EngineSessions();

    private final WebRtcMediaEngine engine = MEDIA.engine;
    private final List<MediaSession> sessions = MEDIA.sessions;
    private MediaSession alice;
    private MediaSession bob;

    @Test
    void holdWithSendonlyStopsOnlyTheHeldSidesAudioAndResumeRestoresBoth() throws Exception {
        SessionDescription first = call()[0];

        get(alice.setDirection(MediaDirection.SENDONLY));
        SessionDescription[] hold = negotiate(alice, bob);
        assertEquals(MediaDirection.SENDONLY, direction(hold[0]), hold[0].sdp());
        assertEquals(MediaDirection.RECVONLY, direction(hold[1]), hold[1].sdp());
        assertTrue(sessionVersion(hold[0]) > sessionVersion(first), "o= version increments:\n" + first.sdp() + "\n" + hold[0].sdp());
        assertTrue(hold[0].sdp().contains("a=candidate:") && hold[1].sdp().contains("a=candidate:"),
                "a re-INVITE's SDP carries the candidates too (no trickle in SIP)");

        Thread.sleep(300); // packets already on their way when the answer was applied
        long[] received = receivedDuring(alice, bob, MEASURE_MS);
        assertEquals(0, received[0], "alice (holding, sendonly) receives nothing");
        assertTrue(received[1] >= FLOWING, "bob still receives alice: " + received[1]);
        await(bob, hears(ALICE_HZ));
        await(alice, s -> s.receivedToneHz() == 0);

        get(alice.setDirection(MediaDirection.SENDRECV));
        SessionDescription[] resume = negotiate(alice, bob);
        assertEquals(MediaDirection.SENDRECV, direction(resume[0]));
        assertEquals(MediaDirection.SENDRECV, direction(resume[1]));
        assertTrue(sessionVersion(resume[0]) > sessionVersion(hold[0]));
        assertFlowsBothWays();
    }

    @Test
    void holdWithInactiveStopsBothDirectionsUntilResumed() throws Exception {
        call();

        get(alice.setDirection(MediaDirection.INACTIVE));
        SessionDescription[] hold = negotiate(alice, bob);
        assertEquals(MediaDirection.INACTIVE, direction(hold[0]));
        assertEquals(MediaDirection.INACTIVE, direction(hold[1]));

        Thread.sleep(300);
        long[] received = receivedDuring(alice, bob, MEASURE_MS);
        assertEquals(0, received[0], "alice receives nothing");
        assertEquals(0, received[1], "bob receives nothing");
        await(alice, s -> s.receivedToneHz() == 0);
        await(bob, s -> s.receivedToneHz() == 0);

        get(alice.setDirection(MediaDirection.SENDRECV));
        negotiate(alice, bob);
        assertFlowsBothWays();
    }

    @Test
    void aReOfferFromTheFarEndKeepsMediaFlowingAndItsHoldIsAnsweredRecvonly() throws Exception {
        SessionDescription[] first = call();

        SessionDescription[] reOffer = negotiate(bob, alice); // bob offers on the live call
        assertEquals(MediaDirection.SENDRECV, direction(reOffer[1]));
        assertTrue(sessionVersion(reOffer[0]) > sessionVersion(first[1]), "bob's o= version increments");
        assertTrue(sessionVersion(reOffer[1]) > sessionVersion(first[0]), "alice's o= version increments");
        assertFlowsBothWays();

        get(bob.setDirection(MediaDirection.SENDONLY)); // the far end holds us
        SessionDescription[] hold = negotiate(bob, alice);
        assertEquals(MediaDirection.SENDONLY, direction(hold[0]));
        assertEquals(MediaDirection.RECVONLY, direction(hold[1]), "RFC 3264: sendonly is answered recvonly\n" + hold[1].sdp());
        Thread.sleep(300);
        long[] received = receivedDuring(alice, bob, MEASURE_MS);
        assertTrue(received[0] >= FLOWING, "alice still receives bob: " + received[0]);
        assertEquals(0, received[1], "bob (holding) receives nothing");

        get(bob.setDirection(MediaDirection.SENDRECV));
        SessionDescription[] resume = negotiate(bob, alice);
        assertEquals(MediaDirection.SENDRECV, direction(resume[1]));
        assertFlowsBothWays();
    }

    @Test
    void aRefusedReOfferIsRolledBackAndTheNextOfferAnswerRestoresTheCall() throws Exception {
        call();
        get(alice.setDirection(MediaDirection.SENDONLY));
        get(alice.createOffer()); // the far end refuses this re-INVITE (488)
        get(alice.rollback());
        long[] received = receivedDuring(alice, bob, MEASURE_MS);
        assertTrue(received[0] >= FLOWING && received[1] >= FLOWING, "packets flow both ways after the rollback");

        // What the gateway does next: one re-INVITE offering the last agreed direction.
        get(alice.setDirection(MediaDirection.SENDRECV));
        SessionDescription[] again = negotiate(alice, bob);
        assertEquals(MediaDirection.SENDRECV, direction(again[1]));
        assertFlowsBothWays();
    }

    @Test
    void aProvisionalAnswerCarriesEarlyMediaAndTheFinalAnswerKeepsIt() throws Exception {
        open();
        SessionDescription offer = get(alice.createOffer());
        get(bob.setRemoteDescription(offer));
        SessionDescription answer = get(bob.createAnswer());

        get(alice.setRemoteDescription(SessionDescription.provisionalAnswer(answer.sdp()))); // 183 Session Progress
        await(alice, hears(BOB_HZ).and(s -> s.packetsReceived() > 0));
        await(bob, hears(ALICE_HZ).and(s -> s.packetsReceived() > 0));

        get(alice.setRemoteDescription(SessionDescription.answer(answer.sdp()))); // 200 OK
        assertFlowsBothWays();
    }

    /** Alice calls bob; returns {offer, answer} once each hears the other. */
    @Test
    void anIceRestartOffersNewCredentialsWithTheNewGenerationsCandidatesAndMediaFlowsOn() throws Exception {
        SessionDescription[] first = call();
        get(alice.restartIce());
        SessionDescription[] restart = negotiate(alice, bob);
        String offerUfrag = ufrag(restart[0]);
        String answerUfrag = ufrag(restart[1]);
        assertTrue(!offerUfrag.equals(ufrag(first[0])), "new ICE credentials in the offer:\n" + restart[0].sdp());
        assertTrue(!answerUfrag.equals(ufrag(first[1])), "the answer restarts ICE too:\n" + restart[1].sdp());
        // the offer waited for the new generation's candidates (non-trickle SIP has no later chance)
        assertEquals(generation(first[0]) + 1, generation(restart[0]), restart[0].sdp());
        assertEquals(generation(first[1]) + 1, generation(restart[1]), restart[1].sdp());
        assertFlowsBothWays();

        // and the far end's restart: bob offers new credentials, alice's answer gathers anew
        get(bob.restartIce());
        SessionDescription[] back = negotiate(bob, alice);
        assertTrue(!ufrag(back[1]).equals(answerUfrag), back[1].sdp());
        assertEquals(generation(restart[1]) + 1, generation(back[1]), back[1].sdp());
        assertFlowsBothWays();
    }

    /** The ICE generation of the description's candidates: all of them must be of one, the current. */
    private static int generation(SessionDescription d) {
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (String line : d.sdp().split("\\r?\\n")) {
            if (line.startsWith("a=candidate:")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(" generation (\\d+)").matcher(line);
                seen.add(m.find() ? Integer.parseInt(m.group(1)) : 0);
            }
        }
        assertEquals(1, seen.size(), "candidates of one generation, not " + seen + ":\n" + d.sdp());
        return seen.iterator().next();
    }

    private static String ufrag(SessionDescription d) {
        for (String line : d.sdp().split("\r?\n")) {
            if (line.startsWith("a=ice-ufrag:")) {
                return line.substring("a=ice-ufrag:".length()).trim();
            }
        }
        throw new AssertionError("no ice-ufrag in\n" + d.sdp());
    }

    private SessionDescription[] call() throws Exception {
        open();
        SessionDescription[] d = negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));
        return d;
    }

    private void open() throws Exception {
        alice = engine.createSession(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
        sessions.add(alice);
        bob = engine.createSession(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        sessions.add(bob);
    }

    private void assertFlowsBothWays() throws Exception {
        Thread.sleep(300);
        long[] received = receivedDuring(alice, bob, MEASURE_MS);
        assertTrue(received[0] >= FLOWING && received[1] >= FLOWING,
                "packets received in " + MEASURE_MS + " ms: alice " + received[0] + ", bob " + received[1]);
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));
    }
}
