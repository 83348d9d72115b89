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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.siprtc.api.media.MediaDirection;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaSessionListener;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path by which a native object of libwebrtc could be used after it is gone, or a Java
 * exception could be thrown back into a libwebrtc thread (webrtc-java then throws a C++
 * exception there: the JVM aborts, exit 134), is driven here on real calls on 127.0.0.1. The
 * proof is that the test JVM survives this class; each test also asserts that what a caller
 * gets is a stage that completes in bounded time, and fails with a {@link MediaException} when
 * the session or engine is gone, never a hang.
 */
class AbortPathsTest {

    /** A stage must complete within this (the engine's own longest wait is the 1 s gather timeout). */
    private static final long BOUND_S = 5;

    private WebRtcMediaEngine engine;
    private final List<MediaSession> sessions = new ArrayList<>();

    @BeforeEach
    void activate() {
        engine = new WebRtcMediaEngine();
        engine.activate(new LoopbackCalls.Config());
    }

    @AfterEach
    void deactivate() {
        sessions.forEach(MediaSession::close);
        engine.deactivate();
    }

    // ---- an audio source that fails on the device module's capture thread ----

    /**
     * A source that throws on the device module's capture thread: webrtc-java's headless module
     * survives it even unwrapped (checked: the capture thread went on pulling), but would send
     * whatever the source left in the buffer; through {@code NativeCallbacks.audioSource} the
     * frame is silence and the failure is logged once.
     */
    @Test
    void aFailingAudioSourceSendsSilence() throws Exception {
        java.util.concurrent.atomic.AtomicInteger pulls = new java.util.concurrent.atomic.AtomicInteger();
        dev.onvoid.webrtc.media.audio.AudioSource failing = (samples, n, bytes, channels, rate) -> {
            pulls.incrementAndGet();
            java.util.Arrays.fill(samples, (byte) 1);
            throw new IllegalStateException("a broken source");
        };
        dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule adm = new dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule();
        dev.onvoid.webrtc.PeerConnectionFactory factory = new dev.onvoid.webrtc.PeerConnectionFactory(adm);
        try {
            // as AudioEndpoint hands its source to the module
            adm.setAudioSource(NativeCallbacks.audioSource(failing));
            adm.initRecording();
            adm.startRecording();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_S);
            while (pulls.get() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            adm.stopRecording();
        } finally {
            factory.dispose();
            adm.dispose();
        }
        assertTrue(pulls.get() >= 10, "the capture thread went on pulling: " + pulls.get());

        byte[] frame = new byte[960];
        java.util.Arrays.fill(frame, (byte) 7);
        assertEquals(480, NativeCallbacks.audioSource(failing).onPlaybackData(frame, 480, 2, 1, 48000));
        for (byte b : frame) {
            assertEquals(0, b, "the failed frame is silence");
        }
    }

    // ---- a remote track / sink event after close ----

