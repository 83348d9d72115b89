package io.siprtc.sip.jainsip.internal;

import static io.siprtc.sip.jainsip.internal.Recorders.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHeader;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipTransport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SipEndpoint#send(SipRequest, SipHop, io.siprtc.api.sip.ResponseHandler)}: the request goes
 * to the hop whatever its Route and Request-URI name (names that do not resolve, a strict-routing
 * Route that JAIN-SIP's own router would rewrite), and arrives unchanged; its CANCEL follows it.
 */
class SipHopSendTest {

    private static final String HOST = "127.0.0.1";

    private final List<SipEndpoint> opened = new ArrayList<>();
    private final Recorders.Requests bobRequests = new Recorders.Requests();
    private SipEndpoint alice;
    private SipEndpoint bob;

    @BeforeEach
    void open() throws Exception {
        alice = open("alice", new Recorders.Requests(), EnumSet.of(SipTransport.UDP, SipTransport.TCP));
        bob = open("bob", bobRequests, EnumSet.of(SipTransport.UDP, SipTransport.TCP));
    }

    @AfterEach
    void close() throws InterruptedException {
        List<Thread> closers = opened.stream().map(e -> new Thread(e::close)).toList();
        closers.forEach(Thread::start);
        for (Thread t : closers) {
            t.join();
        }
    }

    private SipEndpoint open(String name, Recorders.Requests handler, EnumSet<SipTransport> transports) throws Exception {
        SipEndpoint e = JainSipEndpoint.open(StackSettings.DEFAULTS, new SipEndpointConfig(name, HOST, 0, transports),
                handler, x -> { });
        opened.add(e);
        return e;
    }

    /** A request for a domain that resolves nowhere, with a strict-routing Route (no lr) to another one. */
    private static SipRequest request(String method, String callId) {
        return new SipRequest(method, "sip:bob@siprtc.invalid", List.of(
                new SipHeader("Route", "<sip:proxy.siprtc.invalid:5099>"),
                new SipHeader("From", "<sip:alice@siprtc.invalid>;tag=a1"),
                new SipHeader("To", "<sip:bob@siprtc.invalid>"),
                new SipHeader("Call-ID", callId),
                new SipHeader("CSeq", "1 " + method),
                new SipHeader("Contact", "<sip:alice@127.0.0.1:5999>")), null);
    }

    @ParameterizedTest
    @EnumSource(value = SipTransport.class, names = {"UDP", "TCP"})
    void goesToTheHopUnchanged(SipTransport transport) throws Exception {
        String callId = UUID.randomUUID() + "@test";
        Recorders.Responses responses = new Recorders.Responses();
        SipHop hop = new SipHop(HOST, bob.port(transport), transport);
        ClientTransaction ct = alice.send(request("OPTIONS", callId), hop, responses);
        String via = ct.request().header("Via").orElseThrow();
        assertTrue(via.startsWith("SIP/2.0/" + transport + " 127.0.0.1:" + alice.port(transport)), via);

        ServerTransaction st = take(bobRequests.requests, 5, "OPTIONS at bob");
        SipRequest got = st.request();
        assertEquals(transport, st.transport());
        assertEquals("sip:bob@siprtc.invalid", got.requestUri(), "Request-URI untouched");
        assertEquals(List.of("<sip:proxy.siprtc.invalid:5099>"), got.headerValues("Route"), "Route untouched, none added");
        assertEquals(1, got.headerValues("Via").size());
        st.respond(SipResponse.to(got, 200).withToTag("b1"));
        assertEquals(200, responses.next("200 to OPTIONS").status());
        assertTrue(responses.failures.isEmpty(), responses.failures.toString());
    }

    @Test
    void withoutHopTheRouteDecidesAsBefore() throws Exception {
        Recorders.Responses responses = new Recorders.Responses();
        SipRequest viaRoute = request("OPTIONS", UUID.randomUUID() + "@test")
                .withHeader("Route", "<sip:127.0.0.1:" + bob.port(SipTransport.UDP) + ";lr>");
        alice.send(viaRoute, responses);
        ServerTransaction st = take(bobRequests.requests, 5, "OPTIONS at bob by its Route");
        assertEquals("sip:bob@siprtc.invalid", st.request().requestUri());
        st.respond(SipResponse.to(st.request(), 200).withToTag("b2"));
        assertEquals(200, responses.next("200").status());
    }

    @Test
    void cancelGoesToTheSameHop() throws Exception {
        String callId = UUID.randomUUID() + "@test";
        Recorders.Responses responses = new Recorders.Responses();
        SipHop hop = new SipHop(HOST, bob.port(SipTransport.UDP), SipTransport.UDP);
        ClientTransaction ct = alice.send(request("INVITE", callId), hop, responses);
        ServerTransaction st = take(bobRequests.requests, 5, "INVITE at bob");
        st.respond(SipResponse.to(st.request(), 180).withToTag("b3"));
        SipResponse ringing;
        do {
            ringing = responses.next("180");
        } while (ringing.status() == 100);
        assertEquals(180, ringing.status());

        ct.cancel();
        ServerTransaction cancelled = take(bobRequests.cancels, 5, "CANCEL at bob");
        assertEquals(callId, cancelled.request().callId());
        cancelled.respond(SipResponse.to(cancelled.request(), 487).withToTag("b3"));
        SipResponse last;
        do {
            last = responses.next("487");
        } while (last.status() < 200);
        assertEquals(487, last.status());
    }

    @Test
    void refusedTcpHopIsATransportError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            closedPort = s.getLocalPort();
        }
        Recorders.Responses responses = new Recorders.Responses();
        alice.send(request("OPTIONS", UUID.randomUUID() + "@test"), new SipHop(HOST, closedPort, SipTransport.TCP), responses);
        String failure = take(responses.failures, 10, "a transport error");
        assertTrue(failure.startsWith("error: "), failure);
        assertTrue(bobRequests.requests.isEmpty());
    }

    @Test
    void aHopOnATransportNotListenedOnIsRefused() throws Exception {
        SipEndpoint udpOnly = open("udp-only", new Recorders.Requests(), EnumSet.of(SipTransport.UDP));
        SipException e = assertThrows(SipException.class, () -> udpOnly.send(request("OPTIONS", "x@test"),
                new SipHop(HOST, bob.port(SipTransport.TCP), SipTransport.TCP), new Recorders.Responses()));
        assertTrue(e.getMessage().contains("does not listen on TCP"), e.getMessage());
    }
}
