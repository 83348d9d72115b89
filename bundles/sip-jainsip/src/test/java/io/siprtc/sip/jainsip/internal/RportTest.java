package io.siprtc.sip.jainsip.internal;

import static io.siprtc.sip.jainsip.internal.OpenEndpoints.HOST;
import static io.siprtc.sip.jainsip.internal.Recorders.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipTransport;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 3581 (rport): every request we send asks for it (an empty {@code ;rport} in our Via, over
 * UDP and TCP alike), and as a server we fill it in and answer to the address and port the
 * request came from, not to the port the Via names.
 */
class RportTest {

    private final OpenEndpoints endpoints = new OpenEndpoints();

    @AfterEach
    void close() throws InterruptedException {
        endpoints.close();
    }

    @Test
    void ourUdpRequestsAskForRport() throws Exception {
        SipEndpoint alice = endpoints.open("alice", new Recorders.Requests());
        DatagramSocket server = endpoints.hold(new DatagramSocket(0, InetAddress.getByName(HOST)));
        server.setSoTimeout(10_000);
        alice.send(OpenEndpoints.options("sip:bob@" + HOST + ":" + server.getLocalPort()), new Recorders.Responses());
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        server.receive(p);
        String via = headerLine(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8), "Via");
        assertTrue(via.matches("Via: SIP/2\\.0/UDP 127\\.0\\.0\\.1:" + alice.port(SipTransport.UDP) + ";.*\\brport(;.*)?"), via);
        assertTrue(!via.contains("rport="), "rport is asked for without a value: " + via);
    }

    @Test
    void ourTcpRequestsAskForRport() throws Exception {
        SipEndpoint alice = endpoints.open("alice", new Recorders.Requests());
        ServerSocket server = endpoints.hold(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
        server.setSoTimeout(10_000);
        alice.send(OpenEndpoints.options("sip:bob@" + HOST + ":" + server.getLocalPort() + ";transport=tcp"),
                new Recorders.Responses());
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            String via = headerLine(readHead(s.getInputStream()), "Via");
            assertTrue(via.startsWith("Via: SIP/2.0/TCP 127.0.0.1:" + alice.port(SipTransport.TCP) + ";"), via);
            assertTrue(via.matches(".*;rport(;.*)?$"), via);
        }
    }

    @Test
    void weAnswerToTheSourcePortWhenTheClientAsksForRport() throws Exception {
        Recorders.Requests bobRequests = new Recorders.Requests();
        SipEndpoint bob = endpoints.open("bob", bobRequests);
        DatagramSocket client = endpoints.hold(new DatagramSocket(0, InetAddress.getByName(HOST)));
        DatagramSocket elsewhere = endpoints.hold(new DatagramSocket(0, InetAddress.getByName(HOST)));
        client.setSoTimeout(10_000);
        elsewhere.setSoTimeout(300);
        // The Via names another port (as behind a NAT): with rport the answer must still come to us.
        String request = "OPTIONS sip:bob@127.0.0.1:" + bob.port(SipTransport.UDP) + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + elsewhere.getLocalPort() + ";branch=z9hG4bK-rport-1;rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:nat@127.0.0.1>;tag=n1\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: rport-1@test\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        byte[] out = request.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(out, out.length, new InetSocketAddress(HOST, bob.port(SipTransport.UDP))));

        ServerTransaction st = take(bobRequests.requests, 10, "OPTIONS at bob");
        assertEquals(HOST + ":" + client.getLocalPort(), st.source(), "the source is the packet's, not the Via's");
        st.respond(SipResponse.to(st.request(), 200));

        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        client.receive(p);
        String response = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
        assertTrue(response.startsWith("SIP/2.0 200"), response);
        String via = headerLine(response, "Via");
        assertTrue(via.contains("rport=" + client.getLocalPort()), via);
        assertTrue(via.contains("received=127.0.0.1"), via);
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    static String headerLine(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line;
            }
        }
        throw new AssertionError("no " + name + " in:\n" + message);
    }
}
