package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallState;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** calls(), call(id) and how long ended calls are remembered. */
class CallRegistryTest {

    private final GatewayFixture gw = new GatewayFixture();

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void callsListsLiveCallsOldestFirst() throws Exception {
        Call first = gw.dial("sip:bob@example.org");
        Call second = gw.dial("sip:carol@example.org");
        assertEquals(List.of(first.id(), second.id()), gw.liveCallIds());
        gw.endpoint().nextRequest("INVITE").respond(486);
        gw.awaitState(first, CallState.ENDED);
        assertEquals(List.of(second.id()), gw.liveCallIds());
        assertTrue(gw.gateway.call(first.id()).isPresent());
    }

    @Test
    void longEndedCallsAreForgottenWithTheirDialogs() throws Exception {
        FarEnd bob = new FarEnd("early@192.0.2.20");
        FakeServerTransaction invite = gw.endpoint().receive(bob.invite());
        invite.expect(180);
        gw.endpoint().receiveCancel(invite);
        invite.expect(487);
        gw.sync();
        assertTrue(gw.gateway.call("c1").isPresent());
        gw.endpoint().receive(bob.invite()).expect(482); // its Call-ID is still known

        gw.gateway.unbindMediaEngine(gw.engine); // each dial now ends at once
        for (int i = 0; i < 100; i++) {
            gw.dial("sip:bob@example.org");
        }
        assertTrue(gw.gateway.call("c1").isEmpty(), "the oldest ended call is forgotten");
        assertTrue(gw.gateway.call("c2").isPresent());

        gw.gateway.bindMediaEngine(gw.engine);
        gw.endpoint().receive(bob.invite()).expect(180); // and so is its dialog: the Call-ID is free again
    }
}
