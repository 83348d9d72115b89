package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.await;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaSessionListener;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine without a framework: two sessions in one JVM make a real libwebrtc call on
 * 127.0.0.1 (ICE, DTLS-SRTP, Opus), and each hears the other's tone.
 */
class WebRtcMediaEngineTest {

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
    void twoSessionsHearEachOthersTone() throws Exception {
        MediaSession alice = engine.createSession(new MediaSessionConfig("alice", 440, LOOPBACK));
        MediaSession bob = engine.createSession(new MediaSessionConfig("bob", 880, LOOPBACK));
        assertEquals(2, engine.openSessions());

        SessionDescription offer = get(alice.createOffer());
        assertTrue(offer.sdp().contains("a=candidate:") && offer.sdp().contains(LOOPBACK), "candidates before sending:\n" + offer.sdp());
        get(bob.setRemoteDescription(offer));
        SessionDescription answer = get(bob.createAnswer());
        get(alice.setRemoteDescription(answer));

        MediaStats a = await(alice, s -> s.packetsReceived() > 0 && Math.abs(s.receivedToneHz() - 880) < 880 * 0.02);
        MediaStats b = await(bob, s -> s.packetsReceived() > 0 && Math.abs(s.receivedToneHz() - 440) < 440 * 0.02);
        assertTrue(a.packetsSent() > 0 && b.packetsSent() > 0);
        assertEquals(MediaState.Connection.CONNECTED, alice.state().connection());
        assertTrue(a.codec().startsWith("opus"), a.codec());

        alice.close();
        bob.close();
        alice.close(); // idempotent
        assertEquals(0, engine.openSessions());
        assertEquals(MediaState.Connection.CLOSED, bob.state().connection());
    }

    @Test
    void aPeerWithoutRtcpMuxIsServed() throws Exception {
        // A sip-dtls peer (RFC 5763 DTLS-SRTP without RFC 5761 rtcp-mux or RFC 8843 BUNDLE): bob
        // gets an offer without them and must still answer and exchange media.
        MediaSession alice = engine.createSession(new MediaSessionConfig("alice", 440, LOOPBACK));
        MediaSession bob = engine.createSession(new MediaSessionConfig("bob", 880, LOOPBACK));
        SessionDescription offer = get(alice.createOffer());
        String noMux = offer.sdp().replace("a=rtcp-mux\r\n", "").replaceAll("a=group:BUNDLE[^\r\n]*\r\n", "");
        get(bob.setRemoteDescription(SessionDescription.offer(noMux)));
        SessionDescription answer = get(bob.createAnswer());
        assertTrue(!answer.sdp().contains("a=rtcp-mux"), "answer declines rtcp-mux:\n" + answer.sdp());
        get(alice.setRemoteDescription(answer));
        await(alice, s -> Math.abs(s.receivedToneHz() - 880) < 880 * 0.02);
        await(bob, s -> Math.abs(s.receivedToneHz() - 440) < 440 * 0.02);
        alice.close();
        bob.close();
    }

    @Test
    void stoppingTheEngineClosesItsSessionsAndSaysSo() throws Exception {
        MediaSession s = engine.createSession(new MediaSessionConfig("alice", 440, LOOPBACK));
        BlockingQueue<MediaState.Connection> states = new LinkedBlockingQueue<>();
        s.addListener(new MediaSessionListener() {
            @Override
            public void onConnectionStateChanged(MediaState.Connection state) {
                states.add(state);
            }
        });
        engine.deactivate();
        assertEquals(MediaState.Connection.CLOSED, states.poll(5, TimeUnit.SECONDS));
        assertEquals(0, engine.openSessions());

        ExecutionException late = assertThrows(ExecutionException.class, () -> s.createOffer().toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(late.getCause() instanceof MediaException, late.toString());
        MediaException stopped = assertThrows(MediaException.class,
                () -> engine.createSession(new MediaSessionConfig("bob", 880, LOOPBACK)));
        assertEquals(503, stopped.sipStatus());
        engine.activate(new LoopbackCalls.Config()); // for @AfterEach
    }

    @Test
    void anUnusableRemoteOfferFailsItsStage() throws Exception {
        MediaSession s = engine.createSession(new MediaSessionConfig("bob", 880, LOOPBACK));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> s.setRemoteDescription(SessionDescription.offer("v=0\r\nthis is not sdp\r\n")).toCompletableFuture()
                        .get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof MediaException, e.toString());
        s.close();
        assertEquals(0, engine.openSessions());
    }
}
