package io.siprtc.sip.jainsip.internal;

import static io.siprtc.sip.jainsip.internal.Recorders.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipTransport;
import java.nio.charset.StandardCharsets;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 3261 section 18.1.1: a request over 1300 bytes that would go over UDP goes over TCP to the
 * same target, with a TCP Via; up to 1300 bytes it stays on UDP.
 */
class UdpSizeLimitTest {

    private final OpenEndpoints endpoints = new OpenEndpoints();

    @AfterEach
    void close() throws InterruptedException {
        endpoints.close();
    }

    @Test
    void theLimitIs1300BytesOfTheWholeRequest() throws Exception {
        assertFalse(UdpSizeLimit.exceededBy(requestOfSize(1300, "UDP")));
        assertTrue(UdpSizeLimit.exceededBy(requestOfSize(1301, "UDP")));
        assertFalse(UdpSizeLimit.exceededBy(requestOfSize(5000, "TCP")), "only UDP has the limit");
    }

    @Test
    void aLargeRequestGoesOverTcpToTheSameTargetAndASmallOneOverUdp() throws Exception {
        Recorders.Requests bobRequests = new Recorders.Requests();
        SipEndpoint alice = endpoints.open("alice", new Recorders.Requests());
        SipEndpoint bob = endpoints.open("bob", bobRequests);
        String target = "sip:bob@127.0.0.1:" + bob.port(SipTransport.UDP); // no transport parameter: UDP

        Recorders.Responses small = new Recorders.Responses();
        alice.send(message(target, 200), small);
        ServerTransaction viaUdp = take(bobRequests.requests, 10, "small MESSAGE");
        assertEquals(SipTransport.UDP, viaUdp.transport());
        assertTrue(viaUdp.request().header("Via").orElseThrow().startsWith("SIP/2.0/UDP "));
        viaUdp.respond(SipResponse.to(viaUdp.request(), 200));
        assertEquals(200, small.next("200 to the small MESSAGE").status());

        Recorders.Responses large = new Recorders.Responses();
        SipRequest big = message(target, 3000);
        alice.send(big, large);
        ServerTransaction viaTcp = take(bobRequests.requests, 10, "large MESSAGE");
        assertEquals(SipTransport.TCP, viaTcp.transport());
        String via = viaTcp.request().header("Via").orElseThrow();
        assertTrue(via.startsWith("SIP/2.0/TCP 127.0.0.1:" + alice.port(SipTransport.TCP) + ";"), via);
        assertEquals(target, viaTcp.request().requestUri(), "the Request-URI is untouched");
        assertEquals(3000, viaTcp.request().body().length);
        viaTcp.respond(SipResponse.to(viaTcp.request(), 200));
        assertEquals(200, large.next("200 to the large MESSAGE over TCP").status());

        // The same when the caller located a UDP hop itself (RFC 3263).
        Recorders.Responses located = new Recorders.Responses();
        alice.send(message(target, 3000), new SipHop("127.0.0.1", bob.port(SipTransport.UDP), SipTransport.UDP), located);
        ServerTransaction hopTcp = take(bobRequests.requests, 10, "large MESSAGE to a UDP hop");
        assertEquals(SipTransport.TCP, hopTcp.transport());
        hopTcp.respond(SipResponse.to(hopTcp.request(), 200));
        assertEquals(200, located.next("200 to the large MESSAGE sent to a hop").status());
    }

    @Test
    void whenTcpIsRefusedTheLargeRequestGoesOverUdpAfterAll() throws Exception {
        SipEndpoint alice = endpoints.open("alice", new Recorders.Requests());
        java.net.DatagramSocket udpOnly = endpoints.hold(new java.net.DatagramSocket(0,
                java.net.InetAddress.getByName("127.0.0.1")));
        udpOnly.setSoTimeout(10_000);
        Recorders.Responses responses = new Recorders.Responses();
        alice.send(message("sip:bob@127.0.0.1:" + udpOnly.getLocalPort(), 3000), responses);
        byte[] buf = new byte[65536];
        java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
        udpOnly.receive(p);
        String text = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("MESSAGE "), text);
        assertTrue(RportTest.headerLine(text, "Via").startsWith("Via: SIP/2.0/UDP "), text);
        assertTrue(responses.failures.isEmpty(), "no transport error for the refused TCP attempt: " + responses.failures);
    }

    private static SipRequest message(String target, int bodyBytes) {
        byte[] body = "x".repeat(bodyBytes).getBytes(StandardCharsets.US_ASCII);
        return OpenEndpoints.request("MESSAGE", target).withBody("text/plain", body);
    }

    /** A request whose encoding is exactly this many bytes. */
    private static Request requestOfSize(int bytes, String transport) throws Exception {
        String head = "MESSAGE sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:5060;branch=z9hG4bK1;rport\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=1\r\nTo: <sip:bob@127.0.0.1>\r\nCall-ID: c@test\r\n"
                + "CSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Type: text/plain\r\n";
        gov.nist.javax.sip.message.MessageFactoryImpl factory = new gov.nist.javax.sip.message.MessageFactoryImpl();
        for (int body = bytes - head.length(); body > 0; body--) {
            String text = head + "Content-Length: " + body + "\r\n\r\n" + "y".repeat(body);
            Request r = factory.createRequest(text);
            int size = ((SIPMessage) r).encodeAsBytes(transport).length;
            if (size == bytes) {
                return r;
            }
        }
        throw new AssertionError("no request of " + bytes + " bytes");
    }
}
