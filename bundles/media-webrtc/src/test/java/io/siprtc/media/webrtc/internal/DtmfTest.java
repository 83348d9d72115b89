package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.await;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.hears;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

/** RFC 4733 telephone events on a real call. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DtmfTest {

    @RegisterExtension
    static final EngineSessions MEDIA = new EngineSessions();

    private final WebRtcMediaEngine engine = MEDIA.engine;
    private final List<MediaSession> sessions = MEDIA.sessions;
    private MediaSession alice;
    private MediaSession bob;

    @Test
    void tonesAreSentInOrderAndTheFarEndDecodesThem() throws Exception {
        open();
        assertFalse(alice.canInsertDtmf(), "nothing negotiated yet");
        call();
        assertTrue(alice.canInsertDtmf());
        BlockingQueue<String> tones = tonesOf(alice);

        get(alice.insertDtmf("123#", 100, 70));
        assertEquals(List.of("1", "2", "3", "#", ""), take(tones, 5), "each tone as libwebrtc starts it, then the end");

        assertHeardAsLongAsAsked(tones);
    }

    /**
     * Chromium offers telephone-event at 48000 and 8000 Hz; libwebrtc sent Opus's digits at 8000
     * with lengths counted in 8 kHz samples against 48 kHz timestamps, so that each lasted a sixth
     * of what was asked (a 100 ms digit: one frame). Only the 48000 one is kept now.
     */
    @Test
    void withOpusTheDigitsGoAsTelephoneEventsAt48000() throws Exception {
        open();
        call();
        assertEquals(1, ((WebRtcMediaSession) alice).dtmf().durationFactor());
        assertHeardAsLongAsAsked(tonesOf(alice));
    }

    /**
     * A far end offering Opus with telephone-event/8000 only (baresip does): libwebrtc must send
     * at 8000 Hz, and each digit is asked six times as long so that it lasts as long as wanted.
     */
    @Test
    void withTelephoneEventAt8000OnlyTheDigitsStillLastAsLongAsAsked() throws Exception {
        open();
        String offer = get(alice.createOffer()).sdp();
        String only8000 = offer.replaceAll("a=rtpmap:(\\d+) telephone-event/48000\r\n", "")
                .replace(" 110 126", " 126");
        assertTrue(only8000.contains("m=audio ") && !only8000.contains("telephone-event/48000")
                && only8000.contains(" 126\r\n"), only8000);
        get(bob.setRemoteDescription(SessionDescription.offer(only8000)));
        get(alice.setRemoteDescription(get(bob.createAnswer())));
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));
        assertEquals(6, ((WebRtcMediaSession) alice).dtmf().durationFactor());
        assertHeardAsLongAsAsked(tonesOf(alice));
    }

    /**
     * The far end's proof: libwebrtc's receiver (NetEq) renders telephone events as the DTMF tone
     * pair, so bob hears neither alice's 440 Hz nor silence. '#' is 941 Hz + 1477 Hz; the
     * zero-crossing meter reads a frequency between the two, and only over a whole half-second
     * window within the event: a 900 ms digit shows it, one cut to a sixth of that does not.
     */
    private void assertHeardAsLongAsAsked(BlockingQueue<String> tones) throws Exception {
        tones.clear();
        get(alice.insertDtmf("#", 900, 30));
        await(bob, s -> s.receivedToneHz() >= 900 && s.receivedToneHz() <= 1500); // measured: 920-1030 Hz
        assertEquals(List.of("#", ""), take(tones, 2));
        await(bob, hears(ALICE_HZ)); // and the tone comes back after the event
    }

    @Test
    void aSecondRequestWaitsForTheFirstInsteadOfReplacingIt() throws Exception {
        open();
        call();
        BlockingQueue<String> tones = tonesOf(alice);
        get(alice.insertDtmf("12", 60, 40));
        get(alice.insertDtmf("a*", 60, 40)); // libwebrtc alone would drop the "2" still waiting
        assertEquals(List.of("1", "2", "", "A", "*", ""), take(tones, 6));
    }

    @Test
    void invalidInputFailsWithAMediaException() throws Exception {
        open();
        call();
        assertInvalid(alice.insertDtmf("12x", 100, 70));
        assertInvalid(alice.insertDtmf("", 100, 70));
        assertInvalid(alice.insertDtmf(null, 100, 70));
        assertInvalid(alice.insertDtmf("1", 39, 70));
        assertInvalid(alice.insertDtmf("1", 6001, 70));
        assertInvalid(alice.insertDtmf("1", 100, 29));
        BlockingQueue<String> tones = tonesOf(alice);
        get(alice.insertDtmf("9", 40, 30)); // the limits themselves are fine
        assertEquals(List.of("9", ""), take(tones, 2));
    }

    @Test
    void withoutTelephoneEventNegotiatedThereIsNoDtmf() throws Exception {
        open();
        SessionDescription offer = get(alice.createOffer());
        String withoutEvents = withoutTelephoneEvent(offer.sdp());
        assertFalse(withoutEvents.contains("telephone-event"), withoutEvents);
        get(bob.setRemoteDescription(SessionDescription.offer(withoutEvents)));
        SessionDescription answer = get(bob.createAnswer());
        assertFalse(answer.sdp().contains("telephone-event"), answer.sdp());
        get(alice.setRemoteDescription(answer));
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));

        assertFalse(alice.canInsertDtmf());
        assertFalse(bob.canInsertDtmf());
        MediaException e = assertFailed(bob.insertDtmf("1", 100, 70));
        assertEquals(488, e.sipStatus(), e.getMessage());
    }

    @Test
    void afterCloseDtmfFailsCleanly() throws Exception {
        open();
        call();
        BlockingQueue<String> tones = tonesOf(alice);
        get(alice.insertDtmf("1", 40, 30));
        assertEquals(List.of("1", ""), take(tones, 2));
        alice.close();
        assertFalse(alice.canInsertDtmf());
        MediaException e = assertFailed(alice.insertDtmf("1", 100, 70));
        assertEquals(487, e.sipStatus(), e.getMessage());
        assertFailed(alice.insertDtmf("bad!", 100, 70));
    }

    private void call() throws Exception {
        negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));
    }

    /** Drops the telephone-event payload types from the audio m-line and their attributes. */
    private static String withoutTelephoneEvent(String sdp) {
        List<String> types = new ArrayList<>();
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("a=rtpmap:") && line.contains(" telephone-event/")) {
                types.add(line.substring("a=rtpmap:".length(), line.indexOf(' ')));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : sdp.split("\r\n")) {
            String pt = line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:")
                    ? line.substring(line.indexOf(':') + 1, line.indexOf(' ')) : null;
            if (pt != null && types.contains(pt)) {
                continue;
            }
            if (line.startsWith("m=audio ")) {
                StringBuilder m = new StringBuilder();
                for (String f : line.split(" ")) {
                    if (!types.contains(f) || m.length() == 0) {
                        m.append(m.length() == 0 ? "" : " ").append(f);
                    }
                }
                line = m.toString();
            }
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    private static List<String> take(BlockingQueue<String> tones, int n) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String t = tones.poll(5, TimeUnit.SECONDS);
            if (t == null) {
                break;
            }
            got.add(t);
        }
        return got;
    }

    private static void assertInvalid(java.util.concurrent.CompletionStage<Void> stage) {
        MediaException e = assertFailed(stage);
        assertEquals(400, e.sipStatus(), e.getMessage());
    }

    private static MediaException assertFailed(java.util.concurrent.CompletionStage<Void> stage) {
        Exception e = assertThrows(Exception.class, () -> get(stage));
        assertTrue(e instanceof MediaException, e.toString());
        return (MediaException) e;
    }

    private BlockingQueue<String> tonesOf(MediaSession s) {
        BlockingQueue<String> tones = new LinkedBlockingQueue<>();
        ((WebRtcMediaSession) s).dtmf().addToneListener(tones::add);
        return tones;
    }

    private void open() throws Exception {
        alice = engine.createSession(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
        sessions.add(alice);
        bob = engine.createSession(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        sessions.add(bob);
    }
}
