package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.sip.SipStack;
import io.siprtc.media.webrtc.internal.WebRtcEngines;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a unit test (surefire leaves out classes not named *Test): call set-up, dial to
 * the first audio the callee hears, for SIPRTC calling SIPRTC, for JsSIP (Chromium) calling JsSIP
 * and for a WebRTC-style baresip calling another, through the same Kamailio on 127.0.0.1, in one
 * run, the three kinds of call alternating (so all see the same machine load). Run it with
 * (bundles/gateway/README.md):
 *
 * <pre>
 * ./mvnw -B -o -q install -DskipTests -pl bundles/api,bundles/sdp,bundles/sip-jainsip,bundles/media-webrtc
 * ./mvnw -B -o verify -pl bundles/gateway -Dtest=InteropBench -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.calls=20]
 * </pre>
 *
 * SIPRTC: alice (UDP) dials bob (UDP, answers automatically); from {@code dial()} to the first
 * decoded audio with signal at bob ({@code MediaStats.firstAudioNanos}), one JVM clock. JsSIP:
 * carol (WebSocket) calls dave (WebSocket, answers automatically in his page); from carol's
 * {@code ua.call()} to the first received sample above the same threshold at dave (AudioWorklet),
 * each page's {@code performance.timeOrigin + now()}; the same call timed by the test
 * (command sent to the event read, which adds the driver's round trips) is printed beside it.
 * baresip: bia calls bix (answermode=auto), both baresip 1.0 with ICE, DTLS-SRTP, rtcp-mux and
 * Opus, started with {@link Baresip.Options#loopbackIce()} (an LD_PRELOAD shim: without it
 * baresip's ice module offers no loopback candidate); from the {@code dial} command written to
 * bia's ctrl_tcp socket to bix's {@code CALL_RTPESTAB} event read from hers (her first RTP packet
 * received, after ICE and DTLS-SRTP, before decoding), as {@link BaresipBench} times plain
 * baresip; each call is checked to be WebRTC-style ({@code audio_debug}: ICE connected, DTLS-SRTP
 * secure, Opus both ways). SIPRTC's and baresip's callees are also timed alike on the wire: from
 * the dial to the first RTP packet reaching the callee's port, seen on {@code lo} by tshark
 * ({@link RtpArrivals}, the kernel's wall clock; the dial's instant taken on the same clock), the
 * event baresip's {@code CALL_RTPESTAB} reports, while SIPRTC's first decoded audio with signal
 * comes up to one 10 ms playout period and a decode later. The first {@link #WARM_UP} calls of each
 * kind are not counted; the 4th to the 23rd are reported besides, as early calls. Every packet of
 * the run is watched: none may have an end outside 127.0.0.0/8 and ::1
 * ({@link PacketCapture#leftLoopbackOnly(String)}). Figures go to {@code target/interop-bench.txt}.
 */
class InteropBench {

    /**
     * Warm-up calls of each kind, not counted: {@code -Dbench.warmup} (default 40, by which the
     * JIT has compiled SIPRTC's call path: its steady state, which JsSIP's V8 gets as well).
     */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 40);
    /** The early calls reported besides: the 4th to the 23rd after the start (the JVM's JIT still at work). */
    private static final int EARLY_FROM = 3;
    /** Measured SIPRTC calls that sent an offer made in advance ({@code PreparedMedia}). */
    private static int preparedOffers;
    private static final double ALICE_HZ = 440;
    private static final double BOB_HZ = 880;
    private static final double CAROL_HZ = 660;
    private static final double DAVE_HZ = 550;
    private static final int BIA_HZ = 770;
    private static final int BIX_HZ = 330;

    /** When a call was dialled (ns since the epoch) and the callee's RTP port: to find its first RTP packet on the wire. */
    record WireMark(long epochT0, int calleePort) {
    }

    @Test
    void siprtcVersusJsSipCallSetUp() throws Exception {
        Logger.getLogger("io.siprtc").setLevel(Level.WARNING);
        Logger.getLogger("gov.nist").setLevel(Level.WARNING);
        int calls = Integer.getInteger("bench.calls", 20);
        Map<String, String> passwords = Map.of("alice", pw(), "bob", pw(), "carol", pw(), "dave", pw(), "bia", pw(), "bix", pw());
        // MD5 (algorithm ""): JsSIP and baresip 1.0 answer no other digest algorithm; UDP for SIPRTC and baresip
        Kamailio.Options options = new Kamailio.Options().algorithm("").webSocket();
        passwords.forEach(options::user);
        List<Double> siprtc = new ArrayList<>();
        List<Double> siprtcCaller = new ArrayList<>();
        List<Double> jssip = new ArrayList<>();
        List<Double> jssipCaller = new ArrayList<>();
        List<Double> jssipByTest = new ArrayList<>();
        List<Double> baresip = new ArrayList<>();
        List<Double> baresipCaller = new ArrayList<>();
        List<WireMark> siprtcWire = new ArrayList<>();
        List<WireMark> baresipWire = new ArrayList<>();
        List<Double> siprtcEarly = new ArrayList<>();
        List<Double> jssipEarly = new ArrayList<>();
        List<WireMark> siprtcEarlyWire = new ArrayList<>();
        List<WireMark> baresipEarlyWire = new ArrayList<>();
        List<Double> siprtcOnWire = new ArrayList<>();
        List<Double> baresipOnWire = new ArrayList<>();
        List<Double> siprtcEarlyOnWire = new ArrayList<>();
        List<Double> baresipEarlyOnWire = new ArrayList<>();
        StringBuilder lastSiprtc = new StringBuilder();
        StringBuilder lastJsSip = new StringBuilder();
        StringBuilder lastBaresip = new StringBuilder();
        List<String> leftLoopback = null;
        String baresipVersion = "?";
        // from the start: every packet with an end outside 127.0.0.0/8 and ::1, on any interface (lo included)
        PacketCapture capture = PacketCapture.leftLoopbackOnly("bench-interop");
        RtpArrivals rtp = null;
        Kamailio kamailio;
        SipStack stack;
        MediaEngine engine;
        try {
            rtp = RtpArrivals.start("bench-interop");
            kamailio = Kamailio.start("bench-interop", options);
            stack = JainSipStacks.start();
            engine = WebRtcEngines.start();
        } catch (Exception | Error e) {
            if (rtp != null) {
                rtp.close(true);
            }
            capture.close(true);
            throw e;
        }
        JsSipPeer carol = null;
        JsSipPeer dave = null;
        Baresip bia = null;
        Baresip bix = null;
        boolean passed = false;
        boolean keep = Boolean.getBoolean("bench.keep"); // keep Kamailio's and the browsers' logs
        // -Dbench.codec.policy=ptime=20 (say): SIPRTC's accounts' codec policy (default: the account default)
        String codecPolicy = System.getProperty("bench.codec.policy");
        Map<String, Object> aliceConfig = new java.util.HashMap<>(Map.of("id", "alice", "user", "alice", "domain",
                kamailio.hostPort(), "_password", passwords.get("alice"), "tone_hz", ALICE_HZ));
        Map<String, Object> bobConfig = new java.util.HashMap<>(Map.of("id", "bob", "user", "bob", "domain",
                kamailio.hostPort(), "_password", passwords.get("bob"), "auto_answer", true, "tone_hz", BOB_HZ));
        if (codecPolicy != null) {
            aliceConfig.put("codec_policy", codecPolicy);
            bobConfig.put("codec_policy", codecPolicy);
        }
        try (LivePhone alice = new LivePhone(stack, engine, aliceConfig);
                LivePhone bob = new LivePhone(stack, engine, bobConfig)) {
            carol = JsSipPeer.start("bench-carol", new JsSipPeer.Options(kamailio.wsUri(), "sip:carol@" + Kamailio.REALM,
                    passwords.get("carol")).tone(CAROL_HZ).debug(false));
            dave = JsSipPeer.start("bench-dave", new JsSipPeer.Options(kamailio.wsUri(), "sip:dave@" + Kamailio.REALM,
                    passwords.get("dave")).tone(DAVE_HZ).debug(false).autoAnswer());
            bia = Baresip.start("bench-bia", new Baresip.Options().account("bia", passwords.get("bia"), kamailio.hostPort())
                    .mode(Baresip.Mode.WEBRTC).loopbackIce().tone(BIA_HZ).noRecording());
            bix = Baresip.start("bench-bix", new Baresip.Options().account("bix", passwords.get("bix"), kamailio.hostPort())
                    .mode(Baresip.Mode.WEBRTC).loopbackIce().tone(BIX_HZ).autoAnswer().noRecording());
            baresipVersion = bia.version();
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();
            carol.register();
            dave.register();
            bia.awaitRegistered();
            bix.awaitRegistered();
            List<CallEvent> timeline = new java.util.concurrent.CopyOnWriteArrayList<>();
            preparedOffers = 0;
            alice.gateway.bindCallListener(timeline::add);
            bob.gateway.bindCallListener(timeline::add);
            for (int i = 0; i < WARM_UP + calls; i++) {
                timeline.clear();
                long t0 = System.nanoTime();
                WireMark[] wire = new WireMark[2]; // SIPRTC's call, baresip's
                double[] s = siprtcCall(alice, bob, wire);
                if (Boolean.getBoolean("bench.timelines")) { // -Dbench.timelines=true: each SIPRTC call's milestones
                    System.out.println("SIPRTC call " + i + ": " + milestones(timeline, t0));
                }
                if (i == WARM_UP + calls - 1) {
                    lastSiprtc.append(timeline.stream()
                            .map(e -> String.format(Locale.ROOT, "  %7.1f ms %-5s %s%n", (e.nanoTime() - t0) / 1e6,
                                    e.call().accountId(), e.type() == CallEvent.Type.STATE_CHANGED ? e.from() + " -> " + e.to()
                                            : e.type() + " " + e.detail()))
                            .collect(Collectors.joining()));
                }
                int carolMark = carol.mark();
                int daveMark = dave.mark();
                double[] j = jsSipCall(carol, dave);
                if (i == WARM_UP + calls - 1) {
                    lastJsSip.append(jsSipTimeline(carol, carolMark, dave, daveMark));
                }
                double[] b = baresipCall(bia, bix, i == WARM_UP + calls - 1 ? lastBaresip : null, wire);
                if (i >= EARLY_FROM && i < Math.min(WARM_UP, EARLY_FROM + calls)) {
                    siprtcEarly.add(s[0]);
                    siprtcEarlyWire.add(wire[0]);
                    jssipEarly.add(j[0]);
                    baresipEarlyWire.add(wire[1]);
                }
                if (i >= WARM_UP) {
                    if (timeline.stream().anyMatch(e -> "offer made in advance".equals(e.detail()))) {
                        preparedOffers++;
                    }
                    siprtc.add(s[0]);
                    siprtcWire.add(wire[0]);
                    siprtcCaller.add(s[1]);
                    jssip.add(j[0]);
                    jssipCaller.add(j[1]);
                    jssipByTest.add(j[2]);
                    baresip.add(b[0]);
                    baresipWire.add(wire[1]);
                    baresipCaller.add(b[1]);
                }
            }
            for (WireMark w : siprtcWire) {
                siprtcOnWire.add(rtp.firstMs(w.calleePort(), w.epochT0()));
            }
            for (WireMark w : baresipWire) {
                baresipOnWire.add(rtp.firstMs(w.calleePort(), w.epochT0()));
            }
            for (WireMark w : siprtcEarlyWire) {
                siprtcEarlyOnWire.add(rtp.firstMs(w.calleePort(), w.epochT0()));
            }
            for (WireMark w : baresipEarlyWire) {
                baresipEarlyOnWire.add(rtp.firstMs(w.calleePort(), w.epochT0()));
            }
            passed = true;
        } finally {
            for (Baresip b : new Baresip[] {bia, bix}) {
                if (b != null) {
                    b.close();
                    if (passed && !keep) {
                        b.deleteFiles();
                    }
                }
            }
            for (JsSipPeer p : new JsSipPeer[] {carol, dave}) {
                if (p != null) {
                    p.close();
                    if (passed && !keep) {
                        p.deleteFiles();
                    }
                }
            }
            WebRtcEngines.stop(engine);
            JainSipStacks.stop(stack);
            kamailio.close();
            if (passed && !keep) {
                kamailio.deleteFiles();
            }
            if (passed) {
                leftLoopback = capture.leftLoopback();
            }
            capture.close(!passed || keep || leftLoopback == null || !leftLoopback.isEmpty());
            rtp.close(!passed || keep);
        }
        double ratio = median(siprtc) / median(jssip);
        double baresipRatio = median(siprtc) / median(baresip);
        double wireRatio = median(siprtcOnWire) / median(baresipOnWire);
        String report = String.format(Locale.ROOT,
                "SIPRTC's codec policy: " + (codecPolicy == null ? "the account default" : "'" + codecPolicy + "'") + "%n"
                        + "dial -> first audio, through Kamailio on 127.0.0.1, %d calls each after %d warm-up, alternating; Java %s, %d cores,"
                        + " load average %s, JsSIP %s, Chromium %s, baresip %s%n"
                        + "SIPRTC -> SIPRTC (UDP)       at callee: %s%n"
                        + "SIPRTC -> SIPRTC (UDP)       at caller: %s%n"
                        + "JsSIP  -> JsSIP  (WebSocket) at callee: %s%n"
                        + "JsSIP  -> JsSIP  (WebSocket) at caller: %s%n"
                        + "JsSIP  -> JsSIP, timed by the test (driver round trips included), at callee: %s%n"
                        + "baresip -> baresip WebRTC-style (UDP; ICE, DTLS-SRTP, rtcp-mux, Opus; loopback ICE shim) at callee: %s%n"
                        + "baresip -> baresip WebRTC-style at caller: %s%n"
                        + "  (baresip: from the dial command written to bia's ctrl_tcp socket to CALL_RTPESTAB read from bix's"
                        + " (callee) or bia's (caller): the first RTP packet received, not the first decoded audio with signal)%n"
                        + "the same event for both, dial -> the callee's first RTP packet, seen on lo by tshark:%n"
                        + "SIPRTC -> SIPRTC  first RTP packet at bob: %s%n"
                        + "baresip -> baresip first RTP packet at bix: %s%n"
                        + "SIPRTC calls that sent an offer made in advance: " + preparedOffers + " of " + calls + "%n"
                        + "SIPRTC median / JsSIP median at the callee: %.3f (target <= 0.333)%n"
                        + "SIPRTC median / baresip WebRTC-style median at the callee: %.3f (SIPRTC's first decoded audio against"
                        + " baresip's first RTP packet)%n"
                        + "SIPRTC median / baresip median, first RTP packet on the wire at the callee for both: %.3f (target < 1)%n"
                        + "packets with an end outside 127.0.0.0/8 and ::1 during the run: %s%n"
                        + early(siprtcEarly, jssipEarly, siprtcEarlyOnWire, baresipEarlyOnWire)
                        + "the last SIPRTC call (time from dial):%n%s"
                        + "the last JsSIP call (each page's clock, from carol's call):%n%s"
                        + "the last baresip call (ctrl_tcp events as read by the test, from the dial command):%n%s",
                calls, WARM_UP, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(),
                JsSipPeer.JSSIP, chromiumVersion(), baresipVersion, stats(siprtc), stats(siprtcCaller), stats(jssip),
                stats(jssipCaller), stats(jssipByTest), stats(baresip), stats(baresipCaller), stats(siprtcOnWire),
                stats(baresipOnWire), ratio, baresipRatio, wireRatio,
                leftLoopback.isEmpty() ? "none" : leftLoopback.size() + ": " + leftLoopback, lastSiprtc, lastJsSip, lastBaresip);
        System.out.print(report);
        Path out = Paths.get("target", "interop-bench.txt");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath());
        assertEquals(List.of(), leftLoopback, "packets that left loopback (capture kept in target/captures)");
    }

    /** The early calls' figures (see {@link #EARLY_FROM}), when the warm-up was long enough to have them. */
    private static String early(List<Double> siprtc, List<Double> jssip, List<Double> siprtcOnWire, List<Double> baresipOnWire) {
        if (siprtc.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "early calls, the %d%s to the %d%s after the start (JIT still compiling; not counted above):%n"
                + "  SIPRTC at callee (first decoded audio): %s%n  JsSIP at callee (first decoded audio):  %s%n"
                + "  SIPRTC first RTP packet at bob:          %s%n  baresip first RTP packet at bix:         %s%n"
                + "  SIPRTC / JsSIP %.3f, SIPRTC / baresip on the wire %.3f%n",
                EARLY_FROM + 1, ordinal(EARLY_FROM + 1), EARLY_FROM + siprtc.size(), ordinal(EARLY_FROM + siprtc.size()),
                stats(siprtc), stats(jssip), stats(siprtcOnWire), stats(baresipOnWire),
                median(siprtc) / median(jssip), median(siprtcOnWire) / median(baresipOnWire));
    }

    private static String ordinal(int n) {
        return n % 100 / 10 == 1 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /**
     * One baresip call, bia to bix (auto-answer), both WebRTC-style with loopback ICE; returns ms
     * from the dial command to bix's and to bia's first RTP packet received ({@code CALL_RTPESTAB}).
     * Checks that it was WebRTC-style on both sides: ICE connected, DTLS-SRTP secure, Opus, media
     * between 127.0.0.1 ports, RTP counted both ways. {@code timeline}, when given, gets the call's
     * events and both sides' proof. Puts when it was dialled and bix's RTP port in {@code wire[1]}.
     */
    private static double[] baresipCall(Baresip bia, Baresip bix, StringBuilder timeline, WireMark[] wire) throws Exception {
        Baresip.TimedCall call = bia.timedCall(bix);
        long t0 = call.t0();
        long epochT0 = RtpArrivals.epochNanosAt(t0);
        String[] proof = {bia.awaitWebRtcMedia(10), bix.awaitWebRtcMedia(10)};
        java.util.regex.Matcher local = java.util.regex.Pattern.compile("\\blocal: 127\\.0\\.0\\.1:(\\d+),").matcher(proof[1]);
        assertTrue(local.find(), "no local RTP address in bix's audio_debug: " + proof[1]);
        wire[1] = new WireMark(epochT0, Integer.parseInt(local.group(1)));
        if (timeline != null) {
            List<String[]> rows = new ArrayList<>();
            for (Baresip b : new Baresip[] {bia, bix}) {
                for (Baresip.Event e : b.events().subList(b == bia ? call.callerMark() : call.calleeMark(), b.events().size())) {
                    rows.add(new String[] {String.format(Locale.ROOT, "%015d", e.nanos - t0 + 1_000_000_000L),
                            String.format(Locale.ROOT, "  %7.1f ms %-5s %s%n", (e.nanos - t0) / 1e6, b.user(),
                                    e.type + (e.param.isEmpty() ? "" : " " + e.param))});
                }
            }
            rows.sort(java.util.Comparator.comparing(r -> r[0]));
            rows.forEach(r -> timeline.append(r[1]));
            timeline.append("  bia: ").append(proof[0]).append(String.format("%n"));
            timeline.append("  bix: ").append(proof[1]).append(String.format("%n"));
        }
        call.hangUp();
        return call.ms();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** One line of a SIPRTC call's milestones, in ms from the dial: where its set-up time went. */
    private static String milestones(List<CallEvent> timeline, long t0) {
        return timeline.stream()
                .filter(e -> e.type() == CallEvent.Type.SIP_SENT || e.type() == CallEvent.Type.SIP_RECEIVED
                        || (e.type() == CallEvent.Type.MEDIA && !e.detail().startsWith("offer")))
                .map(e -> String.format(Locale.ROOT, "%.1f %s %s", (e.nanoTime() - t0) / 1e6, e.call().accountId(),
                        e.detail().replaceAll(" (sip:|from ).*", "")))
                .collect(Collectors.joining(" | "));
    }

    /**
     * One SIPRTC call; returns ms from dial to first audio at the callee and at the caller, and
     * puts when it was dialled and bob's RTP port in {@code wire[0]}.
     */
    private static double[] siprtcCall(LivePhone alice, LivePhone bob, WireMark[] wire) throws Exception {
        long t0 = System.nanoTime();
        long epochT0 = RtpArrivals.epochNanosAt(t0);
        Call out = alice.dial("bob");
        Call in = InteropJsSipTest.awaitIncoming(bob);
        MediaStats callee = awaitFirstAudio(in);
        MediaStats caller = awaitFirstAudio(out);
        alice.calls.awaitState(out.id(), CallState.CONNECTED);
        InteropJsSipTest.awaitMedia(out, InteropJsSipTest.hears(BOB_HZ));
        MediaStats heard = InteropJsSipTest.awaitMedia(in, InteropJsSipTest.hears(ALICE_HZ));
        wire[0] = new WireMark(epochT0, localPort(heard.candidatePair()));
        alice.gateway.hangup(out.id());
        alice.calls.awaitState(out.id(), CallState.ENDED);
        bob.calls.awaitState(in.id(), CallState.ENDED);
        return new double[] {(callee.firstAudioNanos() - t0) / 1e6, (caller.firstAudioNanos() - t0) / 1e6};
    }

    /** The local port of a pair as {@code MediaStats.candidatePair()} tells it: "host 127.0.0.1:40000 udp <-> ...". */
    static int localPort(String pair) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\S+ \\S*:(\\d+) ").matcher(pair);
        assertTrue(m.find(), "no local port in the candidate pair '" + pair + "'");
        return Integer.parseInt(m.group(1));
    }

    private static MediaStats awaitFirstAudio(Call call) throws InterruptedException {
        return InteropJsSipTest.awaitMedia(call, s -> s.firstAudioNanos() > 0);
    }

    /**
     * One JsSIP call; returns ms from carol's call to the first audio at dave (page clocks), to the
     * first audio at carol (her page's clock), and to dave's first audio as the test sees it.
     */
    private static double[] jsSipCall(JsSipPeer carol, JsSipPeer dave) throws Exception {
        int carolMark = carol.mark();
        int daveMark = dave.mark();
        long t0 = System.nanoTime();
        double startedAt = carol.call("sip:dave@" + Kamailio.REALM);
        Map<String, Object> heard = dave.after(daveMark, "firstAudio");
        long t1 = (long) JsSipPeer.number(heard.get("_nanos"));
        double calleeAt = JsSipPeer.number(heard.get("firstAudioAt"));
        double callerAt = JsSipPeer.number(carol.after(carolMark, "firstAudio").get("firstAudioAt"));
        carol.after(carolMark, "confirmed");
        carol.awaitStats(s -> s.hears(DAVE_HZ), "hears dave");
        dave.awaitStats(s -> s.hears(CAROL_HZ), "hears carol");
        carol.hangup();
        carol.after(carolMark, "ended");
        dave.after(daveMark, "ended");
        return new double[] {calleeAt - startedAt, callerAt - startedAt, (t1 - t0) / 1e6};
    }

    /** The call's events of both pages, in time order, from carol's call. */
    private static String jsSipTimeline(JsSipPeer carol, int carolMark, JsSipPeer dave, int daveMark) {
        List<Map<String, Object>> all = carol.events().subList(carolMark, carol.events().size());
        double t0 = all.stream().filter(e -> e.containsKey("callStartedAt") && JsSipPeer.number(e.get("callStartedAt")) > 0)
                .mapToDouble(e -> JsSipPeer.number(e.get("callStartedAt"))).findFirst().orElse(0);
        List<String[]> rows = new ArrayList<>();
        for (JsSipPeer p : new JsSipPeer[] {carol, dave}) {
            List<Map<String, Object>> ev = p.events().subList(p == carol ? carolMark : daveMark, p.events().size());
            for (Map<String, Object> e : ev) {
                String what = String.valueOf(e.get("event"));
                if (what.equals("sdp")) {
                    what += " " + e.get("originator") + " " + e.get("type");
                } else if (what.equals("candidate")) {
                    String c = String.valueOf(e.get("candidate"));
                    what += " " + (c.isEmpty() ? "(end)" : String.join(" ", java.util.Arrays.copyOfRange(c.split(" "), 4, Math.min(8, c.split(" ").length))));
                } else if (e.containsKey("state")) {
                    what += " " + e.get("state");
                } else if (e.containsKey("status") && JsSipPeer.number(e.get("status")) > 0) {
                    what += " " + (int) JsSipPeer.number(e.get("status"));
                }
                rows.add(new String[] {String.format(Locale.ROOT, "%012.1f", JsSipPeer.number(e.get("at")) - t0 + 1e6),
                        String.format(Locale.ROOT, "  %7.1f ms %-5s %s%n", JsSipPeer.number(e.get("at")) - t0,
                                p.name().replace("bench-", ""), what)});
            }
        }
        rows.sort(java.util.Comparator.comparing(r -> r[0]));
        return rows.stream().map(r -> r[1]).collect(Collectors.joining());
    }

    private static String chromiumVersion() {
        try {
            Process p = new ProcessBuilder(JsSipPeer.CHROMIUM, "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            String[] lines = v.split("\n");
            return lines[lines.length - 1].replaceAll("^Chromium ", "").replaceAll(" built on.*", "");
        } catch (Exception e) {
            return "?";
        }
    }

    private static String pw() {
        return "p-" + UUID.randomUUID();
    }

    private static double median(List<Double> v) {
        assertTrue(!v.isEmpty(), "no samples");
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return pct(s, 50);
    }

    private static String stats(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return String.format(Locale.ROOT, "median %6.1f ms, p90 %6.1f ms, min %6.1f ms, max %6.1f ms", pct(s, 50), pct(s, 90),
                s.get(0), s.get(s.size() - 1));
    }

    private static double pct(List<Double> sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }
}
