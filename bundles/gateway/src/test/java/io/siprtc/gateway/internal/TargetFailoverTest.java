package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipTransport;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 3263 section 4.3 failover along located servers, on a fake endpoint. */
class TargetFailoverTest {

    private static final SipHop A = new SipHop("192.0.2.1", 5060, SipTransport.UDP);
    private static final SipHop B = new SipHop("192.0.2.2", 5060, SipTransport.UDP);
    private static final SipHop C = new SipHop("192.0.2.3", 5060, SipTransport.TCP);
    private static final String DEST = "sip:siprtc.test";

    private final FakeSipEndpoint endpoint = new FakeSipEndpoint(new SipEndpointConfig("alice", "127.0.0.1", 5070, Set.of()), null);
    private final TargetFailover failover = new TargetFailover();
    private final Recorder outcome = new Recorder();

    private static SipRequest register() {
        return SipRequest.of("REGISTER", DEST).withHeader("Call-ID", "c1").withHeader("CSeq", "1 REGISTER")
                .withHeader("From", "<sip:alice@siprtc.test>;tag=1").withHeader("To", "<sip:alice@siprtc.test>");
    }

    private ClientTransaction send(List<SipHop> hops) throws SipException {
        return failover.send(DEST, hops, register(), endpoint::send, outcome);
    }

    @Test
    void transportErrorTimeoutAnd503MoveOnEachWithANewTransaction() throws Exception {
        send(List.of(A, B, C));
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        assertEquals(A, first.hop);
        first.transportError("connection refused");
        FakeClientTransaction second = endpoint.nextRequest("REGISTER");
        assertEquals(B, second.hop);
        second.respond(503);
        FakeClientTransaction third = endpoint.nextRequest("REGISTER");
        assertEquals(C, third.hop);
        assertEquals(register().headers().toString(), third.request().headers().toString(), "the same request each time (the stack gives each a new branch)");
        third.respond(100);
        third.respond(200);
        assertEquals(List.of("100", "200"), outcome.events, "only what the last server said");
        assertEquals(C, failover.lastAnswered(DEST));
    }

    @Test
    void aTimeoutMovesOnToo() throws Exception {
        send(List.of(A, B));
        endpoint.nextRequest("REGISTER").timeout();
        FakeClientTransaction b = endpoint.nextRequest("REGISTER");
        assertEquals(B, b.hop);
        b.respond(401);
        assertEquals(List.of("401"), outcome.events);
    }

    @Test
    void whenAllFailTheCallerHearsTheLastFailureAndEveryServer() throws Exception {
        send(List.of(A, B));
        endpoint.nextRequest("REGISTER").transportError("connection refused");
        endpoint.nextRequest("REGISTER").transportError("connection reset");
        assertEquals(List.of("error: connection reset (tried 2 servers: 192.0.2.1:5060/UDP: connection refused; "
                + "192.0.2.2:5060/UDP: connection reset)"), outcome.events);
        endpoint.assertNothingSent();
    }

    @Test
    void aLast503IsTheOutcomeAndALastTimeoutToo() throws Exception {
        send(List.of(A));
        endpoint.nextRequest("REGISTER").respond(503);
        assertEquals(List.of("503"), outcome.events);
        assertNull(failover.lastAnswered(DEST), "a 503 does not make a server the preferred one");
        outcome.events.clear();
        send(List.of(A, B));
        endpoint.nextRequest("REGISTER").respond(503);
        endpoint.nextRequest("REGISTER").timeout();
        assertEquals(List.of("timeout"), outcome.events);
    }

    @Test
    void serversThatCannotBeUsedAtAllAreSkippedAndOnlyNoneThrows() throws Exception {
        endpoint.sendFailure = "does not listen on TCP";
        SipException e = assertThrows(SipException.class, () -> send(List.of(C)));
        assertEquals("does not listen on TCP", e.getMessage());
        e = assertThrows(SipException.class, () -> send(List.of(A, C)));
        assertEquals("does not listen on TCP (tried 2 servers: 192.0.2.1:5060/UDP: does not listen on TCP; "
                + "192.0.2.3:5060/TCP: does not listen on TCP)", e.getMessage());
    }

    @Test
    void noFailoverOnceAUasHasTheRequest() throws Exception {
        send(List.of(A, B));
        FakeClientTransaction a = endpoint.nextRequest("REGISTER");
        a.respond(180);
        a.respond(503);
        assertEquals(List.of("180", "503"), outcome.events);
        endpoint.assertNothingSent();
    }

    @Test
    void cancelGoesToTheAttemptUnderWayAndStopsFailover() throws Exception {
        ClientTransaction tx = send(List.of(A, B, C));
        endpoint.nextRequest("REGISTER").transportError("refused");
        FakeClientTransaction b = endpoint.nextRequest("REGISTER");
        tx.cancel();
        assertTrue(b.isCancelled());
        b.timeout();
        assertEquals(List.of("timeout"), outcome.events);
        endpoint.assertNothingSent();
    }

    @Test
    void lateNewsOfAnEarlierAttemptIsDropped() throws Exception {
        send(List.of(A, B));
        FakeClientTransaction a = endpoint.nextRequest("REGISTER");
        a.respond(503);
        FakeClientTransaction b = endpoint.nextRequest("REGISTER");
        a.timeout();
        a.respond(200);
        assertEquals(List.of(), outcome.events);
        b.respond(200);
        assertEquals(List.of("200"), outcome.events);
    }

    @Test
    void theServerThatAnsweredLastIsTriedFirstUntilItFails() throws Exception {
        send(List.of(A, B));
        endpoint.nextRequest("REGISTER").transportError("refused");
        endpoint.nextRequest("REGISTER").respond(401);
        assertEquals(B, failover.lastAnswered(DEST));

        send(List.of(A, B));
        FakeClientTransaction again = endpoint.nextRequest("REGISTER");
        assertEquals(B, again.hop, "the credentials go to the server that challenged");
        again.timeout();
        FakeClientTransaction thenA = endpoint.nextRequest("REGISTER");
        assertEquals(A, thenA.hop);
        assertNull(failover.lastAnswered(DEST), "B failed: no longer preferred");
        thenA.respond(200);
        assertEquals(A, failover.lastAnswered(DEST));
    }

    /** The caller's handler: statuses, "timeout" and "error: ...". */
    private static final class Recorder implements io.siprtc.api.sip.ResponseHandler {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onResponse(io.siprtc.api.sip.SipResponse response) {
            events.add(Integer.toString(response.status()));
        }

        @Override
        public void onTimeout() {
            events.add("timeout");
        }

        @Override
        public void onTransportError(String message) {
            events.add("error: " + message);
        }
    }
}
