package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.sip.SipStack;
import io.siprtc.media.webrtc.internal.WebRtcEngines;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a unit test (surefire leaves out classes not named *Test): call set-up time,
 * dial to first audio at the callee, through one real Kamailio on 127.0.0.1 (digest
 * authentication with MD5, the INVITE challenged with 407 and sent again, record-routing), for
 * two SIPRTC user agents and for two baresip 1.0 phones, calls of both kinds interleaved so that
 * both see the same machine load. Run it with (bundles/gateway/README.md, "Interop: baresip and
 * rtpengine"):
 *
 * <pre>
 * ./mvnw -B -o -q install -DskipTests -pl bundles/api,bundles/sdp,bundles/sip-jainsip,bundles/media-webrtc
 * ./mvnw -B -o verify -pl bundles/gateway -Dtest=BaresipBench -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.calls=20]
 * </pre>
 *
 * <ul>
 * <li>SIPRTC to SIPRTC (alice to bob, auto-answer, webrtc-java: ICE, DTLS-SRTP, Opus): from
 * {@code CallService.dial} to the callee's first decoded audio frame with signal
 * ({@code MediaStats.firstAudioNanos}).</li>
 * <li>baresip to baresip (ben to bea, {@code answermode=auto}), <b>plain RTP/AVP with PCMU</b>: from
 * the {@code dial} command written to the caller's ctrl_tcp socket to the callee's
 * {@code CALL_RTPESTAB} event read from its socket (its first RTP packet received).</li>
 * <li>baresip to baresip WebRTC-style (bia to bix, {@code answermode=auto}; ICE, DTLS-SRTP,
 * rtcp-mux, Opus), timed the same way. The unmodified baresip 1.0 offers no loopback ICE
 * candidate, so these two run with {@link Baresip.Options#loopbackIce()} (an LD_PRELOAD shim,
 * see the README); each call is checked to be ICE connected, DTLS-SRTP secure and Opus.
 * {@link InteropBench} times the same pair beside SIPRTC and JsSIP.</li>
 * <li>SIPRTC and a WebRTC-style baresip (dee, unmodified) both ways, no relay: Kamailio removes
 * dee's non-loopback candidates and ICE pairs through peer-reflexive candidates.</li>
 * </ul>
 * Each kind makes 3 warm-up calls that are not counted, then {@code bench.calls} (20) measured
 * ones; the figures go to {@code target/baresip-bench.txt}.
 */
class BaresipBench {

    private static final int WARM_UP = 3;

