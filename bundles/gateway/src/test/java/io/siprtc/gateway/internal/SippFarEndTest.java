package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.SipStack;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIPp plays the far ends that are hard to get otherwise (issue 3): each final failure response,
 * 3xx redirection (followed, and an endless chain cut by the limit) and an INVITE nobody answers.
 * alice is a real SIPRTC user agent (JAIN-SIP stack, gateway) with a fake media engine; all
 * traffic stays on 127.0.0.1. SIPp's logs stay in {@code target/sipp/} when a test fails.
 */
class SippFarEndTest {

    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();

    private static SipStack stack;
    private static SipStack fastStack;
    private static FakeMediaEngine engine;
    private static LivePhone alice;

    private final List<Sipp> farEnds = new ArrayList<>();

    @BeforeAll
    static void start() {
        SIPRTC_LOG.setLevel(Level.WARNING);
        stack = JainSipStacks.start();
        fastStack = JainSipStacks.start(50); // Timer B = 3.2 s
        engine = new FakeMediaEngine();
        alice = new LivePhone(stack, engine, Map.of("id", "alice", "user", "alice", "prepare_media", false, "register", false));
    }

    @AfterAll
    static void stop() {
        if (alice != null) {
            alice.close();
        }
        Thread a = new Thread(() -> JainSipStacks.stop(stack));
        a.start();
        JainSipStacks.stop(fastStack);
        try {
            a.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stopFarEnds() {
        for (Sipp s : farEnds) {
            s.close();
            if (WATCH.failed()) {
                System.err.println("Kept the logs of " + s);
            } else {
                s.deleteFiles();
            }
        }
    }

    private Sipp farEnd(String scenario, Map<String, String> keys) throws Exception {
        Sipp s = Sipp.uas(scenario, keys, 30);
        farEnds.add(s);
        return s;
    }

    /** The call is over and nothing is left: no call in the gateway, no media session open. */
    private static CallEndReason endedCleanly(LivePhone phone, Call call) {
        phone.calls.awaitState(call.id(), CallState.ENDED);
        assertEquals(List.of(), phone.gateway.calls(), "no call left");
        assertEquals(0, engine.openSessions(), "media released");
        return call.endReason().orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "404, Not Found, NOT_FOUND",
        "408, Request Timeout, TIMEOUT",
        "480, Temporarily Unavailable, UNAVAILABLE",
        "486, Busy Here, BUSY",
        "487, Request Terminated, CANCELLED",
        "488, Not Acceptable Here, NOT_ACCEPTABLE",
        "603, Decline, REJECTED",
        "500, Server Internal Error, SERVER_ERROR",
        "503, Service Unavailable, SERVER_ERROR",
    })
    void aFinalFailureResponseEndsTheCallWithItsReason(int status, String phrase, CallEndReason.Kind kind)
            throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("status", Integer.toString(status));
        keys.put("reason", phrase);
        Sipp bob = farEnd("reject", keys);

        Call call = alice.dial(bob.uri("bob"));
        CallEndReason reason = endedCleanly(alice, call);
        assertEquals(kind, reason.kind(), reason::toString);
        assertEquals(status, reason.sipStatus());
        assertEquals(status + " " + phrase, reason.text());
        // SIPp's scenario ends with the ACK of the final response: exit code 0 means it came.
        assertEquals(0, bob.awaitExit(Waits.SECONDS), bob::log);
        assertTrue(bob.received("ACK") >= 1, bob::log);
        assertTrue(alice.calls.lines(call.id()).contains("SIP_RECEIVED " + status + " " + phrase),
                alice.calls.lines(call.id())::toString);
    }

