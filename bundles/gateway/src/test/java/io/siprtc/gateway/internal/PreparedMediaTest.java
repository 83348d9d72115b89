package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.media.MediaSessionConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions made before the call: what a call takes, and what it refuses to take. */
class PreparedMediaTest {

    private final FakeMediaEngine engine = new FakeMediaEngine();
    private final AtomicReference<MediaEngine> bound = new AtomicReference<>(engine);
    private final AtomicLong now = new AtomicLong();
    private final AtomicBoolean aliceThere = new AtomicBoolean(true);
    private final PreparedMedia prepared = new PreparedMedia(bound::get,
            (label, ua) -> new MediaSessionConfig(label, 440, "127.0.0.1"), ua -> aliceThere.get(), now::get);
    private final UserAgent alice = new UserAgent(servers -> FakeDns.anyName());

    @AfterEach
    void stop() {
        prepared.close();
    }

    /** The account's two sessions, made after the remake delay (the offerer first) and kept. */
    private FakeMediaSession[] made() {
        alice.activate(TestAccounts.alice(Map.of()));
        prepared.remakeLater(alice);
        FakeMediaSession[] both = {engine.nextSession(), engine.nextSession()};
        awaitReady();
        return both;
    }

    private void awaitReady() {
        Waits.until(() -> prepared.isReady(TestAccounts.ALICE), "both sessions kept");
    }

    @Test
    void aCallTakesTheSessionWithItsOfferMadeAndTheNextIsMadeAfterIt() {
        FakeMediaSession[] first = made();
        assertEquals("alice-next-offer", first[0].config.label());
        assertEquals("alice-next-answer", first[1].config.label());

        PreparedMedia.Ready r = prepared.takeOfferer(alice, engine);
        assertNotNull(r);
        assertSame(first[0], r.session());
        assertTrue(r.offer().toCompletableFuture().isDone(), "the offer was made in advance");
        assertNull(prepared.takeOfferer(alice, engine), "a second call at once makes its own");
        assertSame(first[1], prepared.takeAnswerer(alice, engine));
        assertNull(prepared.takeAnswerer(alice, engine));
        sleep(PreparedMedia.REMAKE_DELAY_MS + 300);
        engine.assertNoSession(); // taking does not make the next: the calls' ends do

        prepared.remakeLater(alice); // as the gateway does when the account's calls are over
        assertEquals("alice-next-offer", engine.nextSession().config.label(), "remade after the calls took them");
        assertEquals("alice-next-answer", engine.nextSession().config.label());
        assertFalse(first[0].isClosed() || first[1].isClosed(), "the calls' sessions are the calls' to close");
    }

    @Test
    void oneMadeWithAnotherEngineIsClosedNotUsed() {
        FakeMediaSession[] first = made();
        FakeMediaEngine other = new FakeMediaEngine();
        assertNull(prepared.takeOfferer(alice, other));
        assertNull(prepared.takeAnswerer(alice, other));
        assertTrue(first[0].isClosed() && first[1].isClosed());
    }

    @Test
    void oneMadeForTheAccountsPreviousConfigurationIsClosedNotUsed() {
        FakeMediaSession[] first = made();
        alice.modified(TestAccounts.alice(Map.of("display_name", "Alice")));
        assertNull(prepared.takeOfferer(alice, engine));
        assertNull(prepared.takeAnswerer(alice, engine));
        assertTrue(first[0].isClosed() && first[1].isClosed());
    }

    @Test
    void anOfferThatFailedIsClosedNotSent() {
        engine.script = s -> s.offer = () -> CompletableFuture.failedFuture(new IllegalStateException("no candidates"));
        FakeMediaSession[] first = made();
        assertNull(prepared.takeOfferer(alice, engine));
        assertTrue(first[0].isClosed());
    }

    @Test
    void anOfferOlderThanTheLimitIsClosedNotSent() {
        FakeMediaSession[] first = made();
        now.addAndGet(PreparedMedia.OFFER_MAX_AGE_NANOS + 1);
        assertNull(prepared.takeOfferer(alice, engine), "its addresses may be out of date");
        assertTrue(first[0].isClosed());
        assertSame(first[1], prepared.takeAnswerer(alice, engine), "an answerer has no addresses yet: no age limit");
    }

