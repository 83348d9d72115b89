package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dial() with a bad target, a missing account, engine or stack: a clear message, no call left running. */
class DialBadInputTest {

    private final GatewayFixture gw = new GatewayFixture();

    @AfterEach
    void stop() {
        gw.close();
    }

    private void assertNothingHappened() {
        gw.sync();
        assertEquals(List.of(), gw.gateway.calls());
        gw.engine.assertNoSession();
        gw.endpoint().assertNothingSent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:", "bob smith", "sip:bob@", "sip:bob@exa mple.org", "http://example.org/bob",
        "sip:bob@[::1", "sip:bob@example.org:99999", "sip:bob@example.org;transport=tcp x"})
    void malformedTargetIsRefusedWithTheReason(String target) {
        CallException e = assertThrows(CallException.class, () -> gw.dial(target));
        assertTrue(e.getMessage().startsWith("cannot call '" + target + "': "), e.getMessage());
        assertTrue(e.getMessage().contains("SIP URI"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
        assertEquals(Optional.empty(), gw.gateway.call("c1"), "no call was made");
        assertNothingHappened();
    }

    @Test
    void missingTargetIsRefused() {
        CallException e = assertThrows(CallException.class, () -> gw.dial(null));
        assertEquals("cannot call 'null': empty SIP URI", e.getMessage());
        assertNothingHappened();
    }

    @Test
    void unknownAccountIsRefused() {
        CallException e = assertThrows(CallException.class, () -> gw.gateway.dial("carol", "sip:bob@example.org"));
        assertEquals("unknown account 'carol' (configured: [alice])", e.getMessage());
        assertThrows(CallException.class, () -> gw.gateway.dial(null, "sip:bob@example.org"));
        assertNothingHappened();
    }

    @Test
    void noMediaEngineEndsTheCallAtOnce() throws Exception {
        gw.gateway.unbindMediaEngine(gw.engine);
        Call call = gw.dial("sip:bob@example.org");
        assertEquals(CallState.ENDED, call.state(), "already ended when dial returns");
        CallEndReason reason = call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.NO_MEDIA_ENGINE, reason.kind());
        assertEquals("no media engine is installed", reason.text());
        assertNothingHappened();
    }

    @Test
    void accountWithoutSipStackEndsTheCallAtOnce() throws Exception {
        gw.account.unbindSipStack(gw.stack);
        Call call = gw.dial("sip:bob@example.org");
        assertEquals(CallState.ENDED, call.state());
        assertEquals(CallEndReason.of(CallEndReason.Kind.NO_SIP_STACK, "account alice: no SIP stack").toString(),
                call.endReason().orElseThrow().toString());
        gw.sync();
        assertEquals(List.of(), gw.gateway.calls());
        gw.engine.assertNoSession();
    }

    @Test
    void accountWhoseAddressIsTakenEndsTheCallWithWhy() throws Exception {
        gw.stack.openFailure = "127.0.0.1:5070 is in use";
        gw.account.bindSipStack(gw.stack); // reopens, and fails
        AccountInfo info = gw.gateway.accounts().get(0);
        assertEquals("127.0.0.1:5070 is in use", info.state());

        Call call = gw.dial("sip:bob@example.org");
        CallEndReason reason = call.endReason().orElseThrow();
        assertEquals(CallEndReason.Kind.NO_SIP_STACK, reason.kind());
        assertEquals("account alice: 127.0.0.1:5070 is in use", reason.text());
    }

    @Test
    void engineThatCannotMakeASessionEndsTheCall() throws Exception {
        gw.engine.createFailure = new MediaException("media engine is stopped", 503, null);
        Call call = gw.dial("sip:bob@example.org");
        assertEquals(CallState.ENDED, call.state());
        assertEquals(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, "media engine failed: media engine is stopped")
                .toString(), call.endReason().orElseThrow().toString());

        gw.engine.createFailure = new IllegalStateException("native library not loaded");
        Call second = gw.dial("sip:bob@example.org");
        assertEquals(CallEndReason.Kind.MEDIA_FAILED, second.endReason().orElseThrow().kind());
        assertTrue(second.endReason().orElseThrow().text().contains("native library not loaded"));
        assertNothingHappened();
    }

    @Test
    void theGatewayStillCallsAfterBadInput() throws Exception {
        assertThrows(CallException.class, () -> gw.dial("sip:"));
        gw.engine.createFailure = new MediaException("busy", 503, null);
        gw.dial("sip:bob@example.org");
        gw.engine.createFailure = null;

        Call call = gw.dial("bob");
        assertEquals("sip:bob@127.0.0.1", call.remoteUri(), "a bare user is in the account's domain");
        assertEquals("sip:bob@127.0.0.1", gw.endpoint().nextRequest("INVITE").request().requestUri());
    }
}
