package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.media.VideoSource;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The offers and answers the engine writes ({@link GatheredDescription}) are libwebrtc's own
 * local descriptions, read back here once nothing changes them, with the session's candidate
 * filter applied to both: the same lines, the same default candidate, only without the
 * candidates that came after the description went out.
 */
class LocalDescriptionTest {

    @RegisterExtension
    static final EngineSessions MEDIA = new EngineSessions();

    private WebRtcMediaSession session(String label, double hz) throws Exception {
        return session(new MediaSessionConfig(label, hz, LOOPBACK));
    }

    private WebRtcMediaSession session(MediaSessionConfig config) throws Exception {
        WebRtcMediaSession s = (WebRtcMediaSession) MEDIA.engine.createSession(config);
        MEDIA.sessions.add(s);
        return s;
    }

    @Test
    void offersAndAnswersAreLibwebrtcsOwnDescriptions() throws Exception {
        WebRtcMediaSession alice = session("alice", ALICE_HZ);
        WebRtcMediaSession bob = session("bob", BOB_HZ);

        SessionDescription offer = get(alice.createOffer());
        assertSameAsLibwebrtcs(offer, alice);
        get(bob.setRemoteDescription(offer));
        SessionDescription answer = get(bob.createAnswer());
        assertSameAsLibwebrtcs(answer, bob);
        get(alice.setRemoteDescription(answer));

        // a re-offer of the same ICE generation: libwebrtc copied the candidates in, none doubled
        SessionDescription reoffer = get(bob.createOffer());
        assertNotEquals(answer.sdp(), reoffer.sdp());
        assertSameAsLibwebrtcs(reoffer, bob);
        assertEquals(candidates(answer.sdp()).size(), candidates(reoffer.sdp()).size(), reoffer.sdp());
    }

    @Test
    void withVideoAndWithoutRtcpMuxToo() throws Exception {
        WebRtcMediaSession alice = session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK)
                .withVideo(VideoSource.pattern(0xC82828)));
        WebRtcMediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK)
                .withVideo(VideoSource.pattern(0x2828C8)));
        SessionDescription offer = get(alice.createOffer());
        assertTrue(offer.sdp().contains("m=video"), offer.sdp());
        assertSameAsLibwebrtcs(offer, alice);
        get(bob.setRemoteDescription(offer));
        assertSameAsLibwebrtcs(get(bob.createAnswer()), bob);

        // a sip-dtls peer (no rtcp-mux, no BUNDLE): RTCP's own candidates and a=rtcp: in the answer
        WebRtcMediaSession carol = session("carol", ALICE_HZ);
        WebRtcMediaSession dave = session("dave", BOB_HZ);
        String noMux = get(carol.createOffer()).sdp().replace("a=rtcp-mux\r\n", "")
                .replaceAll("a=group:BUNDLE[^\r\n]*\r\n", "");
        get(dave.setRemoteDescription(SessionDescription.offer(noMux)));
        SessionDescription answer = get(dave.createAnswer());
        assertTrue(!answer.sdp().contains("a=rtcp-mux") && answer.sdp().contains(" 2 udp "), answer.sdp());
        assertSameAsLibwebrtcs(answer, dave);
    }

    /** Equal to libwebrtc's description (filtered alike) but for candidates gathered after ours went out. */
    private static void assertSameAsLibwebrtcs(SessionDescription ours, WebRtcMediaSession s) throws Exception {
        Thread.sleep(300); // libwebrtc's gathering goes on after the gate let the description go
        String theirs = new LocalCandidates(LOOPBACK).filterSdp(s.nativeLocalDescription());
        Set<String> sent = candidates(ours.sdp());
        assertTrue(!sent.isEmpty(), ours.sdp());
        String theirsThen = Arrays.stream(theirs.split("\r\n", -1))
                .filter(l -> !l.startsWith("a=candidate:") || sent.contains(l))
                .collect(Collectors.joining("\r\n"));
        assertEquals(theirsThen, ours.sdp(), s.id() + "'s " + ours.type());
        assertTrue(ours.sdp().contains("c=IN IP4 " + LOOPBACK) && !ours.sdp().contains("m=audio 9 "), ours.sdp());
    }

    private static Set<String> candidates(String sdp) {
        return Arrays.stream(sdp.split("\r\n")).filter(l -> l.startsWith("a=candidate:")).collect(Collectors.toSet());
    }
}
