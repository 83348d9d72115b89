package io.siprtc.sip.jainsip.internal;

import static io.siprtc.sip.jainsip.internal.OpenEndpoints.HOST;
import static io.siprtc.sip.jainsip.internal.Recorders.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipTransport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 5626 section 4.4.1 keep-alives from an endpoint to a server played by plain sockets: a
 * double CRLF in a datagram over UDP, and over TCP on the connection that later requests reuse,
 * the server's CRLF pong being swallowed.
 */
class KeepAliveTest {

    private static final byte[] PING = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final OpenEndpoints endpoints = new OpenEndpoints();

    @AfterEach
    void close() throws InterruptedException {
        endpoints.close();
    }

    @Test
    void overUdpADatagramWithADoubleCrlf() throws Exception {
        SipEndpoint alice = endpoints.open("alice", new Recorders.Requests());
        DatagramSocket server = endpoints.hold(new DatagramSocket(0, InetAddress.getByName(HOST)));
        server.setSoTimeout(10_000);
        alice.sendKeepAlive(new SipHop(HOST, server.getLocalPort(), SipTransport.UDP));
        byte[] buf = new byte[100];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        server.receive(p);
        assertArrayEquals(PING, Arrays.copyOf(buf, p.getLength()));
        assertEquals(alice.port(SipTransport.UDP), p.getPort(), "sent from our listening port, as requests are");
    }

    @Test
    void overTcpAPingOnTheConnectionThatTheNextRequestReuses() throws Exception {
        SipEndpoint alice = endpoints.open("alice", new Recorders.Requests());
        ServerSocket server = endpoints.hold(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
        server.setSoTimeout(10_000);
        SipHop hop = new SipHop(HOST, server.getLocalPort(), SipTransport.TCP);
        alice.sendKeepAlive(hop);
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            assertArrayEquals(PING, in.readNBytes(PING.length));
            OutputStream out = s.getOutputStream();
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII)); // the pong
            out.flush();

            alice.sendKeepAlive(hop);
            assertArrayEquals(PING, in.readNBytes(PING.length), "the second ping on the same connection");

            Recorders.Responses responses = new Recorders.Responses();
            alice.send(OpenEndpoints.options("sip:bob@" + HOST + ":" + server.getLocalPort() + ";transport=tcp"), responses);
            String head = readHead(in);
            assertTrue(head.startsWith("OPTIONS sip:bob@"), head);
            out.write(okFor(head).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(200, responses.next("200 over the pinged connection").status());
        }
        server.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, server::accept, "no second connection was opened");
    }

    @Test
    void aRefusedConnectionIsAnError() throws Exception {
        SipEndpoint alice = endpoints.open("alice", new Recorders.Requests());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            closedPort = s.getLocalPort();
        }
        SipException e = assertThrows(SipException.class,
                () -> alice.sendKeepAlive(new SipHop(HOST, closedPort, SipTransport.TCP)));
        assertTrue(e.getMessage().startsWith("Keep-alive to 127.0.0.1:" + closedPort + "/TCP failed"), e.getMessage());
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

    /** A 200 for a request head: its Via, From, To, Call-ID and CSeq, with a To tag. */
    private static String okFor(String head) {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String name : new String[] {"Via", "From", "To", "Call-ID", "CSeq"}) {
            String line = RportTest.headerLine(head, name);
            b.append(line).append(name.equals("To") ? ";tag=srv" : "").append("\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }
}
