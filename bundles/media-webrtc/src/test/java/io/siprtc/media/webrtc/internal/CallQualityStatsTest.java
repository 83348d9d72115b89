package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quality figures of a real libwebrtc call on 127.0.0.1: RTT (RTCP arrives a few seconds
 * in), jitter, loss, bitrates, the selected pair's candidate types and the E-model MOS.
 */
class CallQualityStatsTest {

    private static final Pattern HOST_CANDIDATE = Pattern.compile(
            "a=candidate:(\\S+) (\\d+) (\\S+) (\\d+) (\\S+) (\\d+) typ host(.*)");

    private final WebRtcMediaEngine engine = new WebRtcMediaEngine();

    @BeforeEach
    void activate() {
        engine.activate(new LoopbackCalls.Config());
    }

    @AfterEach
    void deactivate() {
        engine.deactivate();
    }

    @Test
    void aLoopbackCallReportsPlausibleQualityFigures() throws Exception {
        MediaSession alice = engine.createSession(new MediaSessionConfig("alice", LoopbackCalls.ALICE_HZ, LOOPBACK));
        MediaSession bob = engine.createSession(new MediaSessionConfig("bob", LoopbackCalls.BOB_HZ, LOOPBACK));
        SessionDescription offer = loopbackOnly(get(alice.createOffer()));
        get(bob.setRemoteDescription(offer));
        SessionDescription answer = loopbackOnly(get(bob.createAnswer()));
        get(alice.setRemoteDescription(answer));

        // before RTCP, the ICE checks give a round trip (libwebrtc's whole milliseconds: 0 on loopback)
        MediaStats early = await(alice, s -> s.packetsReceived() > 0 && s.roundTripTimeMs() >= 0 && s.mos() > 0, 10);
        assertTrue(early.roundTripTimeMs() < 50, early.toString());
        // the first RTCP report with a round trip comes 2.5 to 7.5 s in (libwebrtc's audio interval is 5 s)
        MediaStats a = await(alice, s -> s.roundTripTimeMs() > 0 && s.receiveKbps() > 0, 20);
        MediaStats b = await(bob, s -> s.roundTripTimeMs() > 0 && s.receiveKbps() > 0, 20);
        for (MediaStats s : new MediaStats[] {a, b}) {
            String why = s + " jitter buffer " + s.jitterBufferMs() + " ms, pair types " + s.localCandidateType() + "/"
                    + s.remoteCandidateType();
            System.out.println("quality: " + why);
            assertTrue(s.roundTripTimeMs() > 0 && s.roundTripTimeMs() < 50, "rtt: " + why);
            assertTrue(s.jitterMs() >= 0 && s.jitterMs() < 30, "jitter: " + why);
            assertEquals(0, s.packetsLost(), why);
            assertEquals(0, s.fractionLost(), why);
            // Opus voice at libwebrtc's default 32 kbit/s target (payload only; a tone may take less)
            assertTrue(s.sendKbps() > 5 && s.sendKbps() < 100, "send: " + why);
            assertTrue(s.receiveKbps() > 5 && s.receiveKbps() < 100, "receive: " + why);
            // 20-80 ms idle; 155 ms seen with the machine's two cores busy
            assertTrue(s.jitterBufferMs() >= 0 && s.jitterBufferMs() < 400, "jitter buffer: " + why);
            assertTrue(Set.of("host", "prflx").contains(s.localCandidateType()), "local type: " + why);
            assertTrue(Set.of("host", "prflx").contains(s.remoteCandidateType()), "remote type: " + why);
            assertTrue(s.candidatePair().contains(" <-> ") && s.candidatePair().split(" <-> ")[1].contains(LOOPBACK + ":"),
                    "the far end is on loopback: " + why);
            assertTrue(s.mos() >= 4 && s.mos() <= 4.5, "mos: " + why);
            assertTrue(s.codec().startsWith("opus"), why);
        }
        alice.close();
        bob.close();
    }

    /** Polls fresh stats (each read asks for the next report) until the check holds, bounded. */
    private static MediaStats await(MediaSession s, Predicate<MediaStats> check, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        MediaStats last = s.stats();
        while (!check.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = s.stats();
        }
        assertTrue(check.test(last), s.id() + ": " + last);
        return last;
    }

    /**
     * What the gateway's AdvertisedAddressRule does: every IPv4 host candidate advertises
     * 127.0.0.1 (the sockets are bound to the any-address), other candidates are dropped, so
     * media goes to loopback only, never to the machine's other addresses.
     */
    static SessionDescription loopbackOnly(SessionDescription d) {
        StringBuilder out = new StringBuilder();
        for (String line : d.sdp().split("\r\n")) {
            if (line.startsWith("a=candidate:")) {
                Matcher m = HOST_CANDIDATE.matcher(line);
                if (!m.matches() || m.group(5).contains(":") || !m.group(3).equalsIgnoreCase("udp")) {
                    continue;
                }
                line = "a=candidate:" + m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4) + " "
                        + LOOPBACK + " " + m.group(6) + " typ host" + m.group(7);
            } else if (line.startsWith("c=IN ")) {
                line = "c=IN IP4 " + LOOPBACK;
            }
            out.append(line).append("\r\n");
        }
        String sdp = out.toString();
        assertTrue(sdp.contains("a=candidate:") && sdp.contains(" " + LOOPBACK + " "), sdp);
        return d.type() == SessionDescription.Type.OFFER ? SessionDescription.offer(sdp) : SessionDescription.answer(sdp);
    }
}