    @Test
    void dialToFirstAudioThroughKamailio() throws Exception {
        Logger.getLogger("io.siprtc").setLevel(Level.WARNING);
        Logger.getLogger("gov.nist").setLevel(Level.WARNING);
        int count = Integer.getInteger("bench.calls", 20);
        String alicePassword = "a-" + UUID.randomUUID();
        String bobPassword = "b-" + UUID.randomUUID();
        String benPassword = "n-" + UUID.randomUUID();
        String beaPassword = "e-" + UUID.randomUUID();
        String deePassword = "d-" + UUID.randomUUID();
        String biaPassword = "i-" + UUID.randomUUID();
        String bixPassword = "x-" + UUID.randomUUID();
        List<Double> siprtcCallee = new ArrayList<>();
        List<Double> siprtcCaller = new ArrayList<>();
        List<Double> baresipCallee = new ArrayList<>();
        List<Double> baresipCaller = new ArrayList<>();
        List<Double> webRtcCallee = new ArrayList<>();
        List<Double> webRtcCaller = new ArrayList<>();
        String webRtcProof = "";
        List<Double> toDeeCallee = new ArrayList<>();
        List<Double> toDeeCaller = new ArrayList<>();
        List<Double> fromDeeCallee = new ArrayList<>();
        List<Double> fromDeeCaller = new ArrayList<>();
        // MD5: baresip 1.0 cannot answer a SHA-256 challenge; SIPRTC gets the same challenge
        try (Kamailio kamailio = Kamailio.start("bench-calls", new Kamailio.Options().algorithm("").user("alice", alicePassword)
                .user("bob", bobPassword).user("ben", benPassword).user("bea", beaPassword).user("dee", deePassword).user("bia", biaPassword)
                .user("bix", bixPassword).loopbackCandidates());
                Baresip ben = Baresip.start("ben", new Baresip.Options().account("ben", benPassword, kamailio.hostPort())
                        .tone(880).noRecording());
                Baresip bea = Baresip.start("bea", new Baresip.Options().account("bea", beaPassword, kamailio.hostPort())
                        .tone(440).autoAnswer().noRecording());
                Baresip dee = Baresip.start("dee", new Baresip.Options().account("dee", deePassword, kamailio.hostPort())
                        .mode(Baresip.Mode.WEBRTC).tone(660).autoAnswer().noRecording());
                Baresip bia = Baresip.start("bia", new Baresip.Options().account("bia", biaPassword, kamailio.hostPort())
                        .mode(Baresip.Mode.WEBRTC).loopbackIce().tone(770).noRecording());
                Baresip bix = Baresip.start("bix", new Baresip.Options().account("bix", bixPassword, kamailio.hostPort())
                        .mode(Baresip.Mode.WEBRTC).loopbackIce().tone(330).autoAnswer().noRecording())) {
            SipStack stack = JainSipStacks.start();
            MediaEngine engine = WebRtcEngines.start();
            try (LivePhone alice = new LivePhone(stack, engine, Map.of("id", "alice", "user", "alice", "domain",
                    kamailio.hostPort(), "_password", alicePassword, "tone_hz", 440.0));
                    LivePhone bob = new LivePhone(stack, engine, Map.of("id", "bob", "user", "bob", "domain",
                            kamailio.hostPort(), "_password", bobPassword, "tone_hz", 880.0, "auto_answer", true))) {
                alice.account.awaitRegistered();
                bob.account.awaitRegistered();
                ben.awaitRegistered();
                bea.awaitRegistered();
                dee.awaitRegistered();
                bia.awaitRegistered();
                bix.awaitRegistered();
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < WARM_UP + count; i++) {
                    double[] s = siprtcCall(alice, bob, seen);
                    double[] b = baresipCall(ben, bea);
                    String[] proof = new String[1];
                    double[] w = baresipCall(bia, bix, proof);
                    webRtcProof = proof[0];
                    double[] to = siprtcToBaresip(alice, dee);
                    double[] from = baresipToSiprtc(dee, bob, seen);
                    if (i >= WARM_UP) {
                        toDeeCallee.add(to[0]);
                        toDeeCaller.add(to[1]);
                        fromDeeCallee.add(from[0]);
                        fromDeeCaller.add(from[1]);
                        siprtcCallee.add(s[0]);
                        siprtcCaller.add(s[1]);
                        baresipCallee.add(b[0]);
                        baresipCaller.add(b[1]);
                        webRtcCallee.add(w[0]);
                        webRtcCaller.add(w[1]);
                    }
                }
            } finally {
                WebRtcEngines.stop(engine);
                JainSipStacks.stop(stack);
            }
            for (AutoCloseable c : new AutoCloseable[] {ben, bea, dee, bia, bix, kamailio}) {
                c.close();
            }
            for (Baresip b : new Baresip[] {ben, bea, dee, bia, bix}) {
                b.deleteFiles();
            }
            kamailio.deleteFiles();
        }
        String report = String.format(Locale.ROOT,
                "dial -> first audio through Kamailio on 127.0.0.1 (UDP, MD5 digest, INVITE challenged), %d calls each after %d "
                        + "warm-up, interleaved, Java %s, %d cores, load average %s%n"
                        + "SIPRTC  -> SIPRTC  (ICE, DTLS-SRTP, Opus)  at the callee: %s%n"
                        + "SIPRTC  -> SIPRTC  (ICE, DTLS-SRTP, Opus)  at the caller: %s%n"
                        + "baresip -> baresip (plain RTP/AVP, PCMU)  at the callee: %s%n"
                        + "baresip -> baresip (plain RTP/AVP, PCMU)  at the caller: %s%n"
                        + "baresip -> baresip WebRTC-style (ICE, DTLS-SRTP, rtcp-mux, Opus; loopback ICE shim)  at the callee: %s%n"
                        + "baresip -> baresip WebRTC-style  at the caller: %s%n"
                        + "  (baresip: dial command written to the caller's ctrl_tcp socket -> CALL_RTPESTAB, the first RTP packet"
                        + " received; the last WebRTC-style call, callee: %s)%n"
                        + "mixed, no relay (ICE, DTLS-SRTP, Opus; baresip's non-loopback candidates removed by Kamailio):%n"
                        + "SIPRTC  -> baresip (WebRTC-style)  at the callee: %s%n"
                        + "SIPRTC  -> baresip (WebRTC-style)  at the caller: %s%n"
                        + "baresip (WebRTC-style) -> SIPRTC  at the callee: %s%n"
                        + "baresip (WebRTC-style) -> SIPRTC  at the caller: %s%n",
                count, WARM_UP, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Files.readString(Paths.get("/proc/loadavg")).trim(), stats(siprtcCallee), stats(siprtcCaller),
                stats(baresipCallee), stats(baresipCaller), stats(webRtcCallee), stats(webRtcCaller), webRtcProof, stats(toDeeCallee), stats(toDeeCaller), stats(fromDeeCallee),
                stats(fromDeeCaller));
        System.out.print(report);
        Path out = Paths.get("target", "baresip-bench.txt");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** One SIPRTC call, alice to bob: {callee ms, caller ms} from dial to first audio with signal. */
    private static double[] siprtcCall(LivePhone alice, LivePhone bob, Set<String> seen) throws Exception {
        long t0 = System.nanoTime();
        Call out = alice.dial("bob");
        Call in = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (System.nanoTime() < deadline) {
            if (in == null) {
                in = bob.gateway.calls().stream().filter(c -> c.direction() == CallDirection.INCOMING && !seen.contains(c.id()))
                        .findFirst().orElse(null);
            }
            if (in != null && in.mediaStats().firstAudioNanos() > 0 && out.mediaStats().firstAudioNanos() > 0) {
                break;
            }
            Thread.sleep(2);
        }
        assertTrue(in != null && in.mediaStats().firstAudioNanos() > 0 && out.mediaStats().firstAudioNanos() > 0,
                () -> "SIPRTC call without audio: " + out + " " + out.mediaStats());
        seen.add(in.id());
        double callee = (in.mediaStats().firstAudioNanos() - t0) / 1e6;
        double caller = (out.mediaStats().firstAudioNanos() - t0) / 1e6;
        alice.gateway.hangup(out.id());
        alice.calls.awaitState(out.id(), CallState.ENDED);
        bob.calls.awaitState(in.id(), CallState.ENDED);
        Thread.sleep(200);
        return new double[] {callee, caller};
    }