    @Test
    void theFarEndKeepsSendingAfterClose() throws Exception {
        MediaSession alice = session("alice", ALICE_HZ);
        MediaSession bob = session("bob", BOB_HZ);
        negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));

        alice.close();
        long framesAtClose = alice.stats().audioFramesReceived();
        long bobSent = bob.stats().packetsSent();
        Thread.sleep(1000); // bob goes on sending to alice's closed sockets
        MediaStats afterwards = alice.stats();
        assertTrue(afterwards.audioFramesReceived() <= framesAtClose + 2,
                "alice's sink still gets audio after close: " + framesAtClose + " -> " + afterwards.audioFramesReceived());
        assertTrue(LoopbackCalls.fresh(bob).packetsSent() > bobSent + 20, "bob kept sending");
        assertClosed(alice.setDirection(MediaDirection.SENDONLY));
        assertClosed(alice.createOffer());
        assertEquals(MediaState.Connection.CLOSED, alice.state().connection());
        assertEquals(1, engine.openSessions());
        bob.close();
        assertEquals(0, engine.openSessions());
    }

    @Test
    void closeAtEachStepOfNegotiation() throws Exception {
        for (int step = 0; step < 6; step++) {
            MediaSession alice = session("alice" + step, ALICE_HZ);
            MediaSession bob = session("bob" + step, BOB_HZ);
            CompletionStage<SessionDescription> offering = alice.createOffer();
            if (step == 0) { // while the offer is made and its candidates gathered
                alice.close();
                assertClosed(offering);
                bob.close();
                continue;
            }
            SessionDescription offer = get(offering);
            CompletionStage<Void> applying = bob.setRemoteDescription(offer);
            if (step == 1) { // while bob applies the offer (its onTrack comes now)
                bob.close();
                assertBounded(applying);
                assertClosed(bob.createAnswer());
                alice.close();
                continue;
            }
            get(applying);
            CompletionStage<SessionDescription> answering = bob.createAnswer();
            if (step == 2) { // while bob makes the answer and gathers
                bob.close();
                assertClosed(answering);
                alice.close();
                continue;
            }
            SessionDescription answer = get(answering);
            if (step == 3) { // bob is gone before alice even applies his answer: her checks hit closed sockets
                bob.close();
                get(alice.setRemoteDescription(answer));
                Thread.sleep(300);
                alice.stats();
                alice.close();
                continue;
            }
            CompletionStage<Void> applied = alice.setRemoteDescription(answer);
            if (step == 4) { // while alice applies the answer (her onTrack, her ICE checks start)
                alice.close();
                assertBounded(applied);
                Thread.sleep(200); // bob's checks and DTLS hit alice's closed sockets
                bob.stats();
                bob.close();
                continue;
            }
            get(applied);
            // step 5: both close at once from two threads while ICE and DTLS are under way
            CountDownLatch go = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                awaitQuietly(go);
                bob.close();
            });
            t.start();
            go.countDown();
            alice.close();
            t.join(BOUND_S * 1000);
        }
        assertEquals(0, engine.openSessions());
    }

    // ---- disposal order ----

    @Test
    void theAnswererClosesWhileTheOfferersDtlsHandshakeIsUnderWay() throws Exception {
        // bob (the answerer, DTLS client) closes the moment alice's DTLS transport reports
        // "connecting": her handshake then loses its peer half-way; she must stay usable
        int calls = 10;
        AtomicInteger caught = new AtomicInteger();
        AtomicInteger unfinished = new AtomicInteger();
        for (int i = 0; i < calls; i++) {
            MediaSession alice = session("alice" + i, ALICE_HZ);
            MediaSession bob = session("bob" + i, BOB_HZ);
            CountDownLatch bobClosed = new CountDownLatch(1);
            Queue<MediaState.Dtls> seen = new ConcurrentLinkedQueue<>();
            alice.addListener(new MediaSessionListener() {
                @Override
                public void onDtlsStateChanged(MediaState.Dtls state) {
                    seen.add(state);
                    if (state == MediaState.Dtls.CONNECTING && bobClosed.getCount() > 0) {
                        if (alice.state().dtls() == MediaState.Dtls.CONNECTING) {
                            caught.incrementAndGet(); // her handshake is under way as bob's close begins
                        }
                        bob.close();
                        bobClosed.countDown();
                    }
                }
            });
            negotiate(alice, bob);
            assertTrue(bobClosed.await(BOUND_S, TimeUnit.SECONDS), "alice's DTLS never started: " + seen + " " + alice.state());
            Thread.sleep(100); // her handshake retransmits into bob's closed socket
            if (alice.state().dtls() != MediaState.Dtls.CONNECTED) {
                unfinished.incrementAndGet();
            }
            alice.stats();
            assertNotNull(alice.state());
            assertClosed(bob.createOffer());
            alice.close();
        }
        System.out.println("answerer closed during the offerer's DTLS handshake in " + caught + " of " + calls
                + " calls; her handshake never completed in " + unfinished);
        assertTrue(caught.get() > 0, "never caught the handshake under way");
        assertEquals(0, engine.openSessions());
    }

    @Test
    void closeTwiceAndFromManyThreadsAtOnce() throws Exception {
        MediaSession alice = session("alice", ALICE_HZ);
        MediaSession bob = session("bob", BOB_HZ);
        AtomicInteger closedEvents = new AtomicInteger();
        alice.addListener(new MediaSessionListener() {
            @Override
            public void onConnectionStateChanged(MediaState.Connection state) {
                if (state == MediaState.Connection.CLOSED) {
                    closedEvents.incrementAndGet();
                }
            }
        });
        negotiate(alice, bob);
        await(alice, hears(BOB_HZ));

        int n = 8;
        CountDownLatch go = new CountDownLatch(1);
        Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                awaitQuietly(go);
                try {
                    alice.close();
                    alice.close();
                } catch (Throwable e) {
                    thrown.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(BOUND_S * 1000);
            assertFalse(t.isAlive(), "close hangs");
        }
        alice.close();
        assertTrue(thrown.isEmpty(), thrown.toString());
        assertEquals(1, engine.openSessions());
        Thread.sleep(200);
        assertEquals(1, closedEvents.get(), "one CLOSED event");
        bob.close();
        bob.close();
        assertEquals(0, engine.openSessions());
    }

    @Test
    void closeFromListenerCallbacks() throws Exception {
        // alice closes herself when her connection is up; in a second call bob closes himself
        // when he first hears audio; carol below on the first ICE state change (checking): the
        // listeners run on the engine's threads, where close must neither deadlock nor reach
        // native code twice
        MediaSession alice = session("alice", ALICE_HZ);
        MediaSession bob = session("bob", BOB_HZ);
        CountDownLatch closed = new CountDownLatch(1);
        onEvent(alice, closed, l -> l.connection == MediaState.Connection.CONNECTED);
        negotiate(alice, bob);
        assertTrue(closed.await(BOUND_S, TimeUnit.SECONDS), "closed on connected");
        assertClosed(alice.createOffer());
        bob.close();

        MediaSession alice2 = session("alice2", ALICE_HZ);
        MediaSession bob2 = session("bob2", BOB_HZ);
        CountDownLatch closed1 = new CountDownLatch(1);
        onEvent(bob2, closed1, l -> l.firstAudio);
        negotiate(alice2, bob2);
        assertTrue(closed1.await(BOUND_S, TimeUnit.SECONDS), "closed on first audio");
        assertClosed(bob2.setDirection(MediaDirection.INACTIVE));
        alice2.close();

        MediaSession carol = session("carol", ALICE_HZ);
        MediaSession dave = session("dave", BOB_HZ);
        CountDownLatch closed2 = new CountDownLatch(1);
        onEvent(carol, closed2, l -> l.ice == MediaState.Ice.CHECKING);
        SessionDescription offer = get(carol.createOffer());
        get(dave.setRemoteDescription(offer));
        SessionDescription answer = get(dave.createAnswer());
        CompletionStage<Void> applying = carol.setRemoteDescription(answer);
        assertTrue(closed2.await(BOUND_S, TimeUnit.SECONDS), "closed on ICE checking");
        assertBounded(applying);
        dave.close();
        assertEquals(0, engine.openSessions());
    }

    @Test
    void listenersThatThrowNeverReachLibwebrtcThreads() throws Exception {
        MediaSession alice = session("alice", ALICE_HZ);
        MediaSession bob = session("bob", BOB_HZ);
        AtomicInteger events = new AtomicInteger();
        MediaSessionListener throwing = new MediaSessionListener() {
            @Override
            public void onIceStateChanged(MediaState.Ice state) {
                events.incrementAndGet();
                throw new IllegalStateException("listener fails on " + state);
            }

            @Override
            public void onDtlsStateChanged(MediaState.Dtls state) {
                events.incrementAndGet();
                throw new IllegalStateException("listener fails on " + state);
            }

            @Override
            public void onConnectionStateChanged(MediaState.Connection state) {
                events.incrementAndGet();
                throw new IllegalStateException("listener fails on " + state);
            }

            @Override
            public void onFirstAudio(long nanoTime) {
                events.incrementAndGet();
                throw new Error("listener fails on first audio");
            }
        };
        alice.addListener(throwing);
        bob.addListener(throwing);
        negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));
        alice.close();
        bob.close();
        Thread.sleep(200);
        assertTrue(events.get() >= 8, "events seen: " + events.get());
    }

    @Test
    void closeFromAnotherThreadWhileCallsAreUnderWay() throws Exception {
        for (int round = 0; round < 5; round++) {
            MediaSession alice = session("alice" + round, ALICE_HZ);
            MediaSession bob = session("bob" + round, BOB_HZ);
            negotiate(alice, bob);
            AtomicBoolean stop = new AtomicBoolean();
            Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            Queue<CompletionStage<?>> stages = new ConcurrentLinkedQueue<>();
            Thread caller = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        stages.add(alice.createOffer());
                        stages.add(alice.restartIce());
                        stages.add(alice.setDirection(MediaDirection.SENDRECV));
                        stages.add(alice.insertDtmf("1", 40, 30));
                        stages.add(alice.rollback());
                        alice.stats();
                        alice.canInsertDtmf();
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            });
            caller.start();
            Thread.sleep(20 + 30 * round);
            alice.close();
            Thread.sleep(50);
            stop.set(true);
            caller.join(BOUND_S * 1000);
            assertFalse(caller.isAlive());
            for (CompletionStage<?> s : stages) {
                assertBounded(s);
            }
            assertTrue(unexpected.isEmpty(), unexpected.toString());
            bob.close();
        }
        assertEquals(0, engine.openSessions());
    }

    @Test
    void offersRacingTheirRollback() throws Exception {
        // createOffer and rollback from two threads without waiting: an offer's description is
        // dropped or replaced while the offer completes (webrtc-java's getLocalDescription() read
        // it off libwebrtc's thread and took the JVM down with it)
        MediaSession alice = session("alice", ALICE_HZ);
        Queue<CompletionStage<?>> stages = new ConcurrentLinkedQueue<>();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            boolean offering = t == 0;
            Thread th = new Thread(() -> {
                while (System.nanoTime() < until) {
                    try {
                        stages.add(offering ? alice.createOffer() : alice.rollback());
                        if (stages.size() % 50 == 0) {
                            Thread.sleep(1);
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                        return;
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(BOUND_S * 1000);
        }
        int succeeded = 0;
        for (CompletionStage<?> st : stages) {
            assertBounded(st);
            succeeded += st.toCompletableFuture().isCompletedExceptionally() ? 0 : 1;
        }
        assertTrue(unexpected.isEmpty(), unexpected.toString());
        System.out.println(stages.size() + " offers and rollbacks racing, " + succeeded + " succeeded");
        // and the session still works
        get(alice.rollback().exceptionally(e -> null));
        MediaSession bob = session("bob", BOB_HZ);
        negotiate(alice, bob);
        await(bob, hears(ALICE_HZ));
    }

    // ---- the engine used after it stopped ----

    @Test
    void theEngineUsedAfterItStopped() throws Exception {
        // a STUN server that never answers: every offer waits srflx_wait_ms (300 ms) for a
        // server-reflexive candidate, so the stop surely comes while "offering" waits
        engine.deactivate();
        engine.activate(LoopbackCalls.config(Map.of("ice_servers",
                new String[] {"stun:127.0.0.1:" + Coturn.freeUdpAndTcpPort()})));
        MediaSession alice = session("alice", ALICE_HZ);
        MediaSession bob = session("bob", BOB_HZ);
        negotiate(alice, bob);
        await(bob, hears(ALICE_HZ));
        MediaSession fresh = session("fresh", ALICE_HZ);
        MediaSession offering = session("offering", BOB_HZ);
        CompletionStage<SessionDescription> pendingOffer = offering.createOffer();
        Thread.sleep(50);
        assertFalse(pendingOffer.toCompletableFuture().isDone(), "the offer waits for its server-reflexive candidate");

        engine.deactivate();

        assertClosed(pendingOffer);
        MediaException stopped = assertThrows(MediaException.class,
                () -> engine.createSession(new MediaSessionConfig("late", ALICE_HZ, LOOPBACK)));
        assertEquals(503, stopped.sipStatus());
        engine.prepare(new MediaSessionConfig("late", 660, LOOPBACK)); // nothing happens
        assertEquals(0, engine.openSessions());
        for (MediaSession s : List.of(alice, bob, fresh, offering)) {
            assertClosed(s.createOffer());
            assertClosed(s.createAnswer());
            assertClosed(s.setRemoteDescription(SessionDescription.offer("v=0\r\n")));
            assertClosed(s.setDirection(MediaDirection.SENDONLY));
            assertClosed(s.insertDtmf("5", 100, 50));
            assertClosed(s.restartIce());
            assertClosed(s.rollback());
            assertFalse(s.canInsertDtmf());
            s.stats();
            assertEquals(MediaState.Connection.CLOSED, s.state().connection());
            s.close();
        }
        engine.deactivate(); // twice: nothing left to do
        engine.activate(new LoopbackCalls.Config()); // and it works again
        MediaSession again = session("again", ALICE_HZ);
        assertTrue(get(again.createOffer()).sdp().contains("a=candidate:"));
    }

    @Test
    void sessionsCreatedWhileTheEngineStops() throws Exception {
        // createSession racing deactivate: each either fails with a MediaException or returns
        // a session that the stop closes; none is left open or on a disposed factory
        for (int round = 0; round < 5; round++) {
            WebRtcMediaEngine e = new WebRtcMediaEngine();
            e.activate(new LoopbackCalls.Config());
            e.createSession(new MediaSessionConfig("warm", ALICE_HZ, LOOPBACK)).close();
            Queue<MediaSession> made = new ConcurrentLinkedQueue<>();
            Queue<CompletionStage<?>> offers = new ConcurrentLinkedQueue<>();
            Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            AtomicBoolean refused = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(1);
            Thread creator = new Thread(() -> {
                started.countDown();
                for (int i = 0; !refused.get() && i < 1000; i++) {
                    try {
                        MediaSession s = e.createSession(new MediaSessionConfig("race" + i, i % 2 == 0 ? ALICE_HZ : 660,
                                LOOPBACK));
                        made.add(s);
                        offers.add(s.createOffer());
                    } catch (MediaException stopped) {
                        refused.set(true);
                    } catch (Throwable t) {
                        unexpected.add(t);
                        return;
                    }
                }
            });
            creator.start();
            started.await();
            Thread.sleep(10 + 20 * round);
            e.deactivate();
            creator.join(BOUND_S * 1000);
            assertFalse(creator.isAlive());
            assertTrue(unexpected.isEmpty(), unexpected.toString());
            assertTrue(refused.get(), "createSession after the stop is refused");
            assertEquals(0, e.openSessions(), "a session created during the stop is left open");
            for (CompletionStage<?> s : offers) {
                assertBounded(s);
            }
            for (MediaSession s : made) {
                assertClosed(s.setDirection(MediaDirection.SENDONLY));
                s.close();
            }
        }
    }

    // ---- stats, DTMF, direction and ICE restart after close ----

    @Test
    void statsDtmfDirectionAndIceRestartAfterClose() throws Exception {
        MediaSession alice = session("alice", ALICE_HZ);
        MediaSession bob = session("bob", BOB_HZ);
        negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        assertTrue(alice.canInsertDtmf());
        get(alice.insertDtmf("123", 100, 50)); // tones still queued when the session closes
        alice.stats(); // a stats request still under way when the session closes
        alice.close();
        for (int i = 0; i < 3; i++) {
            MediaStats s = alice.stats();
            assertNotNull(s);
        }
        assertFalse(alice.canInsertDtmf());
        assertClosed(alice.insertDtmf("4", 100, 50));
        assertClosed(alice.setDirection(MediaDirection.INACTIVE));
        assertClosed(alice.restartIce());
        assertClosed(alice.createOffer()); // would have been the restart offer
        assertClosed(alice.rollback());
        Thread.sleep(600); // the queued tones' reports would come now
        assertEquals(MediaState.Connection.CLOSED, alice.state().connection());
        bob.close();
    }

    private MediaSession session(String label, double hz) throws MediaException {
        MediaSession s = engine.createSession(new MediaSessionConfig(label, hz, LOOPBACK));
        sessions.add(s);
        return s;
    }

    /** What a listener saw last. */
    private static final class Seen {
        volatile MediaState.Ice ice;
        volatile MediaState.Connection connection;
        volatile boolean firstAudio;
    }

    /** Closes the session from its own listener, on the first event the check accepts. */
    private static void onEvent(MediaSession s, CountDownLatch closed, java.util.function.Predicate<Seen> check) {
        Seen seen = new Seen();
        AtomicBoolean done = new AtomicBoolean();
        Consumer<Seen> maybeClose = x -> {
            if (check.test(x) && done.compareAndSet(false, true)) {
                s.close();
                assertTrue(((WebRtcMediaSession) s).isClosed());
                closed.countDown();
            }
        };
        s.addListener(new MediaSessionListener() {
            @Override
            public void onIceStateChanged(MediaState.Ice state) {
                seen.ice = state;
                maybeClose.accept(seen);
            }

            @Override
            public void onConnectionStateChanged(MediaState.Connection state) {
                seen.connection = state;
                maybeClose.accept(seen);
            }

            @Override
            public void onFirstAudio(long nanoTime) {
                seen.firstAudio = true;
                maybeClose.accept(seen);
            }
        });
    }

    /** The stage completes in bounded time; a failure is a MediaException. */
    private static void assertBounded(CompletionStage<?> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(BOUND_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("stage still pending after " + BOUND_S + " s");
        } catch (ExecutionException | CompletionException e) {
            assertTrue(cause(e) instanceof MediaException, "not a MediaException: " + cause(e));
        }
    }

    /** The stage fails in bounded time with the closed session's (or stopped engine's) MediaException. */
    private static void assertClosed(CompletionStage<?> stage) throws InterruptedException {
        CompletableFuture<?> f = stage.toCompletableFuture();
        try {
            f.get(BOUND_S, TimeUnit.SECONDS);
            fail("succeeded on a closed session");
        } catch (TimeoutException e) {
            fail("stage still pending after " + BOUND_S + " s");
        } catch (ExecutionException | CompletionException e) {
            Throwable c = cause(e);
            assertTrue(c instanceof MediaException, "not a MediaException: " + c);
            int status = ((MediaException) c).sipStatus();
            assertTrue(status == 487 || status == 503, "status " + status + ": " + c.getMessage());
        }
    }

    private static Throwable cause(Throwable e) {
        Throwable c = e;
        while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
