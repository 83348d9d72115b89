package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.GatewayFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.sip.SipRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alice's call fails: final responses, no response, no route, media trouble. Each ends cleanly. */
class OutgoingFailureTest {

    private final GatewayFixture gw = new GatewayFixture();

    @AfterEach
    void stop() {
        gw.close();
    }

    /** Ends the call with what the far end did, then checks it ended cleanly. */
    private CallEndReason ended(Call call, FakeMediaSession media) {
        gw.awaitState(call, CallState.ENDED);
        assertEquals(CallState.ENDED, call.state());
        assertTrue(media.isClosed(), "media released");
        assertEquals(List.of(), gw.liveCallIds(), "no call left");
        return call.endReason().orElseThrow();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "486, BUSY", "600, BUSY", "404, NOT_FOUND", "408, TIMEOUT", "480, UNAVAILABLE", "488, NOT_ACCEPTABLE",
        "500, SERVER_ERROR", "503, SERVER_ERROR", "603, REJECTED", "403, ERROR",
    })
    void finalFailureResponseEndsTheCall(int status, CallEndReason.Kind kind) throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
        invite.respond(180);
        invite.respond(status);

        CallEndReason reason = ended(call, media);
        assertEquals(kind, reason.kind());
        assertEquals(status, reason.sipStatus());
        assertTrue(reason.text().startsWith(status + " "), reason.text());
        gw.sync();
        gw.endpoint().assertNothingSent(); // the stack ACKs a non-2xx itself; no BYE for a failed INVITE
    }

    @Test
    void noAnswerAtAllEndsWithTimeout() throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        gw.endpoint().nextRequest("INVITE").timeout();

        CallEndReason reason = ended(call, media);
        assertEquals(CallEndReason.Kind.TIMEOUT, reason.kind());
        assertEquals(408, reason.sipStatus());
        assertTrue(reason.text().contains("no answer from " + BOB), reason.text());
    }

    @Test
    void unreachableTargetEndsWithUnavailable() throws Exception {
        Call call = gw.dial("sip:bob@192.0.2.99:5072");
        FakeMediaSession media = gw.engine.nextSession();
        gw.endpoint().nextRequest("INVITE").transportError("connection refused");

        CallEndReason reason = ended(call, media);
        assertEquals(CallEndReason.Kind.UNAVAILABLE, reason.kind());
        assertEquals(503, reason.sipStatus());
        assertEquals("sip:bob@192.0.2.99:5072 unreachable: connection refused", reason.text());
    }

    @Test
    void inviteTheStackCannotSendEndsWithUnavailable() throws Exception {
        gw.endpoint().sendFailure = "no route to host no.such.host.invalid";
        Call call = gw.dial("sip:bob@no.such.host.invalid");
        FakeMediaSession media = gw.engine.nextSession();

        CallEndReason reason = ended(call, media);
        assertEquals(CallEndReason.Kind.UNAVAILABLE, reason.kind());
        assertEquals(503, reason.sipStatus());
        assertEquals("cannot send INVITE: no route to host no.such.host.invalid", reason.text());
    }

    @Test
    void failedOfferEndsWithMediaFailedAndSendsNothing() throws Exception {
        gw.engine.script = s -> s.offer = () -> FakeMediaSession.failed(new MediaException("no audio device", 500, null));
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();

        CallEndReason reason = ended(call, media);
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertEquals("offer failed: no audio device", reason.text());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void offerThatThrowsEndsWithMediaFailed() throws Exception {
        gw.engine.script = s -> s.offer = () -> {
            throw new IllegalStateException("peer connection factory disposed");
        };
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();

        CallEndReason reason = ended(call, media);
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertTrue(reason.text().contains("peer connection factory disposed"), reason.text());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void unusableOfferSdpEndsWithMediaFailed() throws Exception {
        gw.engine.script = s -> s.offer = () -> CompletableFuture.completedFuture(SessionDescription.offer("o=broken"));
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();

        CallEndReason reason = ended(call, media);
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertTrue(reason.text().startsWith("offer unusable: media engine produced bad SDP"), reason.text());
        gw.sync();
        gw.endpoint().assertNothingSent();
    }

    @Test
    void answerTheEngineRejectsIsAckedThenByed() throws Exception {
        gw.engine.script = s -> s.remote = d -> FakeMediaSession.failed(new MediaException("no common codec"));
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
        invite.answer(Sdps.FAR_END_ANSWER);

        assertEquals(Optional.of("1 ACK"), gw.endpoint().nextAck().header("CSeq"));
        FakeClientTransaction bye = gw.endpoint().nextRequest("BYE");
        assertEquals(Optional.of("2 BYE"), bye.request().header("CSeq"));
        CallEndReason reason = ended(call, media);
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertEquals("answer rejected by media engine: no common codec", reason.text());
        bye.respond(200);
        gw.sync();
        assertEquals(reason, call.endReason().orElseThrow(), "the BYE's 200 does not overwrite the reason");
    }

    @Test
    void answerThatMakesTheEngineThrowIsAckedThenByed() throws Exception {
        gw.engine.script = s -> s.remote = d -> {
            throw new IllegalArgumentException("SDP has no fingerprint");
        };
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        gw.endpoint().nextRequest("INVITE").answer(Sdps.FAR_END_ANSWER);

        gw.endpoint().nextAck();
        gw.endpoint().nextRequest("BYE");
        CallEndReason reason = ended(call, media);
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertTrue(reason.text().contains("SDP has no fingerprint"), reason.text());
    }

    @Test
    void twoHundredWithoutSdpIsAckedThenByed() throws Exception {
        Call call = gw.dial(BOB);
        FakeMediaSession media = gw.engine.nextSession();
        FakeClientTransaction invite = gw.endpoint().nextRequest("INVITE");
        invite.respond(200);

        SipRequest ack = gw.endpoint().nextAck();
        assertEquals(FakeClientTransaction.FAR_CONTACT, ack.requestUri());
        gw.endpoint().nextRequest("BYE");
        CallEndReason reason = ended(call, media);
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
        assertEquals("200 OK without SDP answer", reason.text());
        assertEquals(0, media.remoteDescriptions.size());
    }
}
