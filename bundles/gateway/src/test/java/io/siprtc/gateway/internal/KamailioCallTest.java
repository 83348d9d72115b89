package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.LiveMedia.awaitMedia;
import static io.siprtc.gateway.internal.LiveMedia.hears;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two SIPRTC user agents (each its own gateway and account, JAIN-SIP stack, webrtc-java media)
 * call each other through a real Kamailio that authenticates INVITE and BYE and record-routes:
 * alice (UDP, domain 127.0.0.1:port) calls bob (TCP, domain siprtc.test by the outbound proxy),
 * each hears the other's tone, alice hangs up; once bob has unregistered, a call to him is 404.
 */
class KamailioCallTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String BOB_PASSWORD = "b-" + UUID.randomUUID();
    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");

    @RegisterExtension
    static final KamailioRig RIG = new KamailioRig("call",
            new Kamailio.Options().user("alice", ALICE_PASSWORD).user("bob", BOB_PASSWORD).challengeBye()).withoutCapture();

    static {
        SIPRTC_LOG.setLevel(Level.WARNING);
    }

    @Test
    void aliceCallsBobThroughKamailioWithMediaBothWays() throws Exception {
        try (LivePhone alice = new LivePhone(RIG.stack, RIG.engine, Map.of("id", "alice", "user", "alice",
                "domain", RIG.kamailio.hostPort(), "_password", ALICE_PASSWORD, "tone_hz", 440.0));
                LivePhone bob = new LivePhone(RIG.stack, RIG.engine, Map.of("id", "bob", "user", "bob", "domain", Kamailio.REALM,
                        "outbound_proxy", "sip:" + RIG.kamailio.hostPort(), "transport", "tcp", "_password", BOB_PASSWORD,
                        "auto_answer", true, "tone_hz", 880.0))) {
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();

            Call out = alice.dial("bob");
            assertEquals("sip:bob@" + RIG.kamailio.hostPort(), out.remoteUri());
            alice.calls.awaitState(out.id(), CallState.CONNECTED);
            Call in = bob.gateway.calls().stream().filter(c -> c.direction() == CallDirection.INCOMING).findFirst()
                    .orElseThrow(() -> new AssertionError("bob has no incoming call: " + bob.gateway.calls()));
            bob.calls.awaitState(in.id(), CallState.CONNECTED);
            assertEquals("sip:alice@" + RIG.kamailio.hostPort(), in.remoteUri());

            List<String> aliceSaw = alice.calls.lines(out.id());
            assertTrue(aliceSaw.contains("SIP_RECEIVED 407 Proxy Authentication Required"), aliceSaw::toString);
            assertTrue(aliceSaw.contains("SIP_SENT INVITE sip:bob@" + RIG.kamailio.hostPort() + " (with credentials)"), aliceSaw::toString);
            assertEquals(1, RIG.kamailio.receivedOnce("SIPRTC-RX INVITE ", "from=alice", "au=alice").size());

            // Each hears the other's tone: media flows both ways (the engine's send counters may lag).
            awaitMedia(out, s -> s.packetsReceived() > 0 && Math.abs(s.receivedToneHz() - 880) < 880 * 0.02);
            awaitMedia(in, s -> s.packetsReceived() > 0 && Math.abs(s.receivedToneHz() - 440) < 440 * 0.02);

            alice.gateway.hangup(out.id());
            alice.calls.awaitState(out.id(), CallState.ENDED);
            bob.calls.awaitState(in.id(), CallState.ENDED);
            assertEquals(CallEndReason.Kind.LOCAL_HANGUP, out.endReason().orElseThrow().kind());
            assertEquals(CallEndReason.Kind.REMOTE_HANGUP, in.endReason().orElseThrow().kind());
            List<String> byes = RIG.kamailio.receivedOnce("SIPRTC-RX BYE ", "from=alice");
            assertEquals(2, byes.size(), () -> "the BYE was challenged and sent again with credentials: " + byes);
            assertTrue(byes.get(1).contains("au=alice"), byes.get(1));

            bob.close(); // unregisters
            Call again = alice.dial("bob");
            alice.calls.awaitState(again.id(), CallState.ENDED);
            CallEndReason notThere = again.endReason().orElseThrow();
            assertEquals(CallEndReason.Kind.NOT_FOUND, notThere.kind(), notThere::toString);
            assertEquals(404, notThere.sipStatus());
        }
    }

    /**
     * Mid-call features through Kamailio with real media: early media (bob answers the offer in a
     * 183 before he answers the call), hold and resume by re-INVITE, DTMF, and hang-up by bob.
     */
    @Test
    void earlyMediaHoldResumeAndDtmfThroughKamailio() throws Exception {
        try (LivePhone alice = new LivePhone(RIG.stack, RIG.engine, Map.of("id", "alice", "user", "alice",
                "domain", RIG.kamailio.hostPort(), "_password", ALICE_PASSWORD, "tone_hz", 440.0));
                LivePhone bob = new LivePhone(RIG.stack, RIG.engine, Map.of("id", "bob", "user", "bob",
                        "domain", RIG.kamailio.hostPort(), "_password", BOB_PASSWORD, "early_media", true, "tone_hz", 880.0))) {
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();

            Call out = alice.dial("bob");
            alice.calls.awaitState(out.id(), CallState.RINGING);
            Call in = awaitIncoming(bob);
            alice.calls.awaitEvent(out.id(), CallEvent.Type.MEDIA, "early media (183)");
            // Early media: both hear each other while bob's phone still rings.
            awaitMedia(out, hears(880));
            awaitMedia(in, hears(440));
            assertEquals(CallState.RINGING, out.state());
            assertEquals(CallState.INCOMING, in.state());

            bob.gateway.answer(in.id());
            alice.calls.awaitState(out.id(), CallState.CONNECTED);
            bob.calls.awaitState(in.id(), CallState.CONNECTED);
            awaitMedia(out, hears(880));

            alice.gateway.hold(out.id());
            alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "on hold");
            bob.calls.awaitEvent(in.id(), CallEvent.Type.HOLD, "held by the far end");
            assertTrue(out.isOnHold() && in.isHeldByRemote());
            // alice (sendonly) receives nothing any more; bob (recvonly) still hears her.
            Thread.sleep(300);
            long before = out.mediaStats().packetsReceived();
            Thread.sleep(1000);
            long held = out.mediaStats().packetsReceived() - before;
            assertTrue(held <= 5, "the holding side gets (almost) nothing: " + held + " packets in 1 s, not ~50");
            awaitMedia(in, hears(440));
            awaitMedia(out, s -> s.receivedToneHz() == 0);

            alice.gateway.resume(out.id());
            alice.calls.awaitEvent(out.id(), CallEvent.Type.HOLD, "resumed");
            bob.calls.awaitEvent(in.id(), CallEvent.Type.HOLD, "resumed by the far end");
            awaitMedia(out, hears(880));
            awaitMedia(in, hears(440));

            alice.gateway.sendDtmf(out.id(), "1#");
            alice.calls.awaitEvent(out.id(), CallEvent.Type.DTMF, "sent 1# (RFC 4733)");

            bob.gateway.hangup(in.id());
            alice.calls.awaitState(out.id(), CallState.ENDED);
            bob.calls.awaitState(in.id(), CallState.ENDED);
            assertEquals(CallEndReason.Kind.REMOTE_HANGUP, out.endReason().orElseThrow().kind());
        }
    }

    private static Call awaitIncoming(LivePhone phone) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (System.nanoTime() < deadline) {
            for (Call c : phone.gateway.calls()) {
                if (c.direction() == CallDirection.INCOMING) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no incoming call: " + phone.gateway.calls());
    }
}
