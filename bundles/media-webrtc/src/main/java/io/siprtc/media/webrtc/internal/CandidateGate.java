package io.siprtc.media.webrtc.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decides when a local description has the candidates worth sending in a non-trickle SIP
 * offer or answer (a time bound in the session, the gather timeout, ends the wait either way):
 * <ul>
 * <li>{@link Need#HOST} (no STUN/TURN server): with a single configured address, as soon as
 * every m-line has a UDP host candidate of that address family (no need to wait the ~100 ms for
 * gathering to complete); otherwise when gathering completes.</li>
 * <li>{@link Need#SERVER} (STUN or TURN servers): with a single address, once the host candidates
 * are in, additionally until every m-line has a server-reflexive (or relay) candidate, but no
 * longer than {@code srflxWaitMs} after the host candidates; never until gathering completes.
 * Without a single address: when gathering completes.</li>
 * <li>{@link Need#RELAY} (relay-only): as soon as every m-line has a relay candidate, or when
 * gathering completes (a refused or unreachable TURN server: then there is none).</li>
 * </ul>
 * Without rtcp-mux (a peer that declined it, RFC 5761) each m-line has a second component for
 * RTCP, and each condition above holds only once it holds for both components.
 * Candidates given here are the ones the session keeps (see {@link LocalCandidates}); the gate
 * keeps them too, for the description they go into (see {@link GatheredDescription}).
 */
final class CandidateGate {

    /** What, besides host candidates, is worth waiting for. */
    enum Need { HOST, SERVER, RELAY }

    /** Runs a task once after a delay (the engine's timer; tests fire it by hand). */
    interface Timer {
        void schedule(Runnable task, long delayMs);
    }

    private final boolean ipv6;
    private final boolean singleAddress;
    private final Need need;
    private final long srflxWaitMs;
    private final Timer timer;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private int mlines = 1;
    private int components = 1;
    /** Per component (index 0: RTP, 1: RTCP), the m-lines that have such a candidate. */
    private final BitSet[] hosts = {new BitSet(), new BitSet()};
    private final BitSet[] servers = {new BitSet(), new BitSet()};
    private final BitSet[] relays = {new BitSet(), new BitSet()};
    private final List<GatheredDescription.Candidate> candidates = new ArrayList<>();
    /** Whether the description is set and its m-lines and components are known: nothing is decided before. */
    private boolean expected;
    private boolean srflxWaitStarted;
    private boolean srflxWaitOver;

    /** Host candidates only (no STUN/TURN server). */
    CandidateGate(String address) {
        this(address, Need.HOST, 0, null);
    }

    CandidateGate(String address, Need need, long srflxWaitMs, Timer timer) {
        this.singleAddress = address != null;
        this.ipv6 = address != null && address.contains(":");
        this.need = need;
        this.srflxWaitMs = Math.max(0, srflxWaitMs);
        this.timer = timer;
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Called once the local description is set: how many m-lines need candidates (RTP only, rtcp-mux). */
    synchronized void expect(int mlineCount) {
        expect(mlineCount, false);
    }

    /** As {@link #expect(int)}; with {@code rtcpComponent} (no rtcp-mux) each m-line needs RTCP's candidates too. */
    synchronized void expect(int mlineCount, boolean rtcpComponent) {
        this.mlines = Math.max(1, mlineCount);
        this.components = rtcpComponent ? 2 : 1;
        this.expected = true;
        check();
    }

    synchronized void onCandidate(int mlineIndex, String candidateSdp) {
        int m = Math.max(0, mlineIndex);
        candidates.add(new GatheredDescription.Candidate(m, candidateSdp));
        String[] f = candidateSdp.split(" ");
        int c = f.length < 2 ? 0 : "1".equals(f[1]) ? 1 : "2".equals(f[1]) ? 2 : 0;
        if (f.length < 8 || c == 0 || !"udp".equalsIgnoreCase(f[2])) {
            check();
            return;
        }
        String type = f[7];
        if ("host".equals(type) && f[4].contains(":") == ipv6) {
            hosts[c - 1].set(m);
        } else if ("srflx".equals(type) || "prflx".equals(type)) {
            servers[c - 1].set(m);
        } else if ("relay".equals(type)) {
            servers[c - 1].set(m);
            relays[c - 1].set(m);
        }
        check();
    }

    synchronized void onGatheringComplete() {
        ready.complete(null);
    }

    synchronized int count() {
        return candidates.size();
    }

    /** The candidates given so far, in order. */
    synchronized List<GatheredDescription.Candidate> candidates() {
        return List.copyOf(candidates);
    }

    /** The server-reflexive wait after the host candidates ran out. */
    synchronized void srflxWaitOver() {
        srflxWaitOver = true;
        check();
    }

    /** Every m-line has such a candidate, for every component needed. */
    private boolean all(BitSet[] perComponent) {
        for (int c = 0; c < components; c++) {
            if (perComponent[c].cardinality() < mlines) {
                return false;
            }
        }
        return true;
    }

    private void check() {
        if (ready.isDone() || !expected) {
            return; // candidates come while setLocalDescription runs: they are counted, decided on at expect()
        }
        switch (need) {
            case RELAY:
                if (all(relays)) {
                    ready.complete(null);
                }
                break;
            case SERVER:
                if (!singleAddress || !all(hosts)) {
                    break;
                }
                if (all(servers) || srflxWaitOver || srflxWaitMs == 0 || timer == null) {
                    ready.complete(null);
                } else if (!srflxWaitStarted) {
                    srflxWaitStarted = true;
                    timer.schedule(this::srflxWaitOver, srflxWaitMs);
                }
                break;
            default:
                if (singleAddress && all(hosts)) {
                    ready.complete(null);
                }
        }
    }
}
