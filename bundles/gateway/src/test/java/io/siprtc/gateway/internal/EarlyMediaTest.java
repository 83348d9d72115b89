package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Early media (183 Session Progress with SDP, RFC 3960) on both sides. */
class EarlyMediaTest {

    private GatewayFixture fx;

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void a183WithSdpIsAProvisionalAnswerAndThe200TheFinalOne() throws Exception {
        fx = new GatewayFixture();
        Call call = fx.dial(GatewayFixture.BOB);
        FakeMediaSession media = fx.engine.nextSession();
        FakeClientTransaction invite = fx.endpoint().nextRequest("INVITE");
        invite.respond(invite.response(183).withBody("application/sdp", Sdps.FAR_END_ANSWER.getBytes(StandardCharsets.UTF_8)));
        fx.awaitState(call, CallState.RINGING);
        SessionDescription early = media.remoteDescriptions.poll(5, TimeUnit.SECONDS);
        assertEquals(SessionDescription.Type.PRANSWER, early.type());
        fx.events.awaitEvent(call.id(), CallEvent.Type.MEDIA, "early media (183)");

        invite.answer(Sdps.FAR_END_ANSWER);
        fx.endpoint().nextAck();
        fx.awaitState(call, CallState.CONNECTED);
        assertEquals(SessionDescription.Type.ANSWER, media.remoteDescriptions.poll(5, TimeUnit.SECONDS).type());
    }

    @Test
    void a200WithoutSdpAfterEarlyMediaUsesTheEarlyAnswer() throws Exception {
        fx = new GatewayFixture();
        Call call = fx.dial(GatewayFixture.BOB);
        FakeMediaSession media = fx.engine.nextSession();
        FakeClientTransaction invite = fx.endpoint().nextRequest("INVITE");
        invite.respond(invite.response(183).withBody("application/sdp", Sdps.FAR_END_ANSWER.getBytes(StandardCharsets.UTF_8)));
        assertEquals(SessionDescription.Type.PRANSWER, media.remoteDescriptions.poll(5, TimeUnit.SECONDS).type());
        invite.respond(200);
        fx.endpoint().nextAck();
        fx.awaitState(call, CallState.CONNECTED);
        assertEquals(SessionDescription.Type.ANSWER, media.remoteDescriptions.poll(5, TimeUnit.SECONDS).type());
    }

    @Test
    void anEarlyMediaAccountAnswersTheOfferIn183AndSends200WhenAnswered() throws CallException {
        fx = new GatewayFixture(Map.of("early_media", true));
        FarEnd bob = new FarEnd("early@192.0.2.20");
        FakeServerTransaction invite = fx.endpoint().receive(bob.invite());
        SipResponse progress = invite.expect(183);
        assertTrue(progress.bodyText().contains("m=audio"), "our answer in the 183");
        Call call = fx.gateway.calls().get(0);
        assertEquals(CallState.INCOMING, call.state());
        fx.gateway.answer(call.id());
        SipResponse ok = invite.expect(200);
        assertEquals(progress.bodyText(), ok.bodyText(), "the 200 repeats the answer of the 183");
        fx.endpoint().receiveAck(bob.ack(ok));
        fx.awaitState(call, CallState.CONNECTED);
    }
}
