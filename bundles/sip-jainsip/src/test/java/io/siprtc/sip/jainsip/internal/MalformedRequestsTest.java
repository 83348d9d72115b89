package io.siprtc.sip.jainsip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input fed over UDP and TCP to a running JAIN-SIP endpoint (issue 3): RFC 4475 torture
 * messages (src/test/resources/torture/), an unknown method and oversized messages. Each gets the
 * response its file names (or none where no response can be formed), never reaches the handler,
 * and the endpoint answers a normal OPTIONS right afterwards, on the same socket or connection.
 */
class MalformedRequestsTest {

    private static final String HOST = "127.0.0.1";
    private static final String SENTINEL = "sentinel-";
    private static final List<String> TORTURE = List.of("insuf", "badcseq", "scalar02", "mismatch01", "ncl", "clerr",
            "quotbal", "nocolon", "escruri", "badvers");
    private static final AtomicInteger BRANCHES = new AtomicInteger();

    /** Answers the sentinel OPTIONS with 200 and FOO with 501, as the gateway does; records everything. */
    private static final class Handler extends Recorders.Requests {
        final BlockingQueue<String> unexpected = new LinkedBlockingQueue<>();

        @Override
        public void onRequest(ServerTransaction tx) {
            String callId = tx.request().callId();
            try {
                if ("OPTIONS".equals(tx.request().method()) && callId.startsWith(SENTINEL)) {
                    tx.respond(SipResponse.to(tx.request(), 200).withToTag("s1"));
                    return;
                }
                if ("FOO".equals(tx.request().method())) {
                    tx.respond(SipResponse.to(tx.request(), 501).withToTag("s2"));
                }
            } catch (SipException e) {
                if (callId.startsWith(SENTINEL)) {
                    return; // a sentinel on a connection the stack closed meanwhile: the test used a new one
                }
                unexpected.add("cannot respond: " + e);
            }
            unexpected.add(tx.request().method() + " " + tx.request().requestUri());
        }
    }

    private static final Handler HANDLER = new Handler();
    private static SipEndpoint endpoint;
    private static int port;

    @BeforeAll
    static void open() throws Exception {
        endpoint = JainSipEndpoint.open(new StackSettings(4, 16384, 500),
                new SipEndpointConfig("torture", HOST, 0, EnumSet.of(SipTransport.UDP, SipTransport.TCP)), HANDLER, e -> { });
        port = endpoint.port(SipTransport.UDP);
    }

    @AfterAll
    static void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @BeforeEach
    void clear() {
        HANDLER.unexpected.clear();
    }

