package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.await;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.fresh;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.hears;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.media.VideoFrame;
import io.siprtc.api.media.VideoSource;
import io.siprtc.api.media.VideoStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

/**
 * Video beside audio over real libwebrtc calls on 127.0.0.1: each side sends its own synthetic
 * pattern (a colour with a moving square) and its own tone; each side's decoded pictures are
 * counted and show the far end's colour and a square that moves, and each still hears the far
 * end's tone. VP8 by default, H.264 when the offer prefers it; hold and resume apply to the
 * video; receive-only sees without sending; audio-only sessions offer no video; a camera on a machine without one is refused at once; the pattern is pushed for many
 * seconds and sessions are closed while frames are pushed and decoded, without an abort.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoCallTest {

    /** Alice's picture: a red; bob's: a blue (neither saturated, so that no channel clips in YUV). */
    static final int ALICE_RGB = 0xC83232;
    static final int BOB_RGB = 0x2850C8;
    /** Per channel, mean colour of a decoded picture against the sender's (the moving square counts 1.6 %). */
    static final int COLOUR_TOLERANCE = 30;

    @RegisterExtension
    static final EngineSessions MEDIA = new EngineSessions();

    private final WebRtcMediaEngine engine = MEDIA.engine;
    private final List<MediaSession> sessions = MEDIA.sessions;

    private MediaSession session(MediaSessionConfig config) throws Exception {
        MediaSession s = engine.createSession(config);
        sessions.add(s);
        return s;
    }

    private MediaSession[] videoCall(VideoSource alice, VideoSource bob) throws Exception {
        return new MediaSession[] {session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK).withVideo(alice)),
            session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK).withVideo(bob))};
    }

    @Test
    void patternsGoBothWaysBesideTheTones() throws Exception {
        MediaSession[] s = videoCall(VideoSource.pattern(ALICE_RGB), VideoSource.pattern(BOB_RGB));
        Frames aliceSees = new Frames();
        Frames bobSees = new Frames();
        s[0].addVideoFrameListener(aliceSees::accept);
        s[1].addVideoFrameListener(bobSees::accept);
        SessionDescription[] sdp = negotiate(s[0], s[1]);
        assertEquals(2, count(sdp[0].sdp(), "\r\nm="), sdp[0].sdp());
        assertTrue(sdp[0].sdp().contains("\r\nm=video "), sdp[0].sdp());
        assertTrue(sdp[1].sdp().contains("\r\nm=video ") && sdp[1].sdp().contains("VP8/90000"), sdp[1].sdp());
        for (SessionDescription d : sdp) {
            for (String line : d.sdp().split("\r\n")) {
                // (a bundled section of an answer has no candidate and libwebrtc's placeholder c=IN IP4 0.0.0.0)
                if (line.startsWith("a=candidate:") || line.startsWith("c=") && !line.equals("c=IN IP4 0.0.0.0")) {
                    assertTrue(line.contains(" 127.0.0.1"), "only the media address: " + line + "\n" + d.sdp());
                }
            }
        }

        await(s[0], hears(BOB_HZ).and(x -> x.video().framesDelivered() > 0));
        await(s[1], hears(ALICE_HZ).and(x -> x.video().framesDelivered() > 0));
        long[] before = {aliceSees.count.get(), bobSees.count.get()};
        VideoFrame[] first = {aliceSees.last.get(), bobSees.last.get()};
        Thread.sleep(2000);
        long[] during = {aliceSees.count.get() - before[0], bobSees.count.get() - before[1]};
        report("2 s of 320x240@15: alice received " + during[0] + " frames, bob " + during[1]);
        assertTrue(during[0] > 20 && during[1] > 20, "frames received in 2 s at 15 fps: " + during[0] + " / " + during[1]);

        proveFarPicture(aliceSees.last.get(), first[0], BOB_RGB, "alice sees bob");
        proveFarPicture(bobSees.last.get(), first[1], ALICE_RGB, "bob sees alice");

        MediaStats a = await(s[0], hears(BOB_HZ));
        MediaStats b = await(s[1], hears(ALICE_HZ));
        for (MediaStats m : new MediaStats[] {fresh(s[0]), fresh(s[1])}) {
            VideoStats v = m.video();
            report(m.toString());
            assertEquals("VP8/90000", v.codec(), m.toString());
            assertTrue(v.framesSent() > 20 && v.framesDecoded() > 20 && v.framesReceived() > 20, v.toString());
            assertEquals(320, v.sentWidth(), v.toString());
            assertEquals(240, v.receivedHeight(), v.toString());
            assertTrue(v.packetsSent() > 0 && v.packetsReceived() > 0 && v.receiveKbps() > 0, v.toString());
            assertTrue(m.codec().startsWith("opus/48000"), "the audio figures stay the audio's: " + m);
        }
        assertColour(BOB_RGB, fresh(s[0]).video().receivedAverageRgb(), "alice's stats: bob's colour");
        assertColour(ALICE_RGB, fresh(s[1]).video().receivedAverageRgb(), "bob's stats: alice's colour");
        assertTrue(a.packetsReceived() > 0 && b.packetsReceived() > 0);
    }

    /** Video off ("camera off"): the far end gets black pictures, no renegotiation, audio untouched; on again brings the pattern back. */
    @Test
    void videoOffSendsBlackPicturesAndOnBringsThePatternBack() throws Exception {
        MediaSession[] s = videoCall(VideoSource.pattern(ALICE_RGB), VideoSource.pattern(BOB_RGB));
        Frames bobSees = new Frames();
        s[1].addVideoFrameListener(bobSees::accept);
        negotiate(s[0], s[1]);
        await(s[1], hears(ALICE_HZ).and(x -> x.video().framesDelivered() > 5));
        assertColour(ALICE_RGB, bobSees.last.get().averageRgb(), "bob sees alice before");
        get(s[0].setVideoMuted(true));
        assertTrue(s[0].isVideoMuted());
        long atOff = bobSees.count.get();
        int seen = awaitColour(bobSees, 0x000000);
        long atBlack = bobSees.count.get();
        report(String.format(Locale.ROOT, "video off: bob's pictures go #%06x after %d pictures", seen, atBlack - atOff));
        Thread.sleep(1000);
        long during = bobSees.count.get() - atBlack;
        assertTrue(during > 5, "pictures go on coming while video is off: " + during + " in 1 s");
        assertColour(0x000000, bobSees.last.get().averageRgb(), "bob's pictures stay black");
        await(s[1], hears(ALICE_HZ)); // the audio is untouched
        await(s[0], hears(BOB_HZ).and(x -> x.video().framesDelivered() > 0));
        assertColour(BOB_RGB, s[0].stats().video().receivedAverageRgb(), "alice still sees bob");
        get(s[0].setVideoMuted(false));
        assertFalse(s[0].isVideoMuted());
        awaitColour(bobSees, ALICE_RGB);
    }

    @Test
    void videoOffOnAnAudioOnlySessionKeepsTheStateOnly() throws Exception {
        MediaSession a = session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
        get(a.setVideoMuted(true));
        assertTrue(a.isVideoMuted());
        get(a.setVideoMuted(false));
        assertFalse(a.isVideoMuted());
    }

    /** Waits (5 s at most) for the last picture seen to show a colour; returns it. */
    private static int awaitColour(Frames frames, int rgb) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        int last = -1;
        while (System.nanoTime() < deadline) {
            VideoFrame f = frames.last.get();
            last = f == null ? -1 : f.averageRgb();
            if (last >= 0 && close(rgb, last)) {
                return last;
            }
            Thread.sleep(50);
        }
        assertColour(rgb, last, "the last picture within 5 s");
        return last;
    }

    private static boolean close(int expected, int actual) {
        for (int shift = 16; shift >= 0; shift -= 8) {
            if (Math.abs(((expected >> shift) & 0xFF) - ((actual >> shift) & 0xFF)) > COLOUR_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Hold (sendonly) stops the far end's pictures to the holder with the far end's audio; resume brings both back. */
    @Test
    void holdAndResumeApplyToTheVideoToo() throws Exception {
        MediaSession[] s = videoCall(VideoSource.pattern(ALICE_RGB), VideoSource.pattern(BOB_RGB));
        negotiate(s[0], s[1]);
        await(s[0], hears(BOB_HZ).and(x -> x.video().framesDelivered() > 5));
        get(s[0].setDirection(io.siprtc.api.media.MediaDirection.SENDONLY));
        SessionDescription[] held = negotiate(s[0], s[1]);
        String offerVideo = held[0].sdp().substring(held[0].sdp().indexOf("m=video"));
        assertTrue(offerVideo.contains("a=sendonly"), offerVideo);
        Thread.sleep(500);
        long atHold = s[0].stats().video().framesDelivered();
        Thread.sleep(1000);
        long during = s[0].stats().video().framesDelivered() - atHold;
        await(s[1], x -> x.video().framesDelivered() > 0);
        long bobBefore = s[1].stats().video().framesDelivered();
        Thread.sleep(1000);
        long bobDuring = s[1].stats().video().framesDelivered() - bobBefore;
        report("on hold for 1 s: alice (holding) got " + during + " pictures, bob " + bobDuring);
        assertTrue(during <= 1, "the held side receives no pictures: " + during);
        assertTrue(bobDuring > 10, "the holder still sends: " + bobDuring);
        get(s[0].setDirection(io.siprtc.api.media.MediaDirection.SENDRECV));
        negotiate(s[0], s[1]);
        long resumed = s[0].stats().video().framesDelivered();
        await(s[0], hears(BOB_HZ).and(x -> x.video().framesDelivered() > resumed + 10));
    }

    @Test
    void h264IsUsedWhenTheOfferPrefersIt() throws Exception {
        MediaSession[] s = videoCall(VideoSource.pattern(ALICE_RGB), VideoSource.pattern(BOB_RGB));
        Frames aliceSees = new Frames();
        Frames bobSees = new Frames();
        s[0].addVideoFrameListener(aliceSees::accept);
        s[1].addVideoFrameListener(bobSees::accept);
        SessionDescription offer = get(s[0].createOffer());
        String h264First = Sdps.preferVideo(offer.sdp(), "H264");
        get(s[1].setRemoteDescription(SessionDescription.offer(h264First)));
        SessionDescription answer = get(s[1].createAnswer());
        get(s[0].setRemoteDescription(answer));

        await(s[0], hears(BOB_HZ).and(x -> x.video().framesDelivered() > 15));
        await(s[1], hears(ALICE_HZ).and(x -> x.video().framesDelivered() > 15));
        for (MediaSession m : s) {
            VideoStats v = fresh(m).video();
            report(m.id() + " " + v + " encoder " + v.encoder() + " decoder " + v.decoder());
            assertEquals("H264/90000", v.codec(), v.toString());
        }
        proveFarPicture(aliceSees.last.get(), null, BOB_RGB, "alice sees bob (H.264)");
        proveFarPicture(bobSees.last.get(), null, ALICE_RGB, "bob sees alice (H.264)");
    }

    @Test
    void audioOnlySessionsOfferNoVideo() throws Exception {
        MediaSession alice = session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        SessionDescription[] sdp = negotiate(alice, bob);
        assertEquals(1, count(sdp[0].sdp(), "\r\nm="), sdp[0].sdp());
        assertFalse(sdp[0].sdp().contains("m=video"), sdp[0].sdp());
        await(alice, hears(BOB_HZ));
        assertEquals(VideoStats.NONE, alice.stats().video());
        alice.addVideoFrameListener(f -> {
            throw new AssertionError("no video in an audio-only session");
        });
    }

    @Test
    void aVideoOfferToAnAudioOnlySessionKeepsTheAudio() throws Exception {
        MediaSession alice = session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK)
                .withVideo(VideoSource.pattern(ALICE_RGB)));
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        SessionDescription[] sdp = negotiate(alice, bob);
        report("answer of an audio-only session to a video offer:\n" + sdp[1].sdp());
        String answerVideo = sdp[1].sdp().substring(sdp[1].sdp().indexOf("\r\nm=video "));
        assertTrue(answerVideo.startsWith("\r\nm=video 0 ") || answerVideo.contains("\r\na=inactive\r\n"),
                "the video is refused (port 0 or inactive): " + answerVideo);
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));
        MediaStats a = fresh(alice);
        assertEquals(0, a.video().framesDelivered(), a.toString());
        assertEquals(0, a.video().framesSent(), "alice sends no video to be thrown away: " + a);
        assertEquals(0, a.video().packetsSent(), a.toString());
        assertEquals(VideoStats.NONE, bob.stats().video());
        // re-offers (hold and resume) still go through with the refused video, and the audio comes back
        get(alice.setDirection(io.siprtc.api.media.MediaDirection.SENDONLY));
        SessionDescription[] held = negotiate(alice, bob);
        report("re-answer of the audio-only session while held:\n" + held[1].sdp());
        get(alice.setDirection(io.siprtc.api.media.MediaDirection.SENDRECV));
        SessionDescription[] resumed = negotiate(alice, bob);
        String video = resumed[1].sdp().substring(resumed[1].sdp().indexOf("\r\nm=video "));
        assertTrue(video.startsWith("\r\nm=video 0 ") || video.contains("\r\na=inactive\r\n"), video);
        long before = fresh(bob).packetsReceived();
        await(bob, hears(ALICE_HZ).and(x -> x.packetsReceived() > before + 20));
        await(alice, hears(BOB_HZ));
        assertEquals(0, fresh(alice).video().packetsSent(), "still no video sent after the re-offers");
    }

    @Test
    void receiveOnlySeesTheFarEndAndSendsNothing() throws Exception {
        MediaSession[] s = videoCall(VideoSource.receiveOnly(), VideoSource.pattern(BOB_RGB));
        Frames aliceSees = new Frames();
        s[0].addVideoFrameListener(aliceSees::accept);
        SessionDescription[] sdp = negotiate(s[0], s[1]);
        assertTrue(sdp[0].sdp().contains("a=recvonly"), sdp[0].sdp());
        await(s[0], hears(BOB_HZ).and(x -> x.video().framesDelivered() > 10));
        proveFarPicture(aliceSees.last.get(), null, BOB_RGB, "receive-only alice sees bob");
        VideoStats bob = fresh(s[1]).video();
        assertEquals(0, bob.framesDecoded(), bob.toString());
        assertEquals(0, fresh(s[0]).video().framesSent());
    }

    @Test
    void aCameraOnAMachineWithoutOneIsRefusedAtOnce() throws Exception {
        assumeTrue(VideoDevices.nodeProblem() != null, "this machine has a /dev/video* node");
        int open = engine.openSessions();
        MediaException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(MediaException.class,
                () -> engine.createSession(new MediaSessionConfig("cam", ALICE_HZ, LOOPBACK)
                        .withVideo(VideoSource.device("")))));
        report("refused: " + e.getMessage());
        assertTrue(e.getMessage().contains("no /dev/video*"), e.getMessage());
        assertEquals(open, engine.openSessions());
        assertEquals(List.of(), assertTimeoutPreemptively(Duration.ofSeconds(5), engine::videoDevices));
    }

    /** 640x480 at 30 fps both ways for 10 s: every frame pushed by the sessions' threads, no abort, frames all along. */
    @Test
    void thePatternIsPushedForSecondsWithoutTrouble() throws Exception {
        int seconds = Integer.getInteger("video.soak.seconds", 10);
        MediaSession[] s = videoCall(VideoSource.pattern(640, 480, 30, ALICE_RGB),
                VideoSource.pattern(640, 480, 30, BOB_RGB));
        Frames aliceSees = new Frames();
        Frames bobSees = new Frames();
        s[0].addVideoFrameListener(aliceSees::accept);
        s[1].addVideoFrameListener(bobSees::accept);
        negotiate(s[0], s[1]);
        await(s[0], x -> x.video().framesDelivered() > 0);
        await(s[1], x -> x.video().framesDelivered() > 0);
        long rss0 = rssKb();
        long[] last = {aliceSees.count.get(), bobSees.count.get()};
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            long[] now = {aliceSees.count.get(), bobSees.count.get()};
            assertTrue(now[0] - last[0] > 5 && now[1] - last[1] > 5,
                    "second " + (i + 1) + ": frames " + (now[0] - last[0]) + " / " + (now[1] - last[1]));
            last = now;
            if ((i + 1) % 5 == 0) {
                report(String.format(Locale.ROOT, "after %d s: RSS %+d KB, Java heap committed %d MB",
                        i + 1, rssKb() - rss0, Runtime.getRuntime().totalMemory() >> 20));
            }
        }
        long pushed = ((WebRtcMediaSession) s[0]).video().local().framesPushed();
        report(String.format(Locale.ROOT, "%d s of 640x480@30 both ways: alice pushed %d, received %d; bob received %d;"
                + " RSS %+d KB", seconds, pushed, aliceSees.count.get(), bobSees.count.get(), rssKb() - rss0));
        assertTrue(pushed >= seconds * 25L, "frames pushed: " + pushed);
        proveFarPicture(aliceSees.last.get(), null, BOB_RGB, "alice sees bob at 640x480");
        await(s[0], hears(BOB_HZ));
        await(s[1], hears(ALICE_HZ));
    }

    /**
     * Sessions closed while their patterns are pushed and decoded: the pushers stop, nothing
     * aborts, none stays open, and seven such calls after a warm-up leave threads and file
     * descriptors where they were.
     */
    @Test
    void closingWhileFramesFlowIsSafe() throws Exception {
        int open = engine.openSessions();
        long threads0 = 0;
        long fds0 = 0;
        for (int i = 0; i < 8; i++) {
            if (i == 1) { // after a warm-up call
                threads0 = count(Path.of("/proc/self/task"));
                fds0 = count(Path.of("/proc/self/fd"));
            }
            MediaSession[] s = videoCall(VideoSource.pattern(640, 480, 30, ALICE_RGB),
                    VideoSource.pattern(640, 480, 30, BOB_RGB));
            negotiate(s[0], s[1]);
            await(s[1], x -> x.video().framesDelivered() > 0);
            Thread.sleep(i * 37 % 200);
            MediaSession first = s[i % 2];
            MediaSession second = s[(i + 1) % 2];
            first.close();
            second.close();
            sessions.clear();
            long pushed = ((WebRtcMediaSession) first).video().local().framesPushed();
            Thread.sleep(150);
            assertEquals(pushed, ((WebRtcMediaSession) first).video().local().framesPushed(), "no frame after close");
        }
        assertEquals(open, engine.openSessions());
        Thread.sleep(500);
        long threads = count(Path.of("/proc/self/task")) - threads0;
        long fds = count(Path.of("/proc/self/fd")) - fds0;
        report(String.format(Locale.ROOT, "7 video calls closed while pushing: threads %+d, file descriptors %+d",
                threads, fds));
        // a thread or descriptor per call would be +7; the JVM's own (JIT, GC) and the executor's vary by 1-2
        assertTrue(threads <= 4 && fds <= 4, "threads " + threads + ", descriptors " + fds);
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("siprtc-video-")),
                "a pusher thread outlived its session");
    }

    // ---- proof helpers ------------------------------------------------------------------

    /** The decoded picture shows the sender's colour, and its square has moved since {@code earlier} (when given). */
    static void proveFarPicture(VideoFrame frame, VideoFrame earlier, int senderRgb, String what) {
        assertTrue(frame != null, what + ": no frame");
        int rgb = frame.averageRgb();
        report(String.format(Locale.ROOT, "%s: %dx%d, mean colour #%06x (sent #%06x), square at x=%d", what,
                frame.width(), frame.height(), rgb, senderRgb, squareCentre(frame)));
        assertColour(senderRgb, rgb, what);
        if (earlier != null) {
            assertNotEquals(squareCentre(earlier), squareCentre(frame), what + ": the square moved (a live picture)");
        }
    }

    static void assertColour(int expected, int actual, String what) {
        assertTrue(close(expected, actual), String.format(Locale.ROOT, "%s: colour #%06x, expected #%06x", what, actual, expected));
    }

    /** The x centre of the pattern's square on the picture's middle row: the pixels far from the row's median luma. */
    static int squareCentre(VideoFrame f) {
        byte[] y = f.dataY();
        int row = f.height() / 2 * f.width();
        int[] luma = new int[f.width()];
        for (int x = 0; x < f.width(); x++) {
            luma[x] = y[row + x] & 0xFF;
        }
        int[] sorted = luma.clone();
        java.util.Arrays.sort(sorted);
        int median = sorted[sorted.length / 2];
        long sum = 0;
        int n = 0;
        for (int x = 0; x < luma.length; x++) {
            if (Math.abs(luma[x] - median) > 40) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? -1 : (int) (sum / n);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static long count(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    static void report(String line) {
        System.out.println("[video] " + line);
    }

    /** What a host's listener keeps: how many pictures came, and the last one. */
    static final class Frames {
        final AtomicLong count = new AtomicLong();
        final AtomicReference<VideoFrame> last = new AtomicReference<>();

        void accept(VideoFrame f) {
            count.incrementAndGet();
            last.set(f);
        }
    }

    /** SDP edits a test needs (what a codec policy does in the gateway). */
    static final class Sdps {
        private Sdps() {
        }

        /** The video section's formats of this codec first, the others after in their order. */
        static String preferVideo(String sdp, String codec) {
            String[] lines = sdp.split("\r\n");
            List<String> preferred = new ArrayList<>();
            for (String l : lines) {
                if (l.startsWith("a=rtpmap:") && l.toUpperCase(Locale.ROOT).contains(" " + codec.toUpperCase(Locale.ROOT) + "/")) {
                    preferred.add(l.substring("a=rtpmap:".length(), l.indexOf(' ')));
                }
            }
            StringBuilder out = new StringBuilder();
            for (String l : lines) {
                if (l.startsWith("m=video ")) {
                    String[] p = l.split(" ");
                    List<String> formats = new ArrayList<>(preferred);
                    for (int i = 3; i < p.length; i++) {
                        if (!preferred.contains(p[i])) {
                            formats.add(p[i]);
                        }
                    }
                    l = p[0] + " " + p[1] + " " + p[2] + " " + String.join(" ", formats);
                }
                out.append(l).append("\r\n");
            }
            return out.toString();
        }
    }
}
