package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallException;
import io.siprtc.api.call.InstantMessage;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIP MESSAGE (RFC 3428) with the fake SIP stack: what we send and how each outcome ends the
 * stage (2xx, a challenge answered once, a failure status, Timer F, a transport error), and what
 * we answer to received ones (200, 400, 413, 415, 481) and how listeners get them.
 */
class PagerMessagesTest {

    private static final String PASSWORD = "msg-pa55";
    private static final String TEXT = "text/plain;charset=UTF-8";

    private GatewayFixture gw = new GatewayFixture();
    private final FarEnd bob = new FarEnd("msg-1@192.0.2.20");
    private final MessageRecorder received = new MessageRecorder();

    @AfterEach
    void stop() {
        gw.close();
    }

    private static InstantMessage done(CompletionStage<InstantMessage> stage) throws Exception {
        return stage.toCompletableFuture().get(Waits.SECONDS, TimeUnit.SECONDS);
    }

    private static CallException failure(CompletionStage<InstantMessage> stage) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(Waits.SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(CallException.class, e.getCause());
    }

    private SipRequest message(String contentType, byte[] body) {
        SipRequest r = bob.outOfDialog("MESSAGE");
        return body == null ? r : r.withBody(contentType, body);
    }

    private SipRequest message(String contentType, String body) {
        return message(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    // ---- sending -------------------------------------------------------------------------------

    @Test
    void aMessageIsSentOutsideAnyDialogAndCompletesWithThe200() throws Exception {
        CompletionStage<InstantMessage> stage = gw.gateway.send(TestAccounts.ALICE, GatewayFixture.BOB, TEXT, "hello bob");
        FakeClientTransaction tx = gw.endpoint().nextRequest("MESSAGE");
        SipRequest m = tx.request();
        assertEquals(GatewayFixture.BOB, m.requestUri());
        assertEquals(Optional.of("<" + GatewayFixture.BOB + ">"), m.header("To"), "no To tag: outside any dialog");
        String from = m.header("From").orElseThrow();
        assertEquals(FarEnd.ALICE, SipMessage.uriOf(from));
        assertNotNull(SipMessage.tagOf(from), "From has a tag");
        assertFalse(m.callId().isEmpty());
        assertEquals(Optional.of("1 MESSAGE"), m.header("CSeq"));
        assertEquals(Optional.of("70"), m.header("Max-Forwards"));
        assertEquals(Optional.of(TEXT), m.header("Content-Type"));
        assertEquals("hello bob", m.bodyText());
        assertFalse(m.header("Contact").isPresent(), "a MESSAGE makes no dialog: no Contact");
        assertFalse(m.header("Route").isPresent(), "a peer-to-peer account has no outbound route");

        tx.respond(100);
        tx.respond(200);
        InstantMessage sent = done(stage);
        assertEquals(TestAccounts.ALICE, sent.accountId());
        assertEquals(FarEnd.ALICE, sent.from());
        assertEquals(GatewayFixture.BOB, sent.to());
        assertEquals(TEXT, sent.contentType());
        assertEquals("hello bob", sent.body());
    }

    @Test
    void theStageCompletesOnItsOwnThreadEvenWhileAListenerBlocks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        gw.gateway.bindInstantMessageListener(m -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            gw.endpoint().receive(message(TEXT, "keeps the listener busy")).expect(200);
            Waits.await(entered, "the listener to be called");
            CompletionStage<InstantMessage> stage = gw.gateway.send(TestAccounts.ALICE, GatewayFixture.BOB, TEXT, "hi");
            CompletionStage<String> thread = stage.thenApply(m -> Thread.currentThread().getName());
            gw.endpoint().nextRequest("MESSAGE").respond(200); // on the test thread, as a stack thread would
            assertEquals("siprtc-message-results", thread.toCompletableFuture().get(Waits.SECONDS, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBareUserGoesToTheDomainByTheOutboundProxy() throws Exception {
        gw.close();
        gw = new GatewayFixture(Map.of("domain", "siprtc.test", "register", false, "outbound_proxy", "proxy.siprtc.test"));
        CompletionStage<InstantMessage> stage = gw.gateway.send(TestAccounts.ALICE, "bob", "text/plain", "hi");
        FakeClientTransaction tx = gw.endpoint().nextRequest("MESSAGE");
        assertEquals("sip:bob@siprtc.test", tx.request().requestUri());
        assertEquals(Optional.of("<sip:proxy.siprtc.test;lr>"), tx.request().header("Route"));
        assertEquals("sip:alice@siprtc.test", SipMessage.uriOf(tx.request().header("From").orElseThrow()));
        tx.respond(202); // accepted by a store-and-forward server: any 2xx
        assertEquals("sip:bob@siprtc.test", done(stage).to());
    }

    @Test
    void aChallengeIsAnsweredOnceWithCredentials() throws Exception {
        gw.close();
        gw = new GatewayFixture(Map.of("domain", "siprtc.test", "register", false, "_password", PASSWORD,
                "outbound_proxy", "proxy.siprtc.test"));
        CompletionStage<InstantMessage> stage = gw.gateway.send(TestAccounts.ALICE, "bob", TEXT, "secret plans");
        FakeClientTransaction first = gw.endpoint().nextRequest("MESSAGE");
        SipRequest q1 = first.request();
        first.respond(TestRegistrar.challenge(q1, true, "m1", "SHA-256", false));

        FakeClientTransaction second = gw.endpoint().nextRequest("MESSAGE");
        SipRequest q2 = second.request();
        assertEquals(Optional.of("2 MESSAGE"), q2.header("CSeq"), "the next CSeq");
        assertEquals(q1.callId(), q2.callId());
        assertEquals(q1.header("From"), q2.header("From"), "same From tag");
        assertEquals(q1.header("To"), q2.header("To"));
        assertEquals(q1.header("Route"), q2.header("Route"));
        assertTrue(Arrays.equals(q1.body(), q2.body()));
        TestRegistrar.verify(q2, true, "alice", PASSWORD, "m1", "SHA-256");
        second.respond(200);
        assertEquals("secret plans", done(stage).body());
    }

    @Test
    void aSecondChallengeFailsTheStageWithoutAThirdMessage() throws Exception {
        gw.close();
        gw = new GatewayFixture(Map.of("domain", "siprtc.test", "register", false, "_password", PASSWORD,
                "outbound_proxy", "proxy.siprtc.test"));
        CompletionStage<InstantMessage> stage = gw.gateway.send(TestAccounts.ALICE, "bob", TEXT, "hi");
        FakeClientTransaction first = gw.endpoint().nextRequest("MESSAGE");
        first.respond(TestRegistrar.challenge(first.request(), false, "w1", "SHA-256", false));
        FakeClientTransaction second = gw.endpoint().nextRequest("MESSAGE");
        second.respond(TestRegistrar.challenge(second.request(), false, "w2", "SHA-256", false));

        CallException e = failure(stage);
        assertTrue(e.getMessage().contains("401 Unauthorized"), e.getMessage());
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void withoutPasswordAChallengeFailsTheStage() throws Exception {
        CompletionStage<InstantMessage> stage = gw.gateway.send(TestAccounts.ALICE, GatewayFixture.BOB, TEXT, "hi");
        FakeClientTransaction tx = gw.endpoint().nextRequest("MESSAGE");
        tx.respond(TestRegistrar.challenge(tx.request(), true, "p1", "SHA-256", false));
        CallException e = failure(stage);
        assertTrue(e.getMessage().contains("407 Proxy Authentication Required"), e.getMessage());
        assertTrue(e.getMessage().contains("no password"), e.getMessage());
    }

    @Test
    void aFailureStatusFailsTheStageNamingIt() throws Exception {
        CompletionStage<InstantMessage> stage = gw.gateway.send(TestAccounts.ALICE, GatewayFixture.BOB, TEXT, "hi");
        gw.endpoint().nextRequest("MESSAGE").respond(404);
        CallException e = failure(stage);
        assertEquals("MESSAGE to " + GatewayFixture.BOB + ": 404 Not Found", e.getMessage());
    }

    @Test
    void timerFAndTransportErrorsFailTheStage() throws Exception {
        CompletionStage<InstantMessage> silent = gw.gateway.send(TestAccounts.ALICE, GatewayFixture.BOB, TEXT, "hi");
        gw.endpoint().nextRequest("MESSAGE").timeout();
        assertEquals("MESSAGE to " + GatewayFixture.BOB + ": no answer (408, timer F)", failure(silent).getMessage());

        CompletionStage<InstantMessage> refused = gw.gateway.send(TestAccounts.ALICE, GatewayFixture.BOB, TEXT, "hi");
        gw.endpoint().nextRequest("MESSAGE").transportError("connection refused");
        assertEquals("MESSAGE to " + GatewayFixture.BOB + ": unreachable: connection refused",
                failure(refused).getMessage());

        gw.endpoint().sendFailure = "no route to 192.0.2.20";
        CompletionStage<InstantMessage> unsent = gw.gateway.send(TestAccounts.ALICE, GatewayFixture.BOB, TEXT, "hi");
        assertEquals("cannot send MESSAGE to " + GatewayFixture.BOB + ": no route to 192.0.2.20",
                failure(unsent).getMessage());
    }

    @Test
    void badArgumentsAreRefusedAtOnce() {
        assertThrows(CallException.class, () -> gw.gateway.send("nobody", GatewayFixture.BOB, TEXT, "hi"));
        CallException uri = assertThrows(CallException.class,
                () -> gw.gateway.send(TestAccounts.ALICE, "sip:bob@", TEXT, "hi"));
        assertTrue(uri.getMessage().contains("bad host"), uri.getMessage());
        CallException empty = assertThrows(CallException.class,
                () -> gw.gateway.send(TestAccounts.ALICE, GatewayFixture.BOB, TEXT, ""));
        assertTrue(empty.getMessage().contains("empty message"), empty.getMessage());
        CallException type = assertThrows(CallException.class,
                () -> gw.gateway.send(TestAccounts.ALICE, GatewayFixture.BOB, "application/json", "{}"));
        assertTrue(type.getMessage().contains("application/json not accepted"), type.getMessage());
        CallException big = assertThrows(CallException.class, () -> gw.gateway.send(TestAccounts.ALICE,
                GatewayFixture.BOB, TEXT, "x".repeat(MessageContent.MAX_BYTES + 1)));
        assertTrue(big.getMessage().contains("too large"), big.getMessage());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    // ---- receiving -----------------------------------------------------------------------------

    @Test
    void aTextMessageIsAnswered200AndDeliveredOffTheSignallingThread() {
        gw.gateway.bindInstantMessageListener(received);
        FakeServerTransaction tx = gw.endpoint().receive(message(TEXT, "hello alice \u263a"));
        SipResponse ok = tx.expect(200);
        assertNotNull(SipMessage.tagOf(ok.header("To").orElseThrow()), "the 200 has a To tag");

        InstantMessage m = received.next();
        assertEquals("siprtc-messages", received.thread());
        assertEquals(TestAccounts.ALICE, m.accountId());
        assertEquals(FarEnd.AOR, m.from());
        assertEquals(FarEnd.ALICE, m.to());
        assertEquals(TEXT, m.contentType());
        assertEquals("hello alice \u263a", m.body());
    }

    @Test
    void otherTextTypesCharsetsAndCpimAreAccepted() {
        gw.gateway.bindInstantMessageListener(received);
        gw.endpoint().receive(message("text/html", "<b>hi</b>")).expect(200);
        assertEquals("<b>hi</b>", received.next().body());

        gw.endpoint().receive(message("text/plain; charset=\"ISO-8859-1\"", new byte[] {'c', 'a', 'f', (byte) 0xe9}))
                .expect(200);
        assertEquals("caf\u00e9", received.next().body());

        String cpim = "From: <sip:bob@192.0.2.20>\r\nTo: <sip:alice@127.0.0.1>\r\n\r\nContent-Type: text/plain\r\n\r\nhi";
        gw.endpoint().receive(message("message/cpim", cpim)).expect(200);
        InstantMessage m = received.next();
        assertEquals("message/cpim", m.contentType());
        assertEquals(cpim, m.body(), "a CPIM body is passed on whole");
    }

    @Test
    void anUnsupportedTypeGets415WithAccept() {
        gw.gateway.bindInstantMessageListener(received);
        SipResponse r = gw.endpoint().receive(message("application/im-iscomposing+xml", "<isComposing/>")).expect(415);
        assertEquals(Optional.of(MessageContent.ACCEPT), r.header("Accept"));

        SipResponse charset = gw.endpoint().receive(message("text/plain;charset=x-klingon", "qapla")).expect(415);
        assertEquals(Optional.of(MessageContent.ACCEPT), charset.header("Accept"));

        SipResponse gzip = gw.endpoint().receive(message(TEXT, "hi").withHeader("Content-Encoding", "gzip")).expect(415);
        assertEquals(Optional.of("identity"), gzip.header("Accept-Encoding"));
        gw.sync();
        assertTrue(received.isEmpty(), "nothing refused reaches the listeners");
    }

    @Test
    void noBodyOrNoTypeOrBadTextGets400AndTooLargeGets413() {
        gw.gateway.bindInstantMessageListener(received);
        SipResponse empty = gw.endpoint().receive(message(null, (byte[]) null)).expect(400);
        assertEquals("MESSAGE without body", empty.reason());

        SipResponse noType = gw.endpoint().receive(message(TEXT, "hi").withHeader("Content-Type", null)).expect(400);
        assertEquals("Content-Type missing", noType.reason());

        gw.endpoint().receive(message(TEXT, new byte[] {'h', (byte) 0xc3, 'i'})).expect(400);

        gw.endpoint().receive(message(TEXT, "x".repeat(MessageContent.MAX_BYTES))).expect(200);
        assertEquals(MessageContent.MAX_BYTES, received.next().body().length());
        SipResponse big = gw.endpoint().receive(message(TEXT, "x".repeat(MessageContent.MAX_BYTES + 1))).expect(413);
        assertTrue(big.reason().startsWith("Request Entity Too Large"), big.reason());
        gw.sync();
        assertTrue(received.isEmpty());
    }

    @Test
    void aThrowingListenerBreaksNeitherThe200NorTheOtherListeners() {
        Logger log = Logger.getLogger(MessageListeners.class.getName());
        log.setLevel(Level.OFF); // the two warnings with the listener's stack trace are expected here
        gw.gateway.bindInstantMessageListener(m -> {
            throw new IllegalStateException("listener bug");
        });
        gw.gateway.bindInstantMessageListener(received);
        gw.endpoint().receive(message(TEXT, "one")).expect(200);
        gw.endpoint().receive(message(TEXT, "two")).expect(200);
        assertEquals("one", received.next().body());
        assertEquals("two", received.next().body());
        log.setLevel(null);
    }

    @Test
    void aBlockedListenerDoesNotDelayThe200() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        gw.gateway.bindInstantMessageListener(m -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        gw.gateway.bindInstantMessageListener(received);
        try {
            gw.endpoint().receive(message(TEXT, "one")).expect(200);
            Waits.await(entered, "the listener to be called");
            gw.endpoint().receive(message(TEXT, "two")).expect(200); // while the listener still blocks
            assertTrue(received.isEmpty(), "the second listener waits its turn");
        } finally {
            release.countDown();
        }
        assertEquals("one", received.next().body());
        assertEquals("two", received.next().body());
    }

    @Test
    void anUnboundListenerGetsNothingMore() {
        gw.gateway.bindInstantMessageListener(received);
        gw.endpoint().receive(message(TEXT, "one")).expect(200);
        assertEquals("one", received.next().body());
        gw.gateway.unbindInstantMessageListener(received);
        gw.endpoint().receive(message(TEXT, "two")).expect(200);
        MessageRecorder after = new MessageRecorder();
        gw.gateway.bindInstantMessageListener(after);
        gw.endpoint().receive(message(TEXT, "three")).expect(200);
        while (!after.next().body().equals("three")) {
            // "two" may reach the new listener too; deliveries are in order, so "three" comes last
        }
        assertTrue(received.isEmpty(), "nothing after unbind");
    }

    @Test
    void aMessageInAnUnknownDialogGets481() {
        gw.gateway.bindInstantMessageListener(received);
        SipRequest m = message(TEXT, "hi").withHeader("To", "<" + FarEnd.ALICE + ">;tag=nosuchdialog");
        gw.endpoint().receive(m).expect(481);
        gw.sync();
        assertTrue(received.isEmpty());
    }

    @Test
    void aMessageInACallsDialogIsAccepted() throws Exception {
        gw.gateway.bindInstantMessageListener(received);
        GatewayFixture.Incoming in = gw.connectedIncoming(bob);
        SipRequest m = bob.inDialog("MESSAGE", in.ok).withBody(TEXT, "during the call".getBytes(StandardCharsets.UTF_8));
        SipResponse ok = gw.endpoint().receive(m).expect(200);
        assertEquals(in.ok.header("To"), ok.header("To"), "the dialog's To tag is kept");
        assertEquals("during the call", received.next().body());
    }

    @Test
    void theCpimBodyBytesSurviveUnchanged() {
        gw.gateway.bindInstantMessageListener(received);
        byte[] utf8 = "From: <sip:bob@x>\r\n\r\nContent-Type: text/plain\r\n\r\n\u00fcber".getBytes(StandardCharsets.UTF_8);
        gw.endpoint().receive(message("message/CPIM", utf8)).expect(200);
        assertArrayEquals(utf8, received.next().body().getBytes(StandardCharsets.UTF_8));
    }
}
