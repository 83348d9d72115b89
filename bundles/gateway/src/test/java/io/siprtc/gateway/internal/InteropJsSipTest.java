package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.sip.SipStack;
import io.siprtc.media.webrtc.internal.WebRtcEngines;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interop with a browser: JsSIP {@value JsSipPeer#JSSIP} in headless Chromium (carol, SIP over
 * WebSocket, sends 660 Hz) and a SIPRTC user agent (alice, SIP over UDP, webrtc-java media, sends
 * 440 Hz) call each other through a real Kamailio that authenticates them (MD5 digest: JsSIP knows
 * no other) and routes between WebSocket and UDP. Every call proves media both ways: RTP packets
 * counted on both sides (SIPRTC's media stats, the browser's getStats) and each side hears the
 * other's tone (SIPRTC's decoded audio, the page's FFT); the ICE pair is 127.0.0.1 on both ends.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class InteropJsSipTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String CAROL_PASSWORD = "c-" + UUID.randomUUID();
    private static final double ALICE_HZ = 440;
    private static final double CAROL_HZ = 660;
    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");
    private static final Pattern LOOPBACK_SDP = Pattern
            .compile("c=IN IP4 (127\\.0\\.0\\.1|0\\.0\\.0\\.0)|a=candidate:\\S+ \\d+ \\S+ \\d+ 127\\.0\\.0\\.1 .*");
    /** getStats' selected pair as peer.js writes it; Chromium leaves out a peer-reflexive remote's address. */
    private static final Pattern PAIR = Pattern.compile("\\w+ (\\S*):(\\d+) <-> \\w+ (\\S*):(\\d+) udp");

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();

    private static Kamailio kamailio;
    private static SipStack stack;
    private static MediaEngine engine;
    private static JsSipPeer carol;
    private LivePhone alice;

    private static PacketCapture capture;

    @BeforeAll
    static void start() throws Exception {
        SIPRTC_LOG.setLevel(Level.WARNING);
        kamailio = Kamailio.start("jssip", new Kamailio.Options().algorithm("").webSocket().user("alice", ALICE_PASSWORD)
                .user("carol", CAROL_PASSWORD));
        // SIP over UDP/TCP and WebSocket, and every UDP datagram on lo (media, STUN, DTLS) while the class runs
        capture = PacketCapture.start("interop-jssip", "port " + kamailio.port() + " or port "
                + java.net.URI.create(kamailio.wsUri()).getPort() + " or udp");
        stack = JainSipStacks.start();
        engine = WebRtcEngines.start();
        carol = JsSipPeer.start("carol", new JsSipPeer.Options(kamailio.wsUri(), "sip:carol@" + Kamailio.REALM, CAROL_PASSWORD)
                .tone(CAROL_HZ));
        carol.register();
    }

    /** Runs last: the calls were captured on lo, and none of their packets left loopback. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void noPacketLeftLoopback() throws Exception {
        List<String> seen = capture.onLoopback();
        assertTrue(seen.stream().anyMatch(l -> l.contains("WebSocket") || l.contains("SIP")),
                "the loopback capture saw the signalling: " + seen.size() + " packets");
        assertEquals(List.of(), capture.leftLoopback(), "packets that left loopback");
    }

    @AfterAll
    static void stop() {
        if (carol != null) {
            carol.close();
            if (!WATCH.failed()) {
                carol.deleteFiles();
            } else {
                System.err.println("Kept the log of " + carol + " for the failed test");
            }
        }
        if (engine != null) {
            WebRtcEngines.stop(engine);
        }
        if (stack != null) {
            JainSipStacks.stop(stack);
        }
        WATCH.stop(kamailio);
        if (capture != null) {
            capture.close(WATCH.failed());
        }
    }

    @BeforeEach
    void registerAlice() {
        alice = new LivePhone(stack, engine, Map.of("id", "alice", "user", "alice", "domain", kamailio.hostPort(),
                "_password", ALICE_PASSWORD, "tone_hz", ALICE_HZ));
        alice.account.awaitRegistered();
        carol.drain();
    }

    @AfterEach
    void closeAlice() {
        alice.close();
    }

    /** SIPRTC (UDP) calls JsSIP (WebSocket) and hangs up. */
    @Test
    void siprtcCallsJsSipAndHangsUp() throws Exception {
        int mark = carol.events().size();
        Call out = siprtcCallsCarol();
        proveMedia(out, mark);

        alice.gateway.hangup(out.id());
        alice.calls.awaitState(out.id(), CallState.ENDED);
        assertEnded(carol.next("ended"), "remote", "BYE");
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, out.endReason().orElseThrow().kind());
    }

    /** JsSIP calls SIPRTC, which answers; JsSIP hangs up. */
    @Test
    void jsSipCallsSiprtcAndHangsUp() throws Exception {
        int mark = carol.events().size();
        Call in = carolCallsSiprtc();
        proveMedia(in, mark);

        carol.hangup();
        alice.calls.awaitState(in.id(), CallState.ENDED);
        assertEnded(carol.next("ended"), "local", "");
        CallEndReason reason = in.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, reason.kind(), reason::toString);
    }

    /**
     * SIPRTC calls JsSIP and holds it (re-INVITE sendonly): SIPRTC gets (almost) no packets and
     * hears nothing while JsSIP still hears SIPRTC; resume brings both back. Then JsSIP holds
     * SIPRTC and resumes; finally JsSIP, the callee, hangs up.
     */
    @Test
    void holdAndResumeBothWaysThenJsSipHangsUp() throws Exception {
        int mark = carol.events().size();
        Call out = siprtcCallsCarol();
        proveMedia(out, mark);

        alice.gateway.hold(out.id());
        alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "on hold");
        assertEquals("remote", carol.next("hold").get("originator"));
        assertTrue(out.isOnHold());
        awaitMedia(out, s -> s.receivedToneHz() == 0);
        long[] aliceGot = packetsOver(1000, () -> out.mediaStats().packetsReceived());
        assertTrue(aliceGot[1] - aliceGot[0] <= 5, "SIPRTC holding gets (almost) nothing: " + (aliceGot[1] - aliceGot[0])
                + " packets in 1 s, not ~50");
        long[] carolSent = packetsOver(1000, () -> carol.stats().packetsSent());
        assertTrue(carolSent[1] - carolSent[0] <= 5, "JsSIP held (recvonly) sends (almost) nothing: "
                + (carolSent[1] - carolSent[0]) + " packets in 1 s");
        long[] carolGot = packetsOver(1000, () -> carol.stats().packetsReceived());
        assertTrue(carolGot[1] - carolGot[0] >= 30, "JsSIP still receives SIPRTC (sendonly): " + (carolGot[1] - carolGot[0])
                + " packets in 1 s");
        carol.awaitStats(st -> st.hears(ALICE_HZ) && st.remoteHold(), "still hears alice while held");

        alice.gateway.resume(out.id());
        alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "resumed");
        assertEquals("remote", carol.next("unhold").get("originator"));
        awaitMedia(out, hears(CAROL_HZ));
        carol.awaitStats(st -> st.hears(ALICE_HZ) && !st.remoteHold(), "hears alice again");

        carol.hold();
        assertEquals("local", carol.next("hold").get("originator"));
        alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "held by the far end");
        assertTrue(out.isHeldByRemote());
        carol.awaitStats(st -> st.toneHz() == 0, "hears nothing while holding");
        long[] carolGotHolding = packetsOver(1000, () -> carol.stats().packetsReceived());
        assertTrue(carolGotHolding[1] - carolGotHolding[0] <= 5, "JsSIP holding gets (almost) nothing: "
                + (carolGotHolding[1] - carolGotHolding[0]) + " packets in 1 s");
        long[] aliceGotHeld = packetsOver(1000, () -> out.mediaStats().packetsReceived());
        System.out.println("SIPRTC held by JsSIP: " + (aliceGotHeld[1] - aliceGotHeld[0]) + " packets in 1 s, hears "
                + out.mediaStats().receivedToneHz() + " Hz");

        carol.unhold();
        assertEquals("local", carol.next("unhold").get("originator"));
        alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "resumed by the far end");
        awaitMedia(out, hears(CAROL_HZ));
        carol.awaitStats(st -> st.hears(ALICE_HZ), "hears alice after its resume");

        carol.hangup();
        alice.calls.awaitState(out.id(), CallState.ENDED);
        assertEnded(carol.next("ended"), "local", "");
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, out.endReason().orElseThrow().kind());
    }

    /**
     * JsSIP calls SIPRTC. SIPRTC's DTMF goes as RFC 4733 telephone events (both offered
     * telephone-event): the browser's NetEq plays them out as tones, and the page's Goertzel
     * detector hears each digit. JsSIP's INFO DTMF reaches SIPRTC as DTMF events; its RFC 4733 DTMF
     * is played out by SIPRTC's libwebrtc (SIPRTC hears the digit's frequencies instead of the
     * tone; the engine has no event for received telephone events). Finally SIPRTC, the callee,
     * hangs up.
     */
    @Test
    void dtmfBothWaysThenSiprtcHangsUp() throws Exception {
        int mark = carol.events().size();
        Call in = carolCallsSiprtc();
        proveMedia(in, mark);

        alice.gateway.sendDtmf(in.id(), "159#");
        alice.calls.awaitEvent(in.id(), CallEvent.Type.DTMF, "sent 159# (RFC 4733)");
        carol.awaitStats(st -> st.heardDtmf().equals("159#"), "hears 159# in the audio");

        carol.sendDtmf("7", "INFO", 100);
        alice.calls.awaitEvent(in.id(), CallEvent.Type.DTMF, "received 7 (INFO)");

        // RFC 4733 from the browser (RTCDTMFSender): SIPRTC's engine reports no received telephone
        // events, but its libwebrtc plays them out as the digit's two tones (770 + 1336 Hz for 5),
        // which SIPRTC's analyser (zero crossings over 0.5 s) reads as one frequency between them
        // instead of carol's 660 Hz, as long as the event lasts; then 660 Hz again.
        carol.sendDtmf("5", "RFC2833", 2000);
        assertEquals("5", carol.next("dtmfSent").get("tone"));
        MediaStats playingDtmf = awaitMedia(in, s -> s.receivedToneHz() > 760 && s.receivedToneHz() < 1340);
        System.out.println("SIPRTC hears " + playingDtmf.receivedToneHz() + " Hz during JsSIP's RFC 4733 '5' (770 + 1336 Hz)");
        awaitMedia(in, hears(CAROL_HZ));

        alice.gateway.hangup(in.id());
        alice.calls.awaitState(in.id(), CallState.ENDED);
        assertEnded(carol.next("ended"), "remote", "BYE");
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, in.endReason().orElseThrow().kind());
    }

    private Call siprtcCallsCarol() throws Exception {
        Call out = alice.dial("carol");
        Map<String, Object> incoming = carol.next("incoming");
        assertEquals("sip:alice@" + kamailio.hostPort(), incoming.get("from"));
        carol.answer();
        alice.calls.awaitState(out.id(), CallState.CONNECTED);
        carol.next("confirmed");
        return out;
    }

    private Call carolCallsSiprtc() throws Exception {
        carol.call("sip:alice@" + Kamailio.REALM);
        Call in = awaitIncoming(alice);
        assertEquals("sip:carol@" + Kamailio.REALM, in.remoteUri());
        alice.gateway.answer(in.id());
        alice.calls.awaitState(in.id(), CallState.CONNECTED);
        carol.next("confirmed");
        return in;
    }

    private static void assertEnded(Map<String, Object> ended, String originator, String method) {
        assertEquals("ended", ended.get("phase"), ended::toString);
        assertEquals(originator, ended.get("originator"), ended::toString);
        assertEquals("Terminated", ended.get("cause"), ended::toString);
        assertEquals(method, ended.get("method"), ended::toString);
    }

    /** A counter read now and after that many milliseconds. */
    private static long[] packetsOver(long ms, LongSupplier counter) throws InterruptedException {
        long before = counter.getAsLong();
        Thread.sleep(ms);
        return new long[] {before, counter.getAsLong()};
    }

    /**
     * Both hear each other's tone and count packets both ways; everything is on 127.0.0.1: the SDP
     * both ways names no other address, and the two sockets of the browser's selected ICE pair
     * (one Chromium's, one SIPRTC's) are bound to 127.0.0.1 or the any-address.
     */
    private static void proveMedia(Call call, int mark) throws InterruptedException {
        awaitMedia(call, hears(CAROL_HZ));
        JsSipPeer.Stats theirs = carol.awaitStats(s -> s.hears(ALICE_HZ) && s.packetsSent() > 0, "hears alice's "
                + ALICE_HZ + " Hz and sends");
        MediaStats ours = awaitMedia(call, s -> s.packetsSent() > 0 && s.packetsReceived() > 0);

        List<Map<String, Object>> all = carol.events();
        List<Map<String, Object>> sdps = all.subList(mark, all.size()).stream().filter(e -> "sdp".equals(e.get("event")))
                .collect(Collectors.toList());
        assertTrue(sdps.stream().anyMatch(e -> "local".equals(e.get("originator")))
                && sdps.stream().anyMatch(e -> "remote".equals(e.get("originator"))), () -> "no SDP both ways: " + sdps);
        for (Map<String, Object> e : sdps) {
            for (String line : e.get("sdp").toString().split("\r\n")) {
                if (line.startsWith("c=") || line.startsWith("a=candidate:")) {
                    assertTrue(LOOPBACK_SDP.matcher(line).matches(),
                            () -> e.get("originator") + " SDP of the browser names another address: " + line);
                }
            }
        }
        Matcher pair = PAIR.matcher(theirs.pair());
        assertTrue(pair.matches(), () -> "the browser's ICE pair: " + theirs.pair());
        for (int g : new int[] {1, 3}) {
            String address = pair.group(g);
            assertTrue(address.isEmpty() || address.equals("127.0.0.1"), () -> "the browser's ICE pair leaves loopback: "
                    + theirs.pair());
            String port = pair.group(g + 1);
            String bound = JsSipPeer.udpBinding(Integer.parseInt(port));
            assertTrue(List.of("127.0.0.1", "0.0.0.0", "::").contains(bound), () -> "socket " + port
                    + " of the browser's pair " + theirs.pair() + " is bound to " + bound);
        }
        System.out.printf("media: siprtc sent %d received %d hears %.1f Hz, pair %s; jssip sent %d received %d hears %.1f Hz"
                + " (%s), pair %s%n", ours.packetsSent(), ours.packetsReceived(), ours.receivedToneHz(), ours.candidatePair(),
                theirs.packetsSent(), theirs.packetsReceived(), theirs.toneHz(), theirs.codec(), theirs.pair());
    }

    static Call awaitIncoming(LivePhone phone) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (System.nanoTime() < deadline) {
            for (Call c : phone.gateway.calls()) {
                if (c.direction() == CallDirection.INCOMING && c.state() != CallState.ENDED) {
                    return c;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no incoming call: " + phone.gateway.calls());
    }

    static Predicate<MediaStats> hears(double hz) {
        return s -> s.packetsReceived() > 0 && Math.abs(s.receivedToneHz() - hz) < hz * 0.02;
    }

    static MediaStats awaitMedia(Call call, Predicate<MediaStats> check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        MediaStats last = call.mediaStats();
        while (!check.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = call.mediaStats();
        }
        assertTrue(check.test(last), call.id() + ": " + last);
        return last;
    }

}
