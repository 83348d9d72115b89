package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a non-trickle offer or answer may go: the gate's decisions with fake candidate lines and a hand-fired timer. */
class CandidateGateTest {

    private static final String HOST = "candidate:1 1 udp 2113937151 127.0.0.1 41000 typ host generation 0";
    private static final String HOST_RTCP = "candidate:1 2 udp 2113937150 127.0.0.1 41001 typ host generation 0";
    private static final String HOST6 = "candidate:2 1 udp 2113942271 ::1 41002 typ host generation 0";
    private static final String TCP_HOST = "candidate:3 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0";
    private static final String SRFLX = "candidate:4 1 udp 1677729535 127.0.0.1 41000 typ srflx raddr 127.0.0.1 rport 41000 generation 0";
    private static final String RELAY = "candidate:5 1 udp 33562623 127.0.0.1 40100 typ relay raddr 0.0.0.0 rport 0 generation 0";

    /** Records scheduled tasks; the test fires them. */
    static final class HandTimer implements CandidateGate.Timer {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable task, long delayMs) {
            tasks.add(task);
            delays.add(delayMs);
        }

        void fire() {
            new ArrayList<>(tasks).forEach(Runnable::run);
        }
    }

    private final HandTimer timer = new HandTimer();

    @Test
    void hostOnlyOneAddressGoesWithTheFirstUsableHostCandidate() {
        CandidateGate gate = new CandidateGate("127.0.0.1");
        gate.expect(1);
        gate.onCandidate(0, HOST6); // the other family
        gate.onCandidate(0, TCP_HOST);
        gate.onCandidate(0, HOST_RTCP); // component 2
        assertFalse(gate.ready().isDone());
        gate.onCandidate(0, HOST);
        assertTrue(gate.ready().isDone());
        assertEquals(4, gate.count());
    }

    /**
     * libwebrtc reports candidates while setLocalDescription runs, before the session knows its
     * m-lines and components: nothing is decided then (measured: an answer without rtcp-mux went
     * out with RTP's candidate only, once the description was no longer read back slowly).
     */
    @Test
    void candidatesBeforeTheDescriptionIsKnownDecideNothing() {
        CandidateGate gate = new CandidateGate("127.0.0.1");
        gate.onCandidate(0, HOST);
        assertFalse(gate.ready().isDone(), "RTP's candidate came before expect()");
        gate.expect(1, true);
        assertFalse(gate.ready().isDone(), "RTCP's is still to come");
        gate.onCandidate(0, HOST_RTCP);
        assertTrue(gate.ready().isDone());

        CandidateGate mux = new CandidateGate("127.0.0.1");
        mux.onCandidate(0, HOST);
        assertFalse(mux.ready().isDone());
        mux.expect(1);
        assertTrue(mux.ready().isDone(), "with rtcp-mux RTP's candidate was enough");
    }

    @Test
    void withoutRtcpMuxTheRtcpComponentNeedsItsHostCandidateToo() {
        CandidateGate gate = new CandidateGate("127.0.0.1");
        gate.expect(1, true);
        gate.onCandidate(0, HOST);
        assertFalse(gate.ready().isDone(), "RTP's candidate alone: the answer would miss RTCP's");
        gate.onCandidate(0, HOST_RTCP);
        assertTrue(gate.ready().isDone());
    }

    @Test
    void hostOnlyEveryMLineNeedsOne() {
        CandidateGate gate = new CandidateGate("127.0.0.1");
        gate.expect(2);
        gate.onCandidate(0, HOST);
        assertFalse(gate.ready().isDone());
        gate.onCandidate(1, HOST);
        assertTrue(gate.ready().isDone());
    }

    @Test
    void withoutAnAddressOnlyCompleteGatheringCounts() {
        for (CandidateGate.Need need : List.of(CandidateGate.Need.HOST, CandidateGate.Need.SERVER)) {
            CandidateGate gate = new CandidateGate(null, need, 300, timer);
            gate.expect(1);
            gate.onCandidate(0, HOST);
            gate.onCandidate(0, SRFLX);
            assertFalse(gate.ready().isDone(), need.name());
            gate.onGatheringComplete();
            assertTrue(gate.ready().isDone(), need.name());
        }
        assertTrue(timer.tasks.isEmpty());
    }

    @Test
    void withServersTheHostCandidatesStartABoundedWaitForServerReflexive() {
        CandidateGate gate = new CandidateGate("127.0.0.1", CandidateGate.Need.SERVER, 300, timer);
        gate.expect(1);
        assertTrue(timer.tasks.isEmpty(), "no wait before the host candidates");
        gate.onCandidate(0, HOST);
        assertFalse(gate.ready().isDone(), "host alone is not enough with a STUN server");
        assertEquals(List.of(300L), timer.delays, "one wait of srflx_wait_ms after the host candidates");
        gate.onCandidate(0, HOST6);
        assertEquals(1, timer.tasks.size(), "the wait starts once");
        gate.onCandidate(0, SRFLX);
        assertTrue(gate.ready().isDone(), "the server-reflexive candidate ends the wait early");
    }

    @Test
    void withServersTheWaitEndsWithoutServerReflexive() {
        CandidateGate gate = new CandidateGate("127.0.0.1", CandidateGate.Need.SERVER, 300, timer);
        gate.expect(1);
        gate.onCandidate(0, HOST);
        assertFalse(gate.ready().isDone());
        timer.fire();
        assertTrue(gate.ready().isDone(), "an unreachable STUN server costs at most srflx_wait_ms");
    }

    @Test
    void withServersARelayCandidateCountsAsServerCandidate() {
        CandidateGate gate = new CandidateGate("127.0.0.1", CandidateGate.Need.SERVER, 300, timer);
        gate.expect(1);
        gate.onCandidate(0, RELAY);
        assertFalse(gate.ready().isDone(), "still no host candidate");
        gate.onCandidate(0, HOST);
        assertTrue(gate.ready().isDone());
    }

    @Test
    void withServersAndNoWaitTheHostCandidatesAreEnough() {
        CandidateGate gate = new CandidateGate("127.0.0.1", CandidateGate.Need.SERVER, 0, timer);
        gate.expect(1);
        gate.onCandidate(0, HOST);
        assertTrue(gate.ready().isDone());
        assertTrue(timer.tasks.isEmpty());
    }

    @Test
    void serverReflexiveOnEveryMLine() {
        CandidateGate gate = new CandidateGate("127.0.0.1", CandidateGate.Need.SERVER, 300, timer);
        gate.expect(2);
        gate.onCandidate(0, HOST);
        gate.onCandidate(1, HOST);
        gate.onCandidate(0, SRFLX);
        assertFalse(gate.ready().isDone());
        gate.onCandidate(1, SRFLX);
        assertTrue(gate.ready().isDone());
    }

    @Test
    void relayOnlyWaitsForTheRelayCandidateNotForTheTimer() {
        CandidateGate gate = new CandidateGate("127.0.0.1", CandidateGate.Need.RELAY, 300, timer);
        gate.expect(1);
        gate.onCandidate(0, HOST);
        gate.onCandidate(0, SRFLX);
        assertFalse(gate.ready().isDone(), "relay-only: host and srflx do not count");
        assertTrue(timer.tasks.isEmpty(), "relay-only is bounded by the gather timeout only");
        gate.onCandidate(0, RELAY);
        assertTrue(gate.ready().isDone());
    }

    @Test
    void relayOnlyWithoutAnAddressGoesWithTheRelayCandidateToo() {
        CandidateGate gate = new CandidateGate(null, CandidateGate.Need.RELAY, 300, timer);
        gate.expect(1);
        gate.onCandidate(0, RELAY);
        assertTrue(gate.ready().isDone());
    }

    @Test
    void relayOnlyRefusedGatheringCompletesEmpty() {
        CandidateGate gate = new CandidateGate("127.0.0.1", CandidateGate.Need.RELAY, 300, timer);
        gate.expect(1);
        gate.onGatheringComplete(); // the TURN server said 401: no candidate at all
        assertTrue(gate.ready().isDone());
        assertEquals(0, gate.count());
    }
}