    /** One baresip call, ben to bea: {callee ms, caller ms} from the dial command to the first RTP packet received. */
    private static double[] baresipCall(Baresip ben, Baresip bea) throws Exception {
        return baresipCall(ben, bea, null);
    }

    /**
     * One baresip call, caller ben to callee bea (auto-answer); with {@code webRtcProof}, both must
     * be WebRTC-style ({@link Baresip#awaitWebRtcMedia}) and the callee's proof goes there.
     */
    private static double[] baresipCall(Baresip ben, Baresip bea, String[] webRtcProof) throws Exception {
        Baresip.TimedCall call = ben.timedCall(bea);
        if (webRtcProof != null) {
            ben.awaitWebRtcMedia(10);
            webRtcProof[0] = bea.awaitWebRtcMedia(10);
        }
        call.hangUp();
        Thread.sleep(200);
        return call.ms();
    }

    /** SIPRTC alice calls WebRTC-style baresip dee: {callee ms (its first RTP packet), caller ms (first audio)}. */
    private static double[] siprtcToBaresip(LivePhone alice, Baresip dee) throws Exception {
        int mark = dee.mark();
        long t0 = System.nanoTime();
        Call out = alice.dial("dee");
        Baresip.Event calleeRtp = dee.awaitEvent(mark, "CALL_RTPESTAB");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (out.mediaStats().firstAudioNanos() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(out.mediaStats().firstAudioNanos() > 0, () -> "no audio from dee: " + out.mediaStats());
        double caller = (out.mediaStats().firstAudioNanos() - t0) / 1e6;
        alice.gateway.hangup(out.id());
        alice.calls.awaitState(out.id(), CallState.ENDED);
        dee.awaitEvent(mark, "CALL_CLOSED");
        Thread.sleep(200);
        return new double[] {(calleeRtp.nanos - t0) / 1e6, caller};
    }

    /** WebRTC-style baresip dee calls SIPRTC bob: {callee ms (first audio), caller ms (its first RTP packet)}. */
    private static double[] baresipToSiprtc(Baresip dee, LivePhone bob, Set<String> seen) throws Exception {
        int mark = dee.mark();
        long t0 = System.nanoTime();
        dee.dial("sip:bob@" + dee.aor().substring(dee.aor().indexOf('@') + 1));
        Call in = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (System.nanoTime() < deadline && (in == null || in.mediaStats().firstAudioNanos() == 0)) {
            if (in == null) {
                in = bob.gateway.calls().stream().filter(c -> c.direction() == CallDirection.INCOMING && !seen.contains(c.id()))
                        .findFirst().orElse(null);
            }
            Thread.sleep(2);
        }
        Call call = in;
        assertTrue(call != null && call.mediaStats().firstAudioNanos() > 0, () -> "no audio at bob from dee: " + call);
        seen.add(call.id());
        Baresip.Event callerRtp = dee.awaitEvent(mark, "CALL_RTPESTAB");
        double callee = (call.mediaStats().firstAudioNanos() - t0) / 1e6;
        dee.hangup();
        bob.calls.awaitState(call.id(), CallState.ENDED);
        dee.awaitEvent(mark, "CALL_CLOSED");
        Thread.sleep(200);
        return new double[] {callee, (callerRtp.nanos - t0) / 1e6};
    }

    private static String stats(List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms (n=%d)", pct(s, 50), pct(s, 90),
                s.get(0), s.get(s.size() - 1), s.size());
    }

    private static double pct(List<Double> sorted, int p) {
        if (p == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }
}
