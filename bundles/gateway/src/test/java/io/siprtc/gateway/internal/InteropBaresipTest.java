package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.LiveMedia.awaitMedia;
import static io.siprtc.gateway.internal.LiveMedia.hears;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The interop matrix's baresip rows: a SIPRTC user agent (JAIN-SIP, webrtc-java media) and real
 * baresip 1.0 phones registered at one real Kamailio, everything on 127.0.0.1.
 * <ul>
 * <li>carol is a plain baresip (RTP/AVP, PCMU): Kamailio has a real rtpengine bridge her calls
 * with SIPRTC (ICE, DTLS-SRTP, rtcp-mux on SIPRTC's side, plain RTP on hers), both directions,
 * with hold and resume from each side, DTMF, and the hang-up from each side;</li>
 * <li>dave is a WebRTC-style baresip (ICE, DTLS-SRTP, rtcp-mux, Opus) that SIPRTC calls and that
 * calls SIPRTC peer to peer, without a relay; Kamailio removes the non-loopback ICE candidates
 * baresip's ice module offers ({@link Kamailio.Options#loopbackCandidates()}), so ICE pairs the
 * 127.0.0.1 addresses through peer-reflexive candidates;</li>
 * <li>erin and finn are WebRTC-style baresips started with {@link Baresip.Options#loopbackIce()}
 * (an LD_PRELOAD shim that lets baresip's ice module gather 127.0.0.1 and nothing else): erin
 * calls finn, baresip to baresip with ICE, DTLS-SRTP, rtcp-mux and Opus on loopback.</li>
 * </ul>
 * Media is proven both ways in every call: SIPRTC counts RTP packets and hears baresip's tone
 * (880 Hz carol, 660 Hz dave; {@link MediaStats}); baresip counts RTP packets itself
 * ({@code audio_debug}) and the recording of what it received ({@code sndfile}) has the far
 * end's tone as its dominant frequency (SIPRTC's 440 Hz; erin's 550 Hz and finn's 990 Hz). The traffic is captured on lo, and a last test checks that
 * no packet left loopback ({@link PacketCapture}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InteropBaresipTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String CAROL_PASSWORD = "c-" + UUID.randomUUID();
    private static final String DAVE_PASSWORD = "d-" + UUID.randomUUID();
    private static final String ERIN_PASSWORD = "e-" + UUID.randomUUID();
    private static final String FINN_PASSWORD = "f-" + UUID.randomUUID();
    private static final double ALICE_HZ = 440;
    private static final int CAROL_HZ = 880;
    private static final int DAVE_HZ = 660;
    private static final int ERIN_HZ = 550;
    private static final int FINN_HZ = 990;
    /** baresip's ICE candidate as {@code callstat} prints it: foundation, component, transport, priority, address, port, type. */
    private static final java.util.regex.Pattern CANDIDATE = java.util.regex.Pattern.compile(
            "candidate='\\S+ \\d+ UDP \\d+ (\\S+) (\\d+) typ ([a-z]+)[^']*'");

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();

    private static Rtpengine rtpengine;
    private static Kamailio kamailio;
    private static Baresip carol;
    private static Baresip dave;
    private static Baresip erin;
    private static Baresip finn;
    private static SipStack stack;
    private static MediaEngine engine;
    private static int mediaMin;
    private static PacketCapture capture;
    /** Set once everything is up: a failure before keeps the files too. */
    private static boolean started;

    @BeforeAll
    static void start() throws Exception {
        Logger.getLogger("io.siprtc").setLevel(Level.WARNING);
        rtpengine = Rtpengine.start("baresip");
        // MD5 challenges: baresip 1.0 (libre 1.1) cannot answer SHA-256 ("Register: Function not implemented")
        kamailio = Kamailio.start("baresip", new Kamailio.Options().algorithm("").user("alice", ALICE_PASSWORD)
                .user("carol", CAROL_PASSWORD).user("dave", DAVE_PASSWORD).user("erin", ERIN_PASSWORD).user("finn", FINN_PASSWORD)
                .rtpengine(rtpengine, "carol").loopbackCandidates());
        carol = Baresip.start("carol", new Baresip.Options().account("carol", CAROL_PASSWORD, kamailio.hostPort())
                .mode(Baresip.Mode.PLAIN).tone(CAROL_HZ));
        dave = Baresip.start("dave", new Baresip.Options().account("dave", DAVE_PASSWORD, kamailio.hostPort())
                .mode(Baresip.Mode.WEBRTC).tone(DAVE_HZ));
        erin = Baresip.start("erin", new Baresip.Options().account("erin", ERIN_PASSWORD, kamailio.hostPort())
                .mode(Baresip.Mode.WEBRTC).loopbackIce().tone(ERIN_HZ));
        finn = Baresip.start("finn", new Baresip.Options().account("finn", FINN_PASSWORD, kamailio.hostPort())
                .mode(Baresip.Mode.WEBRTC).loopbackIce().tone(FINN_HZ));
        mediaMin = Rtpengine.freeUdpRange(100);
        capture = PacketCapture.start("interop-baresip", "port " + kamailio.port() + " or port " + rtpengine.ngPort()
                + " or portrange " + rtpengine.minPort() + "-" + rtpengine.maxPort()
                + " or portrange " + mediaMin + "-" + (mediaMin + 99)
                + " or portrange " + carol.rtpMin() + "-" + (carol.rtpMin() + 19)
                + " or portrange " + dave.rtpMin() + "-" + (dave.rtpMin() + 19)
                + " or portrange " + erin.rtpMin() + "-" + (erin.rtpMin() + 19)
                + " or portrange " + finn.rtpMin() + "-" + (finn.rtpMin() + 19));
        stack = JainSipStacks.start();
        engine = WebRtcEngines.start(Map.of("port_min", mediaMin, "port_max", mediaMin + 99));
        carol.awaitRegistered();
        dave.awaitRegistered();
        erin.awaitRegistered();
        finn.awaitRegistered();
        started = true;
    }

    @AfterAll
    static void stop() {
        boolean keep = WATCH.failed() || !started;
        if (engine != null) {
            WebRtcEngines.stop(engine);
        }
        if (stack != null) {
            JainSipStacks.stop(stack);
        }
        for (Baresip b : new Baresip[] {carol, dave, erin, finn}) {
            if (b != null) {
                b.close();
                if (keep) {
                    System.err.println("Kept the files of " + b + " for the failed test");
                } else {
                    b.deleteFiles();
                }
            }
        }
        if (keep && kamailio != null) {
            kamailio.close();
            System.err.println("Kept the log of " + kamailio);
        } else {
            WATCH.stop(kamailio);
        }
        if (rtpengine != null) {
            rtpengine.close();
            if (keep) {
                System.err.println("Kept the log of " + rtpengine + " for the failed test");
            } else {
                rtpengine.deleteFiles();
            }
        }
        if (capture != null) {
            capture.close(keep);
        }
    }

    private static LivePhone alice(boolean autoAnswer) {
        return new LivePhone(stack, engine, Map.of("id", "alice", "user", "alice", "domain", kamailio.hostPort(),
                "_password", ALICE_PASSWORD, "tone_hz", ALICE_HZ, "auto_answer", autoAnswer));
    }

    /**
     * SIPRTC calls plain baresip: Kamailio has rtpengine turn SIPRTC's WebRTC offer into plain
     * RTP/AVP for carol and her answer back into ICE + DTLS-SRTP; PCMU flows both ways through
     * the relay. alice holds and resumes (carol still hears her while held, alice hears nothing),
     * sends DTMF (RFC 4733, reported by baresip), and hangs up.
     */
    @Test
    @Order(1)
    void siprtcCallsPlainBaresipThroughRtpengine() throws Exception {
        try (LivePhone alice = alice(false)) {
            alice.account.awaitRegistered();
            long callStart = System.currentTimeMillis();
            int mark = carol.mark();
            Call out = alice.dial("carol");
            Baresip.Event incoming = carol.awaitEvent(mark, "CALL_INCOMING");
            assertTrue(incoming.peer.startsWith("sip:alice@"), incoming::toString);
            carol.accept();
            alice.calls.awaitState(out.id(), CallState.CONNECTED);
            carol.awaitEvent(mark, "CALL_ESTABLISHED");
            assertEquals(1, loggedForCall("SIPRTC-RTPENGINE offer to_plain=1 INVITE", incoming.callId).size(),
                    () -> "rtpengine made a plain RTP offer for carol: " + kamailio.logTail());

            MediaStats a = awaitMedia(out, hears(CAROL_HZ));
            report("siprtc -> plain baresip: alice", a);
            assertThroughRelay(a);
            assertTrue(a.codec().toLowerCase().startsWith("pcmu"), a::toString);
            Baresip.AudioStats c = awaitBaresipPackets(carol, 25);
            awaitHearsAlice(carol, callStart);
            String remoteSdp = carol.command("callstat", null);
            assertTrue(remoteSdp.contains("audio RTP/AVP"), remoteSdp);
            assertRelayedBothWays(incoming.callId);

            // alice holds: she sends, carol only receives
            alice.gateway.hold(out.id());
            alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "on hold");
            long[] held = receivedInOneSecond(out, carol);
            long aliceHeld = held[0];
            long carolHeld = held[1];
            assertTrue(aliceHeld <= 5, "alice, holding, gets (almost) nothing: " + aliceHeld + " packets in 1 s");
            assertTrue(carolHeld >= 30, "carol still receives alice while held: " + carolHeld + " packets in 1 s");
            alice.gateway.resume(out.id());
            alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "resumed");
            awaitReceiving(out, 25);
            awaitMedia(out, hears(CAROL_HZ));

            int dtmfMark = carol.mark();
            alice.gateway.sendDtmf(out.id(), "1#");
            alice.calls.awaitEvent(out.id(), CallEvent.Type.DTMF, "sent 1# (RFC 4733)");
            carol.awaitEvent(dtmfMark, "CALL_DTMF_START", e -> e.param.equals("1"));
            carol.awaitEvent(dtmfMark, "CALL_DTMF_START", e -> e.param.equals("#"));

            c = carol.audioStats();
            alice.gateway.hangup(out.id());
            alice.calls.awaitState(out.id(), CallState.ENDED);
            assertEquals(CallEndReason.Kind.LOCAL_HANGUP, out.endReason().orElseThrow().kind());
            Baresip.Event closed = carol.awaitEvent(mark, "CALL_CLOSED");
            assertEquals("Connection reset by peer", closed.param, "carol got alice's BYE");
            assertBaresipCounted(c);
            assertRelayEnded(incoming.callId);
        }
    }

    /**
     * Plain baresip calls SIPRTC: rtpengine turns carol's RTP/AVP offer into a WebRTC offer (ICE
     * forced, DTLS-SRTP, rtcp-mux offered) that SIPRTC answers; carol holds (alice sees "held by
     * the far end" and, answering recvonly, sends nothing) and resumes, and hangs up.
     */
    @Test
    @Order(2)
    void plainBaresipCallsSiprtcThroughRtpengine() throws Exception {
        try (LivePhone alice = alice(true)) {
            alice.account.awaitRegistered();
            long callStart = System.currentTimeMillis();
            int mark = carol.mark();
            carol.dial("sip:alice@" + kamailio.hostPort());
            Call in = awaitIncoming(alice);
            alice.calls.awaitState(in.id(), CallState.CONNECTED);
            Baresip.Event established = carol.awaitEvent(mark, "CALL_ESTABLISHED");
            assertEquals(1, loggedForCall("SIPRTC-RTPENGINE offer to_plain=0 INVITE", established.callId).size(),
                    () -> "rtpengine made a WebRTC offer for alice: " + kamailio.logTail());

            MediaStats a = awaitMedia(in, hears(CAROL_HZ));
            report("plain baresip -> siprtc: alice", a);
            assertThroughRelay(a);
            assertTrue(a.codec().toLowerCase().startsWith("pcmu"), a::toString);
            awaitBaresipPackets(carol, 25);
            awaitHearsAlice(carol, callStart);
            assertRelayedBothWays(established.callId);

            carol.hold();
            alice.calls.awaitEvent(in.id(), CallEvent.Type.HOLD, "held by the far end");
            assertTrue(in.isHeldByRemote());
            long[] held = receivedInOneSecond(in, carol);
            long aliceHeld = held[0];
            long carolHeld = held[1];
            // carol offered sendonly and alice answered recvonly: alice sends nothing. baresip 1.0 sends
            // nothing either while it holds (stream.c: stream_send returns early when the stream is on hold).
            assertTrue(carolHeld <= 5, "alice, held (recvonly), sends carol (almost) nothing: " + carolHeld + " packets in 1 s");
            assertTrue(aliceHeld <= 5, "carol, holding, sends (almost) nothing: " + aliceHeld + " packets in 1 s");
            carol.resume();
            alice.calls.awaitEvent(in.id(), CallEvent.Type.HOLD, "resumed by the far end");
            awaitReceiving(in, 25);
            awaitMedia(in, hears(CAROL_HZ));

            Baresip.AudioStats c = carol.audioStats();
            carol.hangup();
            alice.calls.awaitState(in.id(), CallState.ENDED);
            assertEquals(CallEndReason.Kind.REMOTE_HANGUP, in.endReason().orElseThrow().kind());
            Baresip.Event closed = carol.awaitEvent(mark, "CALL_CLOSED");
            assertEquals("Connection reset by user", closed.param, "carol hung up herself");
            assertBaresipCounted(c);
            assertRelayEnded(established.callId);
        }
    }

    /**
     * SIPRTC calls WebRTC-style baresip peer to peer (no relay): ICE, DTLS-SRTP, rtcp-mux and Opus
     * between libwebrtc and baresip on 127.0.0.1; alice holds and resumes, sends DTMF over Opus;
     * dave hangs up.
     */
    @Test
    @Order(3)
    void siprtcCallsWebRtcBaresipWithoutRelay() throws Exception {
        try (LivePhone alice = alice(false)) {
            alice.account.awaitRegistered();
            long callStart = System.currentTimeMillis();
            int mark = dave.mark();
            Call out = alice.dial("dave");
            Baresip.Event incoming = dave.awaitEvent(mark, "CALL_INCOMING");
            dave.accept();
            alice.calls.awaitState(out.id(), CallState.CONNECTED);
            proveWebRtcMedia(out, incoming.callId);
            awaitHearsAlice(dave, callStart);

            // alice holds (sendonly): dave still hears her, she gets nothing; then she resumes
            alice.gateway.hold(out.id());
            alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "on hold");
            long[] held = receivedInOneSecond(out, dave);
            assertTrue(held[0] <= 5, "alice, holding, gets (almost) nothing: " + held[0] + " packets in 1 s");
            assertTrue(held[1] >= 30, "dave still receives alice while held: " + held[1] + " packets in 1 s");
            alice.gateway.resume(out.id());
            alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "resumed");
            awaitReceiving(out, 25);
            awaitMedia(out, hears(DAVE_HZ));

            // RFC 4733 over Opus: baresip answers telephone-event/8000 only, so libwebrtc sends at
            // 8 kHz under 48 kHz timestamps and each digit is asked six times as long (the media
            // engine's TelephoneEvents; baresip reports a digit at its first packet, so the
            // digits' length is proven by the media engine's DtmfTest, not here)
            int dtmfMark = dave.mark();
            alice.gateway.sendDtmf(out.id(), "5*");
            alice.calls.awaitEvent(out.id(), CallEvent.Type.DTMF, "sent 5* (RFC 4733)");
            dave.awaitEvent(dtmfMark, "CALL_DTMF_START", e -> e.param.equals("5"));
            dave.awaitEvent(dtmfMark, "CALL_DTMF_START", e -> e.param.equals("*"));

            Baresip.AudioStats d = dave.audioStats();
            dave.hangup();
            alice.calls.awaitState(out.id(), CallState.ENDED);
            assertEquals(CallEndReason.Kind.REMOTE_HANGUP, out.endReason().orElseThrow().kind());
            assertEquals("Connection reset by user", dave.awaitEvent(mark, "CALL_CLOSED").param);
            assertBaresipCounted(d);
        }
    }

    /** WebRTC-style baresip calls SIPRTC peer to peer (no relay); dave holds and resumes; SIPRTC hangs up. */
    @Test
    @Order(4)
    void webRtcBaresipCallsSiprtcWithoutRelay() throws Exception {
        try (LivePhone alice = alice(true)) {
            alice.account.awaitRegistered();
            long callStart = System.currentTimeMillis();
            int mark = dave.mark();
            dave.dial("sip:alice@" + kamailio.hostPort());
            Call in = awaitIncoming(alice);
            alice.calls.awaitState(in.id(), CallState.CONNECTED);
            Baresip.Event established = dave.awaitEvent(mark, "CALL_ESTABLISHED");
            proveWebRtcMedia(in, established.callId);
            awaitHearsAlice(dave, callStart);

            dave.hold();
            alice.calls.awaitEvent(in.id(), CallEvent.Type.HOLD, "held by the far end");
            long[] held = receivedInOneSecond(in, dave);
            assertTrue(held[0] <= 5 && held[1] <= 5, "while dave holds neither sends (alice answered recvonly; baresip 1.0 "
                    + "sends nothing on hold): alice got " + held[0] + ", dave " + held[1] + " packets in 1 s");
            dave.resume();
            alice.calls.awaitEvent(in.id(), CallEvent.Type.HOLD, "resumed by the far end");
            awaitReceiving(in, 25);
            awaitMedia(in, hears(DAVE_HZ));

            Baresip.AudioStats d = dave.audioStats();
            alice.gateway.hangup(in.id());
            alice.calls.awaitState(in.id(), CallState.ENDED);
            assertEquals(CallEndReason.Kind.LOCAL_HANGUP, in.endReason().orElseThrow().kind());
            assertEquals("Connection reset by peer", dave.awaitEvent(mark, "CALL_CLOSED").param);
            assertBaresipCounted(d);
        }
    }

    /**
     * Two WebRTC-style baresips call each other on loopback, which the unmodified baresip 1.0 cannot
     * (its ice module skips loopback addresses): erin and finn run with {@link Baresip.Options#loopbackIce()}.
     * Each offers one ICE candidate, {@code 127.0.0.1 typ host} on one of its own RTP ports, and
     * Kamailio had nothing to remove; ICE connects, DTLS-SRTP is secure, Opus both ways, each
     * recording holds the other's tone; erin hangs up. The last test checks that nothing left
     * loopback.
     */
    @Test
    @Order(5)
    void webRtcBaresipCallsWebRtcBaresipOnLoopbackIce() throws Exception {
        long callStart = System.currentTimeMillis();
        int erinMark = erin.mark();
        int finnMark = finn.mark();
        erin.dial(finn.aor());
        Baresip.Event incoming = finn.awaitEvent(finnMark, "CALL_INCOMING");
        assertTrue(incoming.peer.startsWith("sip:erin@"), incoming::toString);
        finn.accept();
        erin.awaitEvent(erinMark, "CALL_ESTABLISHED");
        finn.awaitEvent(finnMark, "CALL_ESTABLISHED");
        erin.awaitEvent(erinMark, "CALL_RTPESTAB");
        finn.awaitEvent(finnMark, "CALL_RTPESTAB");

        for (Baresip[] pair : new Baresip[][] {{erin, finn}, {finn, erin}}) {
            Baresip b = pair[0];
            Baresip other = pair[1];
            Baresip.AudioStats s = awaitBaresipPackets(b, 25);
            assertTrue(s.text.contains("mnat: ice (connected=yes)") && s.text.contains("menc: dtls_srtp (secure=yes)")
                    && s.text.contains("encode: opus 48000Hz") && s.text.contains("decode: opus 48000Hz"), b + ":\n" + s.text);
            String stat = b.command("callstat", null);
            assertTrue(stat.contains("audio UDP/TLS/RTP/SAVPF"), stat);
            // callstat lists its own candidates first (local attributes), then the far end's
            String local = stat.substring(0, stat.indexOf("remote attributes:", stat.indexOf("session media:")));
            String remote = stat.substring(local.length());
            assertOneLoopbackHostCandidate(b, local, b.rtpMin());
            assertOneLoopbackHostCandidate(b, remote, other.rtpMin());
            System.out.println("interop-baresip: " + b.user() + " (loopback ICE) " + s + "; "
                    + s.text.lines().filter(l -> l.contains("local:") || l.contains("mnat:") || l.contains("menc:") || l.contains("encode:"))
                            .map(l -> l.trim().replaceFirst("^tx:\\s+", "")).collect(java.util.stream.Collectors.joining("; ")));
        }
        assertTrue(loggedForCall("SIPRTC-STRIPPED", incoming.callId).isEmpty(),
                () -> "Kamailio had no candidate to remove: both baresips offered 127.0.0.1 only; " + kamailio.logTail());
        assertFalse(rtpengine.calls().contains(incoming.callId), "no relay between two WebRTC-style baresips");
        awaitHears(finn, callStart, ERIN_HZ, "erin");
        awaitHears(erin, callStart, FINN_HZ, "finn");

        Baresip.AudioStats e = erin.audioStats();
        erin.hangup();
        assertEquals("Connection reset by peer", finn.awaitEvent(finnMark, "CALL_CLOSED").param, "finn got erin's BYE");
        erin.awaitEvent(erinMark, "CALL_CLOSED");
        assertBaresipCounted(e);
    }

    /** The {@code callstat} section has exactly one candidate: a host candidate on 127.0.0.1 and one of the phone's RTP ports. */
    private static void assertOneLoopbackHostCandidate(Baresip b, String section, int rtpMin) {
        java.util.regex.Matcher m = CANDIDATE.matcher(section);
        assertTrue(m.find(), () -> b + ": no candidate in\n" + section);
        int port = Integer.parseInt(m.group(2));
        assertTrue(m.group(1).equals("127.0.0.1") && m.group(3).equals("host") && port >= rtpMin && port < rtpMin + 20,
                () -> b + ": " + m.group() + " is not 127.0.0.1 typ host on a port from " + rtpMin);
        assertFalse(m.find(), () -> b + ": more than one candidate: " + m.group() + " in\n" + section);
    }

    /** Runs last: the calls above were captured on lo, and none of their packets left loopback. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPacketLeftLoopback() throws Exception {
        List<String> seen = capture.onLoopback();
        assertTrue(seen.stream().anyMatch(l -> l.contains("SIP")) && seen.stream().anyMatch(l -> l.contains("RTP")
                || l.contains("UDP")), "the loopback capture saw the SIP and media traffic: " + seen.size() + " packets");
        assertEquals(List.of(), capture.leftLoopback(), "packets that left loopback");
        // and on lo itself no packet went to or came from another address of the machine (192.0.2.2 or fd00::2,
        // which baresip's ICE offers): tshark's summary lines read "<n> <time> <source> → <destination> ..."
        List<String> otherAddresses = seen.stream().filter(l -> {
            String[] f = l.split("\\s+");
            return f.length < 5 || !f[2].startsWith("127.") || !f[4].startsWith("127.");
        }).collect(java.util.stream.Collectors.toList());
        assertEquals(List.of(), otherAddresses, "packets on lo from or to an address outside 127.0.0.0/8");
    }

    private static void proveWebRtcMedia(Call call, String sipCallId) throws Exception {
        MediaStats a = awaitMedia(call, hears(DAVE_HZ));
        report("webrtc-style baresip " + (call.direction() == CallDirection.OUTGOING ? "called by" : "calling") + " siprtc: alice", a);
        assertTrue(a.codec().toLowerCase().startsWith("opus"), a::toString);
        // e.g. "prflx 127.0.0.1:27130 udp <-> prflx null:28522 udp": the far end is peer-reflexive (baresip's
        // 127.0.0.1 address was learnt from its checks; libwebrtc leaves a remote prflx address out of its
        // statistics) and its port is one of dave's RTP ports
        java.util.regex.Matcher pair = java.util.regex.Pattern.compile("\\S+ 127\\.0\\.0\\.1:\\d+ udp <-> prflx (null|127\\.0\\.0\\.1):(\\d+) udp")
                .matcher(a.candidatePair());
        assertTrue(pair.matches(), a.candidatePair());
        int port = Integer.parseInt(pair.group(2));
        assertTrue(port >= dave.rtpMin() && port < dave.rtpMin() + 20, a.candidatePair() + ": not one of dave's RTP ports");
        Baresip.AudioStats d = awaitBaresipPackets(dave, 25);
        assertTrue(d.text.contains("mnat: ice (connected=yes)") && d.text.contains("menc: dtls_srtp (secure=yes)"), d.text);
        assertFalse(rtpengine.calls().contains(sipCallId), "no relay for a WebRTC-style baresip");
        assertTrue(loggedForCall("SIPRTC-RTPENGINE", sipCallId).isEmpty());
        assertFalse(loggedForCall("SIPRTC-STRIPPED", sipCallId).isEmpty(), "Kamailio removed baresip's non-loopback candidates");
    }

    /** Kamailio's log lines with the marker about the call with this Call-ID. */
    private static List<String> loggedForCall(String marker, String callId) {
        return kamailio.lines(l -> l.contains(marker) && (l.endsWith("callid=" + callId) || l.contains("callid=" + callId + " ")));
    }

    /** Waits until baresip sent and received at least {@code packets} RTP packets in the current call. */
    private static Baresip.AudioStats awaitBaresipPackets(Baresip b, long packets) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        Baresip.AudioStats s = b.audioStats();
        while ((s.packetsSent < packets || s.packetsReceived < packets) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = b.audioStats();
        }
        Baresip.AudioStats last = s;
        assertTrue(s.packetsSent >= packets && s.packetsReceived >= packets, () -> b + ": " + last + "\n" + last.text);
        return s;
    }

    /**
     * RTP packets received in one second once a hold took effect: {SIPRTC's call, baresip's
     * current call}. In every hold here SIPRTC's side stops receiving, and its statistics lag by
     * up to a few hundred milliseconds; the second starts when its count stood still for 300 ms.
     */
    private static long[] receivedInOneSecond(Call call, Baresip b) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long last = call.mediaStats().packetsReceived();
        int still = 0;
        while (still < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = call.mediaStats().packetsReceived();
            still = now == last ? still + 1 : 0;
            last = now;
        }
        long siprtcBefore = call.mediaStats().packetsReceived();
        long baresipBefore = b.audioStats().packetsReceived;
        Thread.sleep(1000);
        return new long[] {call.mediaStats().packetsReceived() - siprtcBefore, b.audioStats().packetsReceived - baresipBefore};
    }

    /** Waits until the call received at least {@code packets} more RTP packets. */
    private static void awaitReceiving(Call call, long packets) throws InterruptedException {
        long start = call.mediaStats().packetsReceived();
        awaitMedia(call, s -> s.packetsReceived() - start >= packets);
    }

    /** SIPRTC's selected candidate pair ends at rtpengine: a host candidate on one of its RTP ports. */
    private static void assertThroughRelay(MediaStats s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(".* <-> host 127\\.0\\.0\\.1:(\\d+) udp").matcher(s.candidatePair());
        assertTrue(m.matches(), s.candidatePair());
        int port = Integer.parseInt(m.group(1));
        assertTrue(port >= rtpengine.minPort() && port <= rtpengine.maxPort(), s.candidatePair() + ": not one of rtpengine's ports");
    }

    /** rtpengine's own counters: both parties of the call sent RTP into the relay. */
    private static void assertRelayedBothWays(String sipCallId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        Map<String, Long> perTag = rtpengine.packetsReceivedPerTag(sipCallId);
        while ((perTag.size() != 2 || perTag.values().stream().anyMatch(n -> n < 25)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            perTag = rtpengine.packetsReceivedPerTag(sipCallId);
        }
        Map<String, Long> last = perTag;
        assertTrue(perTag.size() == 2 && perTag.values().stream().allMatch(n -> n >= 25),
                () -> "rtpengine relayed packets from both parties: " + last);
        System.out.println("interop-baresip: rtpengine received RTP packets per party (From/To tag) so far: " + perTag);
    }

    private static void assertRelayEnded(String sipCallId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (rtpengine.calls().contains(sipCallId) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(rtpengine.calls().contains(sipCallId), "rtpengine released the call after the BYE");
    }

    /**
     * baresip's recording of the received audio since the call began has alice's tone as its
     * dominant frequency, with at least a second of signal (bounded wait: the file grows while the
     * call goes on). Checked before any re-INVITE: baresip 1.0 drops its decode filters (the
     * recorder) when a re-INVITE makes the stream anything but sendrecv (src/audio.c:
     * audio_decoder_set flushes them, and aufilt_setup does not add them again while the encode
     * side still has its own), so a call's recording ends at its first hold.
     */
    private static WavTone awaitHearsAlice(Baresip b, long callStartMillis) throws Exception {
        return awaitHears(b, callStartMillis, ALICE_HZ, "alice");
    }

    /** Like {@link #awaitHearsAlice}, for any far end's tone. */
    private static WavTone awaitHears(Baresip b, long callStartMillis, double hz, String who) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        String seen = "nothing";
        while (System.nanoTime() < deadline) {
            StringBuilder all = new StringBuilder();
            for (Path f : b.receivedAudioSince(callStartMillis)) {
                WavTone t = WavTone.analyze(f);
                all.append("\n  ").append(f.getFileName()).append(": ").append(t);
                if (t.signalSeconds >= 1.0 && t.hears(hz)) {
                    System.out.println("interop-baresip: " + b.user() + " recorded " + f.getFileName() + ": " + t);
                    return t;
                }
            }
            seen = all.toString();
            Thread.sleep(100);
        }
        throw new AssertionError(b + " did not record a second of " + who + "'s " + hz + " Hz:" + seen);
    }

    /** baresip's own counters over the call: it sent and received RTP. */
    private static void assertBaresipCounted(Baresip.AudioStats during) {
        assertTrue(during.packetsReceived > 25 && during.packetsSent > 25, during::toString);
        System.out.println("interop-baresip: before the hang-up " + during);
    }

    private static void report(String who, MediaStats s) {
        System.out.println(String.format(java.util.Locale.ROOT, "interop-baresip: %s sent %d RTP packets, received %d, hears %.1f Hz, "
                + "codec %s, path %s", who, s.packetsSent(), s.packetsReceived(), s.receivedToneHz(), s.codec(), s.candidatePair()));
    }

    private static Call awaitIncoming(LivePhone phone) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (System.nanoTime() < deadline) {
            for (Call c : phone.gateway.calls()) {
                if (c.direction() == CallDirection.INCOMING) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no incoming call: " + phone.gateway.calls());
    }
}
