package io.siprtc.sip.jainsip.internal;

import static io.siprtc.sip.jainsip.internal.OpenEndpoints.HOST;
import static io.siprtc.sip.jainsip.internal.Recorders.take;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipTransport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages that arrive back to back over UDP reach the handler in the order they arrived: a 180
 * before the 200 that follows it, and a dialog's requests in CSeq order. With JAIN-SIP's pool
 * of several UDP workers they could overtake each other (a call jumped from CALLING to
 * CONNECTED and its 180 came after; a glare 491 could pass the re-INVITE sent before it).
 */
class OrderedDeliveryTest {

    private static final int ROUNDS = 40;

    private final OpenEndpoints endpoints = new OpenEndpoints();

    @AfterEach
    void close() throws InterruptedException {
        endpoints.close();
    }

    @Test
    void provisionalAndFinalResponsesSentBackToBackArriveInOrder() throws Exception {
        SipEndpoint alice = endpoints.open("alice", new Recorders.Requests());
        DatagramSocket far = endpoints.hold(new DatagramSocket(0, InetAddress.getByName(HOST)));
        far.setSoTimeout(10_000);
        for (int i = 0; i < ROUNDS; i++) {
            Recorders.Responses responses = new Recorders.Responses();
            alice.send(OpenEndpoints.request("INVITE", "sip:bob@" + HOST + ":" + far.getLocalPort())
                    .withHeader("Contact", "<sip:alice@" + HOST + ":" + alice.port(SipTransport.UDP) + ">"), responses);
            DatagramPacket invite = receive(far);
            String head = new String(invite.getData(), 0, invite.getLength(), StandardCharsets.UTF_8);
            for (int status : new int[] {100, 180, 183, 200}) {
                send(far, invite.getSocketAddress(), response(head, status));
            }
            List<Integer> seen = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                SipResponse r = responses.responses.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                if (r == null) {
                    throw new AssertionError("round " + i + ": only " + seen + " arrived");
                }
                seen.add(r.status());
            }
            assertEquals(List.of(100, 180, 183, 200), seen, "round " + i);
        }
    }

    @Test
    void requestsOfOneDialogSentBackToBackArriveInCseqOrder() throws Exception {
        Recorders.Requests bobRequests = new Recorders.Requests();
        SipEndpoint bob = endpoints.open("bob", bobRequests);
        DatagramSocket far = endpoints.hold(new DatagramSocket(0, InetAddress.getByName(HOST)));
        InetSocketAddress to = new InetSocketAddress(HOST, bob.port(SipTransport.UDP));
        for (int cseq = 1; cseq <= ROUNDS * 4; cseq++) {
            send(far, to, "INFO sip:bob@127.0.0.1:" + to.getPort() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + far.getLocalPort() + ";branch=z9hG4bK-order-" + cseq + ";rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:far@127.0.0.1>;tag=f1\r\nTo: <sip:bob@127.0.0.1>;tag=b1\r\n"
                    + "Call-ID: order-1@test\r\nCSeq: " + cseq + " INFO\r\nContent-Length: 0\r\n\r\n");
        }
        for (int cseq = 1; cseq <= ROUNDS * 4; cseq++) {
            ServerTransaction st = take(bobRequests.requests, 10, "INFO " + cseq);
            assertEquals(cseq, st.request().cseqNumber(), "requests overtook each other");
            st.respond(SipResponse.to(st.request(), 200));
        }
    }

    private static DatagramPacket receive(DatagramSocket socket) throws java.io.IOException {
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return p;
    }

    private static void send(DatagramSocket socket, java.net.SocketAddress to, String message) throws java.io.IOException {
        byte[] out = message.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(out, out.length, to));
    }

    /** A response to the request in {@code head}, with a To tag from 180 on. */
    private static String response(String head, int status) {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ')
                .append(SipResponse.defaultReason(status)).append("\r\n");
        for (String line : head.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
            switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "via", "from", "call-id", "cseq" -> b.append(line).append("\r\n");
                case "to" -> b.append(line).append(status > 100 ? ";tag=far1" : "").append("\r\n");
                default -> { }
            }
        }
        if (status == 200) {
            b.append("Contact: <sip:bob@127.0.0.1:5999>\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }
}
