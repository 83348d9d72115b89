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

import io.siprtc.api.media.MediaDirection;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

/**
 * A closed session's native objects are gone (or going): every operation fails its stage with
 * a {@link MediaException} and none reaches libwebrtc, also when close races other calls. A
 * call that did reach native code on a closed peer connection could abort the JVM, which fails
 * the whole run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClosedSessionTest {

    @RegisterExtension
    static final EngineSessions MEDIA = new EngineSessions();

    private final WebRtcMediaEngine engine = MEDIA.engine;
    private final List<MediaSession> sessions = MEDIA.sessions;
    private MediaSession alice;
    private MediaSession bob;

    @Test
    void everyOperationOnAClosedCallFailsItsStage() throws Exception {
        call();
        SessionDescription bobsOffer = get(bob.createOffer());
        alice.close();

        assertClosed(alice.setDirection(MediaDirection.SENDONLY));
        assertClosed(alice.insertDtmf("1", 100, 70));
        assertClosed(alice.createOffer());
        assertClosed(alice.createAnswer());
        assertClosed(alice.setRemoteDescription(bobsOffer));
        assertFalse(alice.canInsertDtmf());
        alice.stats(); // the last figures, no native call
        alice.close();
        assertEquals(1, engine.openSessions());
    }

    @Test
    void closeRacingOtherCallsNeverLetsThemReachTheClosedPeerConnection() throws Exception {
        call();
        int workers = 3;
        CountDownLatch started = new CountDownLatch(workers);
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger afterClose = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int which = w;
            Thread t = new Thread(() -> {
                started.countDown();
                int closedSeen = 0;
                while (closedSeen < 20) {
                    boolean closed = ((WebRtcMediaSession) alice).isClosed();
                    try {
                        List<CompletionStage<?>> stages = new ArrayList<>();
                        switch (which) {
                            case 0:
                                stages.add(alice.setDirection(MediaDirection.SENDRECV));
                                alice.canInsertDtmf();
                                break;
                            case 1:
                                stages.add(alice.insertDtmf("1", 40, 30));
                                alice.stats();
                                break;
                            default:
                                stages.add(alice.createOffer());
                                Thread.sleep(5);
                        }
                        for (CompletionStage<?> s : stages) {
                            s.toCompletableFuture().handle((v, e) -> {
                                Throwable cause = e != null && e.getCause() != null && !(e instanceof MediaException) ? e.getCause() : e;
                                if (cause != null && !(cause instanceof MediaException)) {
                                    unexpected.add(cause);
                                }
                                if (closed && cause == null) {
                                    unexpected.add(new AssertionError("succeeded after close"));
                                }
                                return null;
                            });
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                    if (closed) {
                        closedSeen++;
                        afterClose.incrementAndGet();
                    }
                }
            }, "racer-" + w);
            threads.add(t);
            t.start();
        }
        started.await();
        Thread.sleep(300);
        alice.close();
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertTrue(unexpected.isEmpty(), unexpected.toString());
        assertEquals(workers * 20, afterClose.get());
    }

    private void call() throws Exception {
        alice = engine.createSession(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
        sessions.add(alice);
        bob = engine.createSession(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        sessions.add(bob);
        negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        await(bob, hears(ALICE_HZ));
        assertTrue(alice.canInsertDtmf());
    }

    private static void assertClosed(CompletionStage<?> stage) {
        Exception e = assertThrows(Exception.class, () -> get(stage));
        assertTrue(e instanceof MediaException, e.toString());
        assertEquals(487, ((MediaException) e).sipStatus(), e.getMessage());
    }
}