    @Test
    void unboundEngineRemovedAccountAndCloseCloseWhatWasMade() {
        FakeMediaSession[] first = made();
        prepared.discard(new FakeMediaEngine());
        assertFalse(first[0].isClosed(), "another engine went away");
        prepared.discard(engine);
        assertTrue(first[0].isClosed() && first[1].isClosed());

        bound.set(null);
        prepared.remakeLater(alice);
        sleep(PreparedMedia.REMAKE_DELAY_MS + 300);
        engine.assertNoSession(); // no engine, nothing made

        bound.set(engine);
        prepared.remakeLater(alice);
        FakeMediaSession offerer = engine.nextSession();
        FakeMediaSession answerer = engine.nextSession();
        awaitReady();
        aliceThere.set(false);
        prepared.discard(TestAccounts.ALICE);
        assertTrue(offerer.isClosed() && answerer.isClosed());
        prepared.remakeLater(alice);
        sleep(PreparedMedia.REMAKE_DELAY_MS + 300);
        engine.assertNoSession(); // the account is gone

        aliceThere.set(true);
        prepared.remakeLater(alice);
        offerer = engine.nextSession();
        answerer = engine.nextSession();
        awaitReady();
        prepared.close();
        assertTrue(offerer.isClosed() && answerer.isClosed());
        prepared.remakeLater(alice);
        sleep(PreparedMedia.REMAKE_DELAY_MS + 300);
        engine.assertNoSession();
    }

    @Test
    void nothingIsMadeWhileTheAccountHasACallGoing() {
        aliceThere.set(false); // the gateway's test: account there and no call going
        alice.activate(TestAccounts.alice(Map.of()));
        prepared.remakeLater(alice);
        sleep(PreparedMedia.REMAKE_DELAY_MS + 300);
        engine.assertNoSession();
    }

    @Test
    void anAccountWithoutPrepareMediaGetsNothingMade() {
        alice.activate(TestAccounts.alice(Map.of("prepare_media", false)));
        prepared.remakeLater(alice);
        sleep(PreparedMedia.REMAKE_DELAY_MS + 300);
        engine.assertNoSession();
        assertNull(prepared.takeOfferer(alice, engine));
    }

    @Test
    void theGatewaySendsTheOfferMadeInAdvanceAndAnswersWithTheSessionMadeForIt() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(Map.of("prepare_media", true))) {
            FakeMediaSession offerer = gw.engine.nextSession();
            FakeMediaSession answerer = gw.engine.nextSession();
            Waits.until(() -> gw.gateway.mediaPrepared(TestAccounts.ALICE), "the sessions made in advance, kept");
            gw.dial(GatewayFixture.BOB);
            FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
            assertTrue(new String(invite.request().body(), StandardCharsets.UTF_8).contains("a=ice-ufrag:"),
                    "the offer, converted");
            invite.answer(Sdps.FAR_END_ANSWER);
            Waits.take(offerer.remoteDescriptions, "the answer to reach the session made in advance");
            sleep(PreparedMedia.REMAKE_DELAY_MS + 300);
            gw.engine.assertNoSession(); // nothing is made while the call goes on
            gw.gateway.hangup(gw.gateway.calls().get(0).id());
            gw.endpoint().nextRequest("BYE").respond(200);
            FakeMediaSession nextOfferer = gw.engine.nextSession();
            assertEquals("alice-next-offer", nextOfferer.config.label(), "made again once the call ended");
            Waits.until(() -> gw.gateway.mediaPrepared(TestAccounts.ALICE), "the sessions made again, kept");

            FakeServerTransaction incoming = gw.endpoint().receive(new FarEnd("call-prepared@192.0.2.20").invite());
            incoming.expect(180);
            Waits.take(answerer.remoteDescriptions, "the offer to reach the session made for the next incoming call");
        }
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