    @Test
    void aRedirectIsFollowedToASecondFarEndThatAnswers() throws Exception {
        Sipp carol = farEnd("answer", Map.of());
        Sipp bob = farEnd("redirect", Map.of("contact", carol.uri("carol")));

        Call call = alice.dial(bob.uri("bob"));
        alice.calls.awaitState(call.id(), CallState.CONNECTED);
        assertEquals(0, bob.awaitExit(Waits.SECONDS), () -> "bob got the ACK of his 302: " + bob.log());
        List<String> lines = alice.calls.lines(call.id());
        assertTrue(lines.contains("SIP_RECEIVED 302 Moved Temporarily"), lines::toString);
        assertTrue(lines.contains("SIP_SENT INVITE " + carol.uri("carol") + " (redirected)"), lines::toString);

        alice.gateway.hangup(call.id());
        CallEndReason reason = endedCleanly(alice, call);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, reason.kind(), reason::toString);
        assertEquals(0, carol.awaitExit(Waits.SECONDS), () -> "carol got ACK and BYE: " + carol.log());
    }

    @Test
    void anEndlessChainOfRedirectsEndsAtTheLimit() throws Exception {
        Sipp bob = farEnd("redirect-loop", Map.of());

        Call call = alice.dial(bob.uri("bob"));
        CallEndReason reason = endedCleanly(alice, call);
        assertEquals(CallEndReason.Kind.UNAVAILABLE, reason.kind(), reason::toString);
        assertEquals(302, reason.sipStatus());
        assertTrue(reason.text().contains("too many redirections"), reason.text());
        Set<String> invites = bob.messages().lines().filter(l -> l.matches("CSeq: *[0-9]+ INVITE"))
                .collect(Collectors.toSet());
        assertEquals(Redirection.MAX_REDIRECTS + 1, invites.size(), bob::log);
        long acks = bob.messages().lines().filter(l -> l.matches("CSeq: *[0-9]+ ACK")).distinct().count();
        assertEquals(Redirection.MAX_REDIRECTS + 1, acks, () -> "every 302 ACKed: " + bob.log());
    }

    @Test
    void anInviteNobodyAnswersEndsWithTimerB() throws Exception {
        Sipp bob = farEnd("silent", Map.of());
        try (LivePhone fast = new LivePhone(fastStack, engine, Map.of("id", "alice-fast", "user", "alice", "prepare_media", false,
                "register", false))) {
            long start = System.nanoTime();
            Call call = fast.dial(bob.uri("bob"));
            CallEndReason reason = endedCleanly(fast, call);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(CallEndReason.Kind.TIMEOUT, reason.kind(), reason::toString);
            assertEquals(408, reason.sipStatus());
            assertTrue(reason.text().contains("timer B"), reason.text());
            assertTrue(ms >= 2500 && ms < 9000, "Timer B = 64*T1 = 3.2 s, took " + ms + " ms");
            assertTrue(bob.received("INVITE") >= 2, () -> "the INVITE was retransmitted: " + bob.log());
        }
    }

    @Test
    void aByeNobodyAnswersEndsTheCallWithTimerF() throws Exception {
        Sipp bob = farEnd("deaf-to-bye", Map.of());
        try (LivePhone fast = new LivePhone(fastStack, engine, Map.of("id", "alice-fast", "user", "alice", "prepare_media", false,
                "register", false))) {
            Call call = fast.dial(bob.uri("bob"));
            fast.calls.awaitState(call.id(), CallState.CONNECTED);
            long start = System.nanoTime();
            fast.gateway.hangup(call.id());
            CallEndReason reason = endedCleanly(fast, call);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(CallEndReason.Kind.LOCAL_HANGUP, reason.kind(), reason::toString);
            assertTrue(reason.text().contains("BYE unanswered"), reason.text());
            assertTrue(ms >= 2500 && ms < 9000, "Timer F = 64*T1 = 3.2 s, took " + ms + " ms");
            assertTrue(bob.received("BYE") >= 2, () -> "the BYE was retransmitted: " + bob.log());
        }
    }

    // ---- mid-call far ends -------------------------------------------------------------

    @Test
    void theFarEndHoldsAndResumesByReinviteAndHangsUp() throws Exception {
        Sipp bob = farEnd("reinvite-hold", Map.of());
        Call call = alice.dial(bob.uri("bob"));
        alice.calls.awaitEvent(call.id(), io.siprtc.api.call.CallEvent.Type.HOLD, "held by the far end");
        alice.calls.awaitEvent(call.id(), io.siprtc.api.call.CallEvent.Type.HOLD, "resumed by the far end");
        CallEndReason reason = endedCleanly(alice, call);
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, reason.kind(), reason::toString);
        assertEquals(0, bob.awaitExit(Waits.SECONDS), bob::log);
    }

    @Test
    void reinvitesThatCrossAreRefusedWith491AndOursIsRetriedAfterTheOwnersBackOff() throws Exception {
        Sipp bob = farEnd("glare", Map.of());
        Call call = alice.dial(bob.uri("bob"));
        alice.calls.awaitState(call.id(), CallState.CONNECTED);
        alice.gateway.hold(call.id());
        // the far end's crossing re-INVITE got our 491 (the scenario checks it), then ours got its 491
        String glare = alice.calls.awaitEvent(call.id(), io.siprtc.api.call.CallEvent.Type.RENEGOTIATED,
                "glare (491), trying again in ").detail();
        long backOff = Long.parseLong(glare.replaceAll(".*trying again in (\\d+) ms.*", "$1"));
        // we dialled, so we own the Call-ID: RFC 3261 section 14.1 says 2.1 to 4 s
        assertTrue(backOff >= 2100 && backOff <= 4000, glare);
        alice.calls.awaitEvent(call.id(), io.siprtc.api.call.CallEvent.Type.HOLD, "on hold");
        assertTrue(call.isOnHold(), "on hold after the retried re-INVITE");
        CallEndReason reason = endedCleanly(alice, call);
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, reason.kind(), reason::toString);
        assertEquals(0, bob.awaitExit(Waits.SECONDS), bob::log);
        List<String> lines = alice.calls.lines(call.id());
        assertTrue(lines.contains("SIP_SENT 491 Request Pending (INVITE)"), lines::toString);
    }

    @Test
    void a422RaisesSessionExpiresAndWeRefreshByUpdateWithinTheInterval() throws Exception {
        // We ask for 90 s (the smallest RFC 4028 allows), the far end's 422 for 120: the refresh comes at 60 s.
        Sipp bob = Sipp.uas("session-timer", Map.of("min_se", "120", "update_timeout", "75000"), 100);
        farEnds.add(bob);
        try (LivePhone timed = new LivePhone(stack, engine, Map.of("id", "alice-timed", "user", "alice", "prepare_media", false,
                "register", false, "session_expires", 90))) {
            Call call = timed.dial(bob.uri("bob"));
            timed.calls.awaitState(call.id(), CallState.CONNECTED);
            List<String> lines = timed.calls.lines(call.id());
            assertTrue(lines.contains("SIP_RECEIVED 422 Session Interval Too Small"), lines::toString);
            assertEquals(0, bob.awaitExit(95), bob::log); // it exits after the UPDATE and its BYE
            timed.calls.awaitEvent(call.id(), io.siprtc.api.call.CallEvent.Type.RENEGOTIATED, "session refreshed (UPDATE)");
            assertTrue(bob.messages().contains("Session-Expires: 120;refresher=uac"), bob::log);
            CallEndReason reason = endedCleanly(timed, call);
            assertEquals(CallEndReason.Kind.REMOTE_HANGUP, reason.kind(), reason::toString);
        }
    }

    @Test
    void weTransferTheFarEndWithReferAndHangUpWhenItReportsSuccess() throws Exception {
        Sipp bob = farEnd("refer-accept", Map.of());
        Call call = alice.dial(bob.uri("bob"));
        alice.calls.awaitState(call.id(), CallState.CONNECTED);
        alice.gateway.transfer(call.id(), "sip:carol@127.0.0.1:5999");
        CallEndReason reason = endedCleanly(alice, call);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, reason.kind(), reason::toString);
        assertTrue(reason.text().contains("transferred to sip:carol@127.0.0.1:5999"), reason.text());
        assertEquals(0, bob.awaitExit(Waits.SECONDS), bob::log);
        assertTrue(bob.messages().contains("Refer-To: <sip:carol@127.0.0.1:5999>"), bob::log);
    }

    @Test
    void theFarEndTransfersUsWithReferAndWeCallTheTarget() throws Exception {
        Sipp carol = farEnd("answer", Map.of());
        Sipp bob = farEnd("refer-from-far-end", Map.of("refer_to", carol.uri("carol")));
        Call call = alice.dial(bob.uri("bob"));
        alice.calls.awaitState(call.id(), CallState.ENDED); // bob hangs up after the NOTIFY with 200
        CallEndReason reason = call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, reason.kind(), reason::toString);
        assertEquals(0, bob.awaitExit(Waits.SECONDS), () -> "bob got 202 and three NOTIFYs: " + bob.log());
        Call toCarol = alice.gateway.calls().stream().filter(c -> c.remoteUri().equals(carol.uri("carol")))
                .findFirst().orElseThrow(() -> new AssertionError("no call to carol: " + alice.gateway.calls()));
        assertEquals(CallState.CONNECTED, toCarol.state());
        alice.gateway.hangup(toCarol.id());
        endedCleanly(alice, toCarol);
        assertEquals(0, carol.awaitExit(Waits.SECONDS), carol::log);
    }

    @Test
    void dtmfByInfoBothWaysWhenTheEngineCannotSendRfc4733() throws Exception {
        Sipp bob = farEnd("dtmf-info", Map.of());
        Call call = alice.dial(bob.uri("bob"));
        alice.calls.awaitState(call.id(), CallState.CONNECTED);
        alice.gateway.sendDtmf(call.id(), "1#");
        alice.calls.awaitEvent(call.id(), io.siprtc.api.call.CallEvent.Type.DTMF, "sent # (INFO)");
        alice.calls.awaitEvent(call.id(), io.siprtc.api.call.CallEvent.Type.DTMF, "received 7 (INFO)");
        CallEndReason reason = endedCleanly(alice, call);
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, reason.kind(), reason::toString);
        assertEquals(0, bob.awaitExit(Waits.SECONDS), bob::log);
    }
}
