package io.siprtc.media.webrtc.internal;

import java.util.BitSet;
import java.util.concurrent.CompletableFuture;

/**
 * Decides when a local description has the candidates worth sending in a non-trickle SIP
 * offer or answer: with a single configured address, as soon as every m-line has a UDP host
 * candidate of that address family (no need to wait the ~100 ms for gathering to complete);
 * otherwise when gathering completes. A time bound in the session ends the wait either way.
 */
final class CandidateGate {

    private final boolean ipv6;
    private final boolean singleAddress;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private int mlines = 1;
    private final BitSet covered = new BitSet();
    private int count;

    CandidateGate(String address) {
        this.singleAddress = address != null;
        this.ipv6 = address != null && address.contains(":");
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Called once the local description is set: how many m-lines need candidates. */
    synchronized void expect(int mlineCount) {
        this.mlines = Math.max(1, mlineCount);
        check();
    }

    synchronized void onCandidate(int mlineIndex, String candidateSdp) {
        count++;
        if (singleAddress && isUsable(candidateSdp)) {
            covered.set(Math.max(0, mlineIndex));
        }
        check();
    }

    synchronized void onGatheringComplete() {
        ready.complete(null);
    }

    synchronized int count() {
        return count;
    }

    private void check() {
        if (singleAddress && covered.cardinality() >= mlines) {
            ready.complete(null);
        }
    }

    /** {@code candidate:F 1 udp P ADDRESS PORT typ host ...}: component 1, UDP, right family. */
    private boolean isUsable(String sdp) {
        String[] f = sdp.split(" ");
        if (f.length < 8 || !"1".equals(f[1]) || !"udp".equalsIgnoreCase(f[2])) {
            return false;
        }
        return f[4].contains(":") == ipv6;
    }
}
