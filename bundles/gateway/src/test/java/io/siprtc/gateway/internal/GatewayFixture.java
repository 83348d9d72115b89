package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallState;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The gateway wired as DS would wire it: one account ({@code alice}) on a {@link FakeSipStack},
 * a {@link FakeMediaEngine}, a {@link CallRecorder} as whiteboard listener.
 */
final class GatewayFixture implements AutoCloseable {

    static final String BOB = "sip:bob@192.0.2.20:5072";

    /** Held so that the level sticks: INFO lines of every test would bury the build output. */
    private static final Logger GATEWAY_LOG = Logger.getLogger("io.siprtc.gateway");

    static {
        GATEWAY_LOG.setLevel(Level.WARNING);
    }

    final FakeSipStack stack = new FakeSipStack();
    final FakeMediaEngine engine = new FakeMediaEngine();
    final CallRecorder events = new CallRecorder();
    final UserAgent account = new UserAgent(servers -> FakeDns.anyName());
    final SipRtcGateway gateway = new SipRtcGateway();

    GatewayFixture() {
        this(Map.of());
    }

    GatewayFixture(Map<String, Object> accountConfig) {
        account.bindSipStack(stack);
        Map<String, Object> config = new java.util.HashMap<>();
        config.put("prepare_media", false); // the tests take the engine's sessions in order: only the calls' own
        config.putAll(accountConfig);
        account.activate(TestAccounts.alice(config));
        gateway.activate();
        gateway.bindCallListener(events);
        gateway.bindMediaEngine(engine);
        gateway.bindUserAgent(account);
    }

    FakeSipEndpoint endpoint() {
        return stack.endpoint();
    }

    Call dial(String target) throws CallException {
        return gateway.dial(TestAccounts.ALICE, target);
    }

    /** Waits until the signalling thread has run everything queued so far. */
    void sync() {
        assertDoesNotThrow(gateway::awaitSignalling);
    }

    void awaitState(Call call, CallState state) {
        events.awaitState(call.id(), state);
    }

    List<String> liveCallIds() {
        return gateway.calls().stream().map(Call::id).collect(Collectors.toList());
    }

    /** An outgoing call to bob that bob answered: CONNECTED, ACK sent. */
    Outgoing connectedOutgoing() throws CallException {
        Call call = dial(BOB);
        FakeMediaSession media = engine.nextSession();
        FakeClientTransaction invite = endpoint().nextRequest("INVITE");
        invite.respond(180);
        invite.answer(Sdps.FAR_END_ANSWER);
        SipRequest ack = endpoint().nextAck();
        awaitState(call, CallState.CONNECTED);
        return new Outgoing(call, media, invite, ack);
    }

    /** An INVITE from bob that got its 180: the call is INCOMING. */
    Incoming ringingIncoming(FarEnd bob) {
        FakeServerTransaction invite = endpoint().receive(bob.invite());
        SipResponse ringing = invite.expect(180);
        FakeMediaSession media = engine.nextSession();
        List<Call> incoming = gateway.calls().stream().filter(c -> c.direction() == CallDirection.INCOMING)
                .collect(Collectors.toList());
        assertEquals(1, incoming.size(), () -> "one incoming call expected: " + incoming);
        return new Incoming(incoming.get(0), media, invite, ringing);
    }

    /** An incoming call we answered and bob ACKed: CONNECTED. */
    Incoming connectedIncoming(FarEnd bob) throws CallException {
        Incoming in = ringingIncoming(bob);
        gateway.answer(in.call.id());
        in.ok = in.invite.expect(200);
        awaitState(in.call, CallState.ANSWERING);
        endpoint().receiveAck(bob.ack(in.ok));
        awaitState(in.call, CallState.CONNECTED);
        return in;
    }

    @Override
    public void close() {
        gateway.deactivate();
        account.deactivate();
    }

    static final class Outgoing {
        final Call call;
        final FakeMediaSession media;
        final FakeClientTransaction invite;
        final SipRequest ack;

        Outgoing(Call call, FakeMediaSession media, FakeClientTransaction invite, SipRequest ack) {
            this.call = call;
            this.media = media;
            this.invite = invite;
            this.ack = ack;
        }
    }

    static final class Incoming {
        final Call call;
        final FakeMediaSession media;
        final FakeServerTransaction invite;
        final SipResponse ringing;
        SipResponse ok;

        Incoming(Call call, FakeMediaSession media, FakeServerTransaction invite, SipResponse ringing) {
            this.call = call;
            this.media = media;
            this.invite = invite;
            this.ringing = ringing;
        }
    }
}
