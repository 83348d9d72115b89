package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.LiveMedia.awaitMedia;
import static io.siprtc.gateway.internal.LiveMedia.hears;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.VideoStats;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The interop matrix's video row: SIPRTC calls and is called by SIPRTC with video (VP8) as well
 * as audio, through a real Kamailio (registrar and record-routing proxy, digest users). Each
 * phone's account sends a synthetic picture of its own colour ({@code video=pattern,color=...})
 * and its own tone; proven both ways on every call: RTP and the far end's tone, video pictures
 * decoded (more than 20 in 2 s at 15 fps) whose mean colour is the far end's, and the codec.
 * Also: H.264 when the caller's codec policy asks for it, and a video phone calling an
 * audio-only one keeps the audio. Captured on lo; no packet may leave loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InteropVideoTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String BOB_PASSWORD = "b-" + UUID.randomUUID();
    private static final int ALICE_RGB = 0xC83232;
    private static final int BOB_RGB = 0x2850C8;
    private static final int COLOUR_TOLERANCE = 30;

    @RegisterExtension
    static final KamailioRig RIG = new KamailioRig("interop-video",
            new Kamailio.Options().user("alice", ALICE_PASSWORD).user("bob", BOB_PASSWORD));

    @Order(1)
    @ParameterizedTest(name = "{0} calls, {1} hangs up")
    @CsvSource({"alice, alice", "bob, alice"})
    void siprtcCallsSiprtcWithVideoThroughKamailio(String caller, String hangsUp) throws Exception {
        try (LivePhone alice = phone("alice", ALICE_PASSWORD, 440.0, "pattern,color=c83232", "");
                LivePhone bob = phone("bob", BOB_PASSWORD, 880.0, "pattern,color=2850c8", "")) {
            Call[] c = call(alice, bob, caller);
            Call aliceCall = caller.equals("alice") ? c[0] : c[1];
            Call bobCall = caller.equals("alice") ? c[1] : c[0];
            proveAudioAndVideo(aliceCall, 880, BOB_RGB, bobCall, 440, ALICE_RGB, "VP8/90000");
            boolean aliceHangsUp = hangsUp.equals("alice");
            InteropCalls.hangUp(aliceHangsUp ? alice : bob, aliceHangsUp ? aliceCall : bobCall,
                    aliceHangsUp ? bob : alice, aliceHangsUp ? bobCall : aliceCall);
        }
    }

    /** The caller's codec policy keeps only H.264 for video (and Opus for audio): both ways H.264. */
    @Order(2)
    @Test
    void theCodecPolicyChoosesH264() throws Exception {
        try (LivePhone alice = phone("alice", ALICE_PASSWORD, 440.0, "pattern,color=c83232", "codecs=opus,H264");
                LivePhone bob = phone("bob", BOB_PASSWORD, 880.0, "pattern,color=2850c8", "")) {
            Call[] c = call(alice, bob, "alice");
            proveAudioAndVideo(c[0], 880, BOB_RGB, c[1], 440, ALICE_RGB, "H264/90000");
            InteropCalls.hangUp(alice, c[0], bob, c[1]);
        }
    }

    /** A video phone calls an audio-only phone (bob's account has no video): the call and its audio are as before. */
    @Order(3)
    @Test
    void aVideoCallToAnAudioOnlyPhoneKeepsTheAudio() throws Exception {
        try (LivePhone alice = phone("alice", ALICE_PASSWORD, 440.0, "pattern,color=c83232", "");
                LivePhone bob = phone("bob", BOB_PASSWORD, 880.0, "", "")) {
            Call[] c = call(alice, bob, "alice");
            InteropCalls.proveMedia(c[0], 880, c[1], 440, onLoopback());
            MediaStats a = awaitMedia(c[0], hears(880));
            assertEquals(0, a.video().framesDelivered(), "alice receives no video from an audio-only phone: " + a);
            assertEquals(0, awaitMedia(c[0], hears(880)).video().packetsSent(),
                    "bob's answer refused alice's video: she sends none to be thrown away");
            assertEquals(VideoStats.NONE, c[1].mediaStats().video(), "bob's call has no video");
            InteropCalls.hangUp(bob, c[1], alice, c[0]);
        }
    }

    /**
     * Mute and video off through the CallService, mid-call and without renegotiation: bob hears
     * silence while alice's RTP goes on, then sees black pictures; unmuted and on again, her tone
     * and colour come back.
     */
    @Order(4)
    @Test
    void muteAndVideoOffReachTheFarEnd() throws Exception {
        try (LivePhone alice = phone("alice", ALICE_PASSWORD, 440.0, "pattern,color=c83232", "");
                LivePhone bob = phone("bob", BOB_PASSWORD, 880.0, "pattern,color=2850c8", "")) {
            Call[] c = call(alice, bob, "alice");
            proveAudioAndVideo(c[0], 880, BOB_RGB, c[1], 440, ALICE_RGB, "VP8/90000");
            alice.gateway.setMuted(c[0].id(), true);
            assertTrue(c[0].isMuted());
            long packets = c[1].mediaStats().packetsReceived();
            MediaStats silent = awaitMedia(c[1], s -> s.receivedToneHz() == 0 && s.receivedLevelDbfs() < -60
                    && s.packetsReceived() > packets + 10);
            System.out.println("[video] alice muted, bob hears " + silent.receivedLevelDbfs() + " dBFS, " + silent);
            awaitMedia(c[0], hears(880)); // only alice's sending is muted
            alice.gateway.setVideoMuted(c[0].id(), true);
            assertTrue(c[0].isVideoMuted());
            MediaStats black = awaitMedia(c[1], s -> near(0x000000, s.video().receivedAverageRgb()));
            System.out.println(String.format(Locale.ROOT, "[video] alice's video off, bob sees #%06x",
                    black.video().receivedAverageRgb()));
            alice.gateway.setMuted(c[0].id(), false);
            alice.gateway.setVideoMuted(c[0].id(), false);
            awaitMedia(c[1], hears(440).and(s -> near(ALICE_RGB, s.video().receivedAverageRgb())));
            InteropCalls.hangUp(alice, c[0], bob, c[1]);
        }
    }

    /** Runs last: the calls above were captured on lo, and none of their packets left loopback. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPacketLeftLoopback() throws Exception {
        RIG.assertNothingLeftLoopback("SIP");
    }

    // ---- steps and proofs ----------------------------------------------------------------

    /** Both registered, then {@code caller} calls the other: {caller's call, callee's call}. */
    private static Call[] call(LivePhone alice, LivePhone bob, String caller) throws Exception {
        alice.account.awaitRegistered();
        bob.account.awaitRegistered();
        boolean aliceCalls = caller.equals("alice");
        return InteropCalls.connect(aliceCalls ? alice : bob, aliceCalls ? bob : alice, aliceCalls ? "bob" : "alice");
    }

    /**
     * Alice's call {@code a} and bob's {@code b}: audio both ways (RTP, the far end's tone, a
     * 127.0.0.1 pair), then video both ways: the codec, more than 20 pictures decoded in 2 s, the
     * far end's colour, 320x240 received, and the tones still heard.
     */
    private static void proveAudioAndVideo(Call a, double aHears, int aSees, Call b, double bHears, int bSees,
            String codec) throws InterruptedException {
        InteropCalls.proveMedia(a, aHears, b, bHears, onLoopback());
        Predicate<MediaStats> video = s -> s.video().framesDelivered() > 0 && s.video().receivedAverageRgb() >= 0;
        long[] before = {awaitMedia(a, video).video().framesDelivered(), awaitMedia(b, video).video().framesDelivered()};
        Thread.sleep(2000);
        a.mediaStats(); // each reading returns the last report and asks for the next: make that one fresh
        b.mediaStats();
        Thread.sleep(200);
        MediaStats sa = awaitMedia(a, hears(aHears).and(s -> codec.equals(s.video().codec())));
        MediaStats sb = awaitMedia(b, hears(bHears).and(s -> codec.equals(s.video().codec())));
        long[] during = {sa.video().framesDelivered() - before[0], sb.video().framesDelivered() - before[1]};
        System.out.println("[video] alice: " + sa + "\n[video] bob:   " + sb);
        System.out.println(String.format(Locale.ROOT, "[video] in 2 s: alice decoded %d pictures, bob %d", during[0],
                during[1]));
        assertTrue(during[0] > 20 && during[1] > 20, "pictures decoded in 2 s at 15 fps: " + during[0] + " / " + during[1]);
        assertColour(aSees, sa.video().receivedAverageRgb(), "alice sees bob's colour");
        assertColour(bSees, sb.video().receivedAverageRgb(), "bob sees alice's colour");
        for (MediaStats s : new MediaStats[] {sa, sb}) {
            assertEquals(320, s.video().receivedWidth(), s.toString());
            assertEquals(240, s.video().receivedHeight(), s.toString());
            assertTrue(s.video().framesSent() > 20 && s.video().packetsReceived() > 0, s.toString());
        }
    }

    private static Predicate<MediaStats> onLoopback() {
        return s -> s.candidatePair().contains("127.0.0.1:") && !s.candidatePair().contains("relay");
    }

    private static boolean near(int expected, int actual) {
        if (actual < 0) {
            return false;
        }
        for (int shift = 16; shift >= 0; shift -= 8) {
            if (Math.abs(((expected >> shift) & 0xFF) - ((actual >> shift) & 0xFF)) > COLOUR_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private static void assertColour(int expected, int actual, String what) {
        assertTrue(near(expected, actual), String.format(Locale.ROOT, "%s: #%06x, expected #%06x", what, actual, expected));
    }

    private static LivePhone phone(String user, String password, double toneHz, String video, String codecPolicy) {
        return RIG.phone(user, password, "udp", toneHz, Map.of("video", video, "codec_policy", codecPolicy));
    }
}