    static Stream<Arguments> torture() {
        List<Arguments> all = new ArrayList<>();
        for (String name : TORTURE) {
            for (SipTransport t : List.of(SipTransport.UDP, SipTransport.TCP)) {
                all.add(Arguments.of(name, t));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("torture")
    void aTortureMessageIsRefusedAndChangesNothing(String name, SipTransport transport) throws Exception {
        String text = resource("torture/" + name + ".sip");
        String[] expected = text.substring(1, text.indexOf('\n')).trim().split("\\s+");
        String expect = transport == SipTransport.UDP ? expected[0] : expected[1];
        String body = text.substring(text.indexOf('\n') + 1);
        List<String> responses = exchange(transport, body, !expect.equals("none"));
        String first = responses.isEmpty() ? "none" : status(responses.get(0));
        assertEquals(expect, first,
                () -> name + " over " + transport + ": expected " + expect + ", got " + responses);
        assertTrue(responses.size() <= 1, () -> "one response at most: " + responses);
        assertEquals(List.of(), new ArrayList<>(HANDLER.unexpected), "the handler saw nothing");
    }

    @Test
    void anUnknownMethodReachesTheHandlerWhichAnswers501() throws Exception {
        for (SipTransport transport : List.of(SipTransport.UDP, SipTransport.TCP)) {
            String foo = "FOO sip:user@${host}:${port} SIP/2.0\nVia: ${via};branch=${branch}\nMax-Forwards: 70\n"
                    + "From: <sip:caller@example.net>;tag=f1\nTo: <sip:user@example.com>\nCall-ID: ${callid}\n"
                    + "CSeq: 1 FOO\nContent-Length: 0\n\n";
            List<String> responses = exchange(transport, foo, true);
            assertEquals(1, responses.size(), responses::toString);
            assertEquals("501", status(responses.get(0)), responses::toString);
            assertEquals("FOO sip:user@" + HOST + ":" + port, HANDLER.unexpected.poll());
        }
    }

    @Test
    void anOversizedDatagramIsRefused() throws Exception {
        // The endpoint reads at most its maximum message size (16 KB here) of a datagram: the
        // rest is cut off, and the Content-Length no longer matches.
        List<String> responses = exchange(SipTransport.UDP, oversized(40_000), true);
        assertEquals(1, responses.size(), responses::toString);
        assertEquals("400", status(responses.get(0)), responses::toString);
        assertEquals(List.of(), new ArrayList<>(HANDLER.unexpected), "the handler saw nothing");
    }

    @Test
    void anOversizedMessageOnTcpIsRefused() throws Exception {
        // JAIN-SIP (MAX_MESSAGE_SIZE) closes a connection whose message grows too large, unanswered.
        List<String> responses = exchange(SipTransport.TCP, oversized(40_000));
        assertEquals(List.of(), responses);
        assertEquals(List.of(), new ArrayList<>(HANDLER.unexpected), "the handler saw nothing");
    }

    @Test
    void aHugeContentLengthOnTcpIsRefused() throws Exception {
        String huge = "INVITE sip:user@${host}:${port} SIP/2.0\nVia: ${via};branch=${branch}\nMax-Forwards: 70\n"
                + "From: <sip:caller@example.net>;tag=h1\nTo: <sip:user@example.com>\nCall-ID: ${callid}\n"
                + "CSeq: 1 INVITE\nContent-Type: application/sdp\nContent-Length: 2147483647\n\nv=0\n";
        List<String> responses = exchange(SipTransport.TCP, huge);
        assertEquals(List.of(), responses, "the connection is closed unanswered");
        assertEquals(List.of(), new ArrayList<>(HANDLER.unexpected), "the handler saw nothing");
    }

    /** An OPTIONS whose body makes it {@code size} bytes: above the endpoint's 16 KB limit. */
    private static String oversized(int size) {
        String head = "OPTIONS sip:user@${host}:${port} SIP/2.0\nVia: ${via};branch=${branch}\nMax-Forwards: 70\n"
                + "From: <sip:caller@example.net>;tag=o1\nTo: <sip:user@example.com>\nCall-ID: ${callid}\n"
                + "CSeq: 1 OPTIONS\nContent-Type: text/plain\nContent-Length: " + size + "\n\n";
        return head + "x".repeat(size);
    }

    // ---- the wire -------------------------------------------------------------------------

    /**
     * Sends the message, then a sentinel OPTIONS on the same socket (or connection; a new one if
     * the stack closed it), and returns every response before the sentinel's 200, which must come.
     */
    private static List<String> exchange(SipTransport transport, String template) throws Exception {
        return exchange(transport, template, false);
    }

    /**
     * As above; with {@code expectResponse} it also waits (up to 3 s) for a response to the bad
     * message that comes after the sentinel's: the stack's threads may answer in either order.
     */
    private static List<String> exchange(SipTransport transport, String template, boolean expectResponse)
            throws Exception {
        return transport == SipTransport.UDP ? exchangeUdp(template, expectResponse) : exchangeTcp(template, expectResponse);
    }

    private static List<String> exchangeUdp(String template, boolean expectResponse) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            socket.setSoTimeout(200);
            String via = "SIP/2.0/UDP " + HOST + ":" + socket.getLocalPort();
            InetSocketAddress to = new InetSocketAddress(HOST, port);
            byte[] bad = fill(template, via, "bad-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bad, bad.length, to));
            Thread.sleep(50); // UDP has no order: give the bad one a head start
            String sentinelId = SENTINEL + UUID.randomUUID();
            byte[] ok = fill(sentinel(), via, sentinelId).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(ok, ok.length, to));
            List<String> responses = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean sentinelAnswered = false;
            long graceEnd = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, graceEnd)) {
                DatagramPacket in = new DatagramPacket(new byte[65535], 65535);
                try {
                    socket.receive(in);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                String r = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
                if (r.contains(sentinelId)) {
                    assertEquals("200", status(r), r);
                    sentinelAnswered = true;
                    graceEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(expectResponse && responses.isEmpty() ? 3000 : 150);
                } else if (!r.startsWith("SIP/2.0 100 ")) {
                    responses.add(r);
                    if (sentinelAnswered) {
                        graceEnd = Math.min(graceEnd, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150));
                    }
                }
            }
            assertTrue(sentinelAnswered, () -> "the endpoint still answers OPTIONS over UDP; other responses: " + responses);
            return responses;
        }
    }

    private static List<String> exchangeTcp(String template, boolean expectResponse) throws Exception {
        List<String> responses = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 2000);
            socket.setSoTimeout(3000);
            String via = "SIP/2.0/TCP " + HOST + ":" + socket.getLocalPort();
            OutputStream out = socket.getOutputStream();
            out.write(fill(template, via, "bad-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String sentinelId = SENTINEL + UUID.randomUUID();
            boolean sent = true;
            try {
                out.write(fill(sentinel(), via, sentinelId).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException closedByTheStack) {
                sent = false;
            }
            if (sent) {
                boolean sentinelAnswered = false;
                for (String r : readResponses(socket.getInputStream(), expectResponse)) {
                    if (r.contains(sentinelId)) {
                        assertEquals("200", status(r), r);
                        sentinelAnswered = true;
                    } else if (!r.startsWith("SIP/2.0 100 ")) {
                        responses.add(r);
                    }
                }
                if (sentinelAnswered) {
                    return responses;
                }
            }
        }
        // The stack closed the connection (or a huge Content-Length swallowed the sentinel): a new one must work.
        try (Socket again = new Socket()) {
            again.connect(new InetSocketAddress(HOST, port), 2000);
            again.setSoTimeout(3000);
            String via = "SIP/2.0/TCP " + HOST + ":" + again.getLocalPort();
            String sentinelId = SENTINEL + UUID.randomUUID();
            again.getOutputStream().write(fill(sentinel(), via, sentinelId).getBytes(StandardCharsets.UTF_8));
            for (String r : readResponses(again.getInputStream(), false)) {
                if (r.contains(sentinelId)) {
                    assertEquals("200", status(r), r);
                    return responses;
                }
            }
        }
        return fail("the endpoint does not answer OPTIONS over TCP any more; responses before: " + responses);
    }

    /**
     * Responses read until the sentinel's (and, with {@code expectOther}, one more final response
     * besides), EOF or a read timeout; framed by Content-Length, which the stack always sends.
     */
    private static List<String> readResponses(InputStream in, boolean expectOther) throws IOException {
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (true) {
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException | java.net.SocketException e) {
                n = -1;
            }
            if (n < 0) {
                return out;
            }
            buf.write(chunk, 0, n);
            String all = buf.toString(StandardCharsets.UTF_8);
            int end;
            while ((end = all.indexOf("\r\n\r\n")) >= 0) {
                String head = all.substring(0, end + 4);
                int length = contentLength(head);
                if (all.length() < end + 4 + length) {
                    break;
                }
                out.add(all.substring(0, end + 4 + length));
                all = all.substring(end + 4 + length);
                boolean sentinel = out.stream().anyMatch(r -> r.contains(SENTINEL));
                boolean other = out.stream().anyMatch(r -> !r.contains(SENTINEL) && !r.startsWith("SIP/2.0 100 "));
                if (sentinel && (!expectOther || other)) {
                    return out;
                }
            }
            buf.reset();
            buf.write(all.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    private static String sentinel() {
        return "OPTIONS sip:user@${host}:${port} SIP/2.0\nVia: ${via};branch=${branch}\nMax-Forwards: 70\n"
                + "From: <sip:tester@example.net>;tag=t1\nTo: <sip:user@example.com>\nCall-ID: ${callid}\n"
                + "CSeq: 1 OPTIONS\nContent-Length: 0\n\n";
    }

    private static String fill(String template, String via, String callId) {
        String filled = template.replace("${host}", HOST).replace("${port}", Integer.toString(port))
                .replace("${via}", via)
                .replace("${sentby}", via.substring(via.indexOf(' ') + 1)).replace("${transport}", via.substring(8, 11)).replace("${branch}", "z9hG4bK-torture" + BRANCHES.incrementAndGet())
                .replace("${callid}", callId);
        return filled.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static String status(String response) {
        String[] parts = response.split(" ", 3);
        return parts.length > 1 && parts[0].startsWith("SIP/") ? parts[1] : response;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = MalformedRequestsTest.class.getResourceAsStream("/" + path)) {
            assertNotNull(in, path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
