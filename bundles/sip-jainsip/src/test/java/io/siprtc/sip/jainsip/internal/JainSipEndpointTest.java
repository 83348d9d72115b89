package io.siprtc.sip.jainsip.internal;

import static io.siprtc.sip.jainsip.internal.Recorders.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHeader;
import io.siprtc.api.sip.SipMessage;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipTransport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two real JAIN-SIP endpoints on 127.0.0.1 talking to each other. */
class JainSipEndpointTest {

    private static final String HOST = "127.0.0.1";
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final List<SipEndpoint> opened = new ArrayList<>();
    private final List<java.io.Closeable> held = new ArrayList<>();
    private final Recorders.Requests aliceRequests = new Recorders.Requests();
    private final Recorders.Requests bobRequests = new Recorders.Requests();
    private SipEndpoint alice;
    private SipEndpoint bob;

    @BeforeEach
    void open() throws Exception {
        alice = open("alice", StackSettings.DEFAULTS, aliceRequests);
        bob = open("bob", StackSettings.DEFAULTS, bobRequests);
    }

    @AfterEach
    void close() throws InterruptedException {
        // Each JAIN-SIP stack needs about 1 s to stop: stop them side by side.
        List<Thread> closers = opened.stream().map(e -> new Thread(e::close)).toList();
        closers.forEach(Thread::start);
        for (Thread t : closers) {
            t.join();
        }
        for (java.io.Closeable c : held) {
            try {
                c.close();
            } catch (java.io.IOException e) {
                // closing a test socket
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SipTransport.class, names = {"UDP", "TCP"})
    void inviteAckBye(SipTransport transport) throws Exception {
        assertEquals(alice.port(SipTransport.UDP), alice.port(SipTransport.TCP), "one port for UDP and TCP");

        String callId = UUID.randomUUID() + "@test";
        Recorders.Responses inviteResponses = new Recorders.Responses();
        SipRequest invite = invite(transport, callId);
        ClientTransaction ct = alice.send(invite, inviteResponses);
        assertTrue(ct.request().header("Via").orElseThrow().contains(";branch=z9hG4bK"), ct.request().toString());

        ServerTransaction st = take(bobRequests.requests, 5, "INVITE at bob");
        SipRequest received = st.request();
        assertEquals("INVITE", received.method());
        assertEquals(transport, st.transport());
        assertTrue(st.source().startsWith(HOST + ":"), st.source());
        assertEquals(callId, received.callId());
        assertEquals(SDP, received.bodyText());
        assertEquals("application/sdp", received.header("Content-Type").orElseThrow());
        assertEquals("70", received.header("Max-Forwards").orElseThrow());
        assertTrue(received.header("Via").orElseThrow().contains("rport"), received.header("Via").orElseThrow());
        List<String> names = received.headers().stream().map(SipHeader::name)
                .filter(n -> !n.equals("Via") && !n.equals("Max-Forwards") && !n.equals("Content-Length")).toList();
        assertEquals(List.of("From", "To", "Call-ID", "CSeq", "Contact", "X-Custom", "Content-Type"), names,
                "header order kept: " + received.headers());

        st.respond(SipResponse.to(received, 180).withToTag("b1"));
        String contact = "<sip:bob@" + HOST + ":" + bob.port(transport) + transportParam(transport) + ">";
        st.respond(SipResponse.to(received, 200).withToTag("b1").withHeader("Contact", contact)
                .withBody("application/sdp", SDP.getBytes(StandardCharsets.US_ASCII)));

        // Two datagrams sent back to back may be handled by different stack threads: UDP does
        // not promise order, so accept either (the gateway handles a 180 after the 200). On a
        // loaded machine a retransmission of the 200 (every T1) may even come before the 180.
        // And a 180 that arrives after the 200 is discarded by the client transaction, which has
        // left the Proceeding state (RFC 3261 section 17.1.1.2): then there is no 180 to see.
        SipResponse ringing = null;
        SipResponse ok = null;
        for (int i = 0; i < 6 && (ringing == null || ok == null); i++) {
            SipResponse next = ok == null ? nextNonTrying(inviteResponses) : pollNonTrying(inviteResponses, 1500);
            if (next == null) {
                break; // the 200 came first and the 180 was discarded
            }
            if (next.status() == 180) {
                ringing = next;
            } else if (ok == null) {
                ok = next;
            } else {
                assertEquals(200, next.status(), "only the 200 is retransmitted");
            }
        }
        assertNotNull(ok, "200 received");
        if (ringing != null) {
            assertEquals(180, ringing.status());
            assertEquals("b1", SipMessage.tagOf(ringing.header("To").orElseThrow()));
        } else {
            assertEquals(SipTransport.UDP, transport, "over TCP the 180 cannot be overtaken");
        }
        assertEquals(200, ok.status());
        assertEquals(SDP, ok.bodyText());
        assertEquals(contact, ok.header("Contact").orElseThrow());
        assertEquals(ct.request().header("Via").orElseThrow().split(";rport")[0],
                ok.header("Via").orElseThrow().split(";rport")[0], "Via returned as sent");

        String remoteTarget = SipMessage.uriOf(ok.header("Contact").orElseThrow());
        alice.sendAck(inDialog("ACK", remoteTarget, callId, "1 ACK"));
        SipRequest ack = take(bobRequests.acks, 5, "ACK at bob");
        assertEquals(callId, ack.callId());

        Recorders.Responses byeResponses = new Recorders.Responses();
        alice.send(inDialog("BYE", remoteTarget, callId, "2 BYE"), byeResponses);
        ServerTransaction bye = take(bobRequests.requests, 5, "BYE at bob");
        assertEquals("BYE", bye.request().method());
        bye.respond(SipResponse.to(bye.request(), 200));
        assertEquals(200, byeResponses.next("200 to BYE").status());
        assertTrue(inviteResponses.failures.isEmpty(), inviteResponses.failures.toString());
    }

    @Test
    void cancelAfterRinging() throws Exception {
        String callId = UUID.randomUUID() + "@test";
        Recorders.Responses responses = new Recorders.Responses();
        ClientTransaction ct = alice.send(invite(SipTransport.UDP, callId), responses);
        ServerTransaction st = take(bobRequests.requests, 5, "INVITE at bob");
        st.respond(SipResponse.to(st.request(), 180).withToTag("b2"));
        assertEquals(180, nextNonTrying(responses).status());

        ct.cancel();
        ServerTransaction cancelled = take(bobRequests.cancels, 5, "onCancel at bob");
        assertEquals(callId, cancelled.request().callId());
        cancelled.respond(SipResponse.to(cancelled.request(), 487).withToTag("b2"));
        assertEquals(487, nextNonTrying(responses).status());
        assertTrue(bobRequests.requests.isEmpty(), "CANCEL is not a new request");
    }

    @Test
    void cancelBeforeAnyProvisionalWaitsForIt() throws Exception {
        String callId = UUID.randomUUID() + "@test";
        Recorders.Responses responses = new Recorders.Responses();
        ClientTransaction ct = alice.send(invite(SipTransport.TCP, callId), responses);
        ServerTransaction st = take(bobRequests.requests, 5, "INVITE at bob");
        ct.cancel();
        // JAIN-SIP's automatic 100 Trying (after 200 ms) is a provisional response too.
        ServerTransaction cancelled = take(bobRequests.cancels, 5, "onCancel at bob");
        assertEquals(st.request().callId(), cancelled.request().callId());
        cancelled.respond(SipResponse.to(cancelled.request(), 487).withToTag("b3"));
        assertEquals(487, nextNonTrying(responses).status());
    }

    @Test
    void unmatchedCancelGets481() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            socket.setSoTimeout(5000);
            String cancel = "CANCEL sip:bob@127.0.0.1:" + bob.port(SipTransport.UDP) + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bKnothingtocancel\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a9\r\nTo: <sip:bob@127.0.0.1>\r\n"
                    + "Call-ID: " + UUID.randomUUID() + "@test\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = cancel.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(HOST), bob.port(SipTransport.UDP)));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            socket.receive(reply);
            String response = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("SIP/2.0 481 "), response);
        }
        assertTrue(bobRequests.cancels.isEmpty());
        assertThrows(SipException.class, () -> alice.send(SipRequest.of("CANCEL", "sip:bob@127.0.0.1"), new Recorders.Responses()));
    }

    @Test
    void okIsRetransmittedUntilAck() throws Exception {
        String callId = UUID.randomUUID() + "@test";
        Recorders.Responses responses = new Recorders.Responses();
        alice.send(invite(SipTransport.UDP, callId), responses);
        ServerTransaction st = take(bobRequests.requests, 5, "INVITE at bob");
        st.respond(SipResponse.to(st.request(), 200).withToTag("b4")
                .withHeader("Contact", "<sip:bob@" + HOST + ":" + bob.port(SipTransport.UDP) + ">"));
        SipResponse first = nextNonTrying(responses);
        SipResponse again = nextNonTrying(responses); // T1 later
        assertEquals(200, first.status());
        assertEquals(200, again.status());
        alice.sendAck(inDialog("ACK", "sip:bob@" + HOST + ":" + bob.port(SipTransport.UDP), callId, "1 ACK"));
        take(bobRequests.acks, 5, "ACK at bob");
        Thread.sleep(1200);
        responses.responses.clear();
        assertNull(responses.responses.poll(2500, TimeUnit.MILLISECONDS), "2xx retransmission stops after the ACK");
    }

    @Test
    void inviteToNobodyTimesOut() throws Exception {
        SipEndpoint fast = open("fast", new StackSettings(4, 65536, 50), new Recorders.Requests());
        // A socket that swallows the INVITE and never answers; holding it keeps the port ours.
        DatagramSocket silent = silentUdpPort();
        int deadPort = silent.getLocalPort();
        SipRequest invite = invite(SipTransport.UDP, UUID.randomUUID() + "@test")
                .withRequestUri("sip:nobody@" + HOST + ":" + deadPort);
        Recorders.Responses responses = new Recorders.Responses();
        long start = System.nanoTime();
        fast.send(invite, responses);
        String failure = take(responses.failures, 15, "Timer B");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("timeout", failure);
        assertTrue(ms >= 2500 && ms < 10000, "Timer B = 64*T1 = 3.2 s, took " + ms + " ms");
        assertTrue(responses.responses.isEmpty());
        assertNull(responses.failures.poll(500, TimeUnit.MILLISECONDS), "one failure only");
    }

    @Test
    void optionsToNobodyTimesOut() throws Exception {
        SipEndpoint fast = open("fast", new StackSettings(4, 65536, 50), new Recorders.Requests());
        int deadPort = silentUdpPort().getLocalPort();
        SipRequest options = new SipRequest("OPTIONS", "sip:nobody@" + HOST + ":" + deadPort, List.of(
                new SipHeader("From", "<sip:alice@127.0.0.1>;tag=a5"), new SipHeader("To", "<sip:nobody@127.0.0.1>"),
                new SipHeader("Call-ID", UUID.randomUUID() + "@test"), new SipHeader("CSeq", "1 OPTIONS")), null);
        Recorders.Responses responses = new Recorders.Responses();
        fast.send(options, responses);
        assertEquals("timeout", take(responses.failures, 15, "Timer F"));
    }

    @Test
    void tcpToNobodyIsATransportError() throws Exception {
        // Bound but not listening: a connect is refused, and no other test can take the port
        // meanwhile (a port that was merely free once may be reused by a parallel build).
        Socket reserved = new Socket();
        held.add(reserved);
        reserved.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
        int deadPort = reserved.getLocalPort();
        SipRequest invite = invite(SipTransport.TCP, UUID.randomUUID() + "@test")
                .withRequestUri("sip:nobody@" + HOST + ":" + deadPort + ";transport=tcp");
        Recorders.Responses responses = new Recorders.Responses();
        alice.send(invite, responses);
        String failure = take(responses.failures, 10, "transport error");
        assertTrue(failure.startsWith("error: "), failure);
    }

    @Test
    void garbageDoesNotBreakTheEndpoint() throws Exception {
        int port = bob.port(SipTransport.UDP);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            for (byte[] junk : List.of(new byte[] {0, 1, 2, (byte) 0xff, 13, 10, 13, 10},
                    "INVITE nonsense\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    ("INVITE sip:bob@127.0.0.1 SIP/2.0\r\nVia: garbage\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:bob@h>\r\n"
                            + "Call-ID: x\r\nCSeq: one INVITE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII))) {
                socket.send(new DatagramPacket(junk, junk.length, InetAddress.getByName(HOST), port));
            }
        }
        String problem = take(bobRequests.malformed, 5, "onMalformed");
        assertTrue(problem.startsWith(HOST + ":"), problem);

        Recorders.Responses responses = new Recorders.Responses();
        alice.send(invite(SipTransport.UDP, UUID.randomUUID() + "@test"), responses);
        ServerTransaction st = take(bobRequests.requests, 5, "INVITE after garbage");
        st.respond(SipResponse.to(st.request(), 486).withToTag("b6"));
        assertEquals(486, nextNonTrying(responses).status());
    }

    @Test
    void handlerExceptionsDoNotKillTheStack() throws Exception {
        SipEndpoint grumpy = open("grumpy", StackSettings.DEFAULTS, new Recorders.Requests() {
            @Override
            public void onRequest(ServerTransaction transaction) {
                requests.add(transaction);
                throw new IllegalStateException("boom (expected by the test)");
            }
        });
        for (int i = 0; i < 3; i++) {
            Recorders.Responses responses = new Recorders.Responses() {
                @Override
                public void onResponse(SipResponse response) {
                    super.onResponse(response);
                    throw new IllegalStateException("bang (expected by the test)");
                }
            };
            SipRequest invite = invite(SipTransport.UDP, UUID.randomUUID() + "@test")
                    .withRequestUri("sip:g@" + HOST + ":" + grumpy.port(SipTransport.UDP));
            alice.send(invite, responses);
            assertEquals(100, responses.next("100 Trying").status());
        }
    }

    @Test
    void headersAndBodyRoundTrip() throws Exception {
        Recorders.Responses responses = new Recorders.Responses();
        SipRequest message = new SipRequest("MESSAGE", "sip:bob@" + HOST + ":" + bob.port(SipTransport.UDP), List.of(
                new SipHeader("f", "\"Alice\" <sip:alice@127.0.0.1>;tag=a7"), new SipHeader("t", "<sip:bob@127.0.0.1>"),
                new SipHeader("i", UUID.randomUUID() + "@test"), new SipHeader("CSeq", "7 MESSAGE"),
                new SipHeader("Route", "<sip:127.0.0.1:" + bob.port(SipTransport.UDP) + ";lr>"),
                new SipHeader("Allow", "INVITE, ACK, BYE"),
                new SipHeader("X-Empty-Not", "v"), new SipHeader("Content-Type", "text/plain;charset=UTF-8")),
                "héllo".getBytes(StandardCharsets.UTF_8));
        alice.send(message, responses);
        ServerTransaction st = take(bobRequests.requests, 5, "MESSAGE at bob");
        SipRequest got = st.request();
        assertEquals("MESSAGE", got.method());
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), got.body());
        assertTrue(got.header("From").orElseThrow().contains("tag=a7"));
        assertEquals(7, got.cseqNumber());
        assertNotEquals("", got.header("Allow").orElse(""));
        st.respond(SipResponse.to(got, 202).withToTag("b7").addHeader("Allow", "INVITE, ACK, BYE, CANCEL")
                .addHeader("X-Reply", "yes"));
        SipResponse accepted = responses.next("202");
        assertEquals(202, accepted.status());
        assertEquals("yes", accepted.header("X-Reply").orElseThrow());
        assertEquals(4, String.join(",", accepted.headerValues("Allow")).split(",").length, accepted.headers().toString());
    }

    /**
     * RFC 3261 section 17.1.1.3: the INVITE transaction itself ACKs a non-2xx final response (here a
     * proxy's 407), with the INVITE's branch; the challenge reaches the handler intact.
     */
    @Test
    void aChallengedInviteIsAckedByItsTransaction() throws Exception {
        DatagramSocket proxy = silentUdpPort();
        proxy.setSoTimeout(5000);
        String callId = UUID.randomUUID() + "@test";
        SipRequest invite = invite(SipTransport.UDP, callId).withRequestUri("sip:bob@" + HOST + ":" + proxy.getLocalPort());
        Recorders.Responses responses = new Recorders.Responses();
        alice.send(invite, responses);

        DatagramPacket in = new DatagramPacket(new byte[8192], 8192);
        proxy.receive(in);
        String received = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
        assertTrue(received.startsWith("INVITE "), received);
        String via = headerLine(received, "Via");
        String challenge = "Digest realm=\"siprtc.test\", nonce=\"n/+1=\", qop=\"auth\", algorithm=SHA-256, stale=FALSE";
        String reply = "SIP/2.0 407 Proxy Authentication Required\r\n" + via + "\r\n" + headerLine(received, "From") + "\r\n"
                + headerLine(received, "To") + ";tag=p1\r\n" + headerLine(received, "Call-ID") + "\r\n"
                + headerLine(received, "CSeq") + "\r\nProxy-Authenticate: " + challenge + "\r\nContent-Length: 0\r\n\r\n";
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        proxy.send(new DatagramPacket(bytes, bytes.length, in.getSocketAddress()));

        SipResponse r = nextNonTrying(responses);
        assertEquals(407, r.status());
        String value = r.header("Proxy-Authenticate").orElseThrow();
        for (String part : new String[] {"Digest ", "realm=\"siprtc.test\"", "nonce=\"n/+1=\"", "qop=\"auth\"", "algorithm=SHA-256"}) {
            assertTrue(value.contains(part), () -> "challenge re-encoded by JAIN-SIP keeps " + part + ": " + value);
        }

        DatagramPacket ackIn = new DatagramPacket(new byte[8192], 8192);
        proxy.receive(ackIn);
        String ack = new String(ackIn.getData(), 0, ackIn.getLength(), StandardCharsets.UTF_8);
        assertTrue(ack.startsWith("ACK sip:bob@" + HOST + ":" + proxy.getLocalPort() + " SIP/2.0"), ack);
        assertEquals("CSeq: 1 ACK", headerLine(ack, "CSeq"));
        assertTrue(headerLine(ack, "To").endsWith(";tag=p1"), ack);
        assertEquals(branchOf(via), branchOf(headerLine(ack, "Via")), "the ACK of a non-2xx is in the INVITE's transaction");
    }

    /** The first line of a header in a raw message, e.g. {@code Via: SIP/2.0/UDP ...}. */
    private static String headerLine(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line;
            }
        }
        throw new AssertionError("no " + name + " in:\n" + message);
    }

    private static String branchOf(String via) {
        int b = via.indexOf("branch=");
        String rest = via.substring(b + 7);
        int end = rest.indexOf(';');
        return end < 0 ? rest.trim() : rest.substring(0, end).trim();
    }

    // ---- helpers ----

    private DatagramSocket silentUdpPort() throws java.net.SocketException, java.net.UnknownHostException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST));
        held.add(socket);
        return socket;
    }

    private SipEndpoint open(String name, StackSettings settings, Recorders.Requests handler) throws Exception {
        SipEndpoint endpoint = JainSipEndpoint.open(settings,
                new SipEndpointConfig(name, HOST, 0, EnumSet.of(SipTransport.UDP, SipTransport.TCP)), handler, e -> { });
        opened.add(endpoint);
        return endpoint;
    }

    private SipRequest invite(SipTransport transport, String callId) {
        String tp = transportParam(transport);
        return new SipRequest("INVITE", "sip:bob@" + HOST + ":" + bob.port(transport) + tp, List.of(
                new SipHeader("From", "\"Alice\" <sip:alice@127.0.0.1>;tag=a1"),
                new SipHeader("To", "<sip:bob@127.0.0.1>"),
                new SipHeader("Call-ID", callId),
                new SipHeader("CSeq", "1 INVITE"),
                new SipHeader("Contact", "<sip:alice@" + HOST + ":" + alice.port(transport) + tp + ">"),
                new SipHeader("X-Custom", "kept in order"),
                new SipHeader("Content-Type", "application/sdp")),
                SDP.getBytes(StandardCharsets.US_ASCII));
    }

    private static SipRequest inDialog(String method, String target, String callId, String cseq) {
        return new SipRequest(method, target, List.of(
                new SipHeader("From", "\"Alice\" <sip:alice@127.0.0.1>;tag=a1"),
                new SipHeader("To", "<sip:bob@127.0.0.1>;tag=b1"),
                new SipHeader("Call-ID", callId),
                new SipHeader("CSeq", cseq)), null);
    }

    private static String transportParam(SipTransport transport) {
        return transport == SipTransport.UDP ? "" : ";transport=" + transport.name().toLowerCase();
    }

    /** The next response that is not 100 Trying within the time, or null. */
    private static SipResponse pollNonTrying(Recorders.Responses responses, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = deadline - System.nanoTime();
            SipResponse r = left > 0 ? responses.responses.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null || r.status() != 100) {
                return r;
            }
        }
    }

    private static SipResponse nextNonTrying(Recorders.Responses responses) {
        while (true) {
            SipResponse r = responses.next("a response");
            if (r.status() != 100) {
                return r;
            }
        }
    }
}
