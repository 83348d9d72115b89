package io.siprtc.sip.jainsip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipTransport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DS component without a framework: activation, open, deactivation. */
class JainSipStackTest {

    private static final String HOST = "127.0.0.1";
    private final JainSipStack stack = new JainSipStack();

    @AfterEach
    void deactivate() {
        stack.deactivate();
    }

    @Test
    void deactivationClosesEveryEndpointAndFreesItsPorts() throws Exception {
        stack.activate(StackSettings.DEFAULTS);
        SipEndpoint a = stack.open(config("a", 0, EnumSet.of(SipTransport.UDP, SipTransport.TCP)), new Recorders.Requests());
        SipEndpoint b = stack.open(config("b", 0, Set.of()), new Recorders.Requests());
        int port = a.port(SipTransport.TCP);
        assertEquals(port, a.port(SipTransport.UDP));
        assertEquals(HOST, a.host());
        assertThrows(IllegalArgumentException.class, () -> b.port(SipTransport.TCP), "UDP only by default");

        long start = System.nanoTime();
        stack.deactivate();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1900, "endpoints stop side by side: " + ms + " ms");

        SipException closed = assertThrows(SipException.class,
                () -> a.send(SipRequest.of("OPTIONS", "sip:x@127.0.0.1"), new Recorders.Responses()));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), port));
                ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        }
        assertThrows(SipException.class, () -> stack.open(config("c", 0, Set.of()), new Recorders.Requests()));
    }

    @Test
    void closedEndpointsLeaveNoThreadsBehind() throws Exception {
        stack.activate(StackSettings.DEFAULTS);
        stack.deactivate(); // the first activation may start shared, lazily created threads
        stack.activate(StackSettings.DEFAULTS);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int i = 0; i < 3; i++) {
            SipEndpoint e = stack.open(config("t" + i, 0, EnumSet.of(SipTransport.UDP, SipTransport.TCP)), new Recorders.Requests());
            e.close();
        }
        SipEndpoint failed = null;
        try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), 0))) {
            failed = stack.open(config("busy", busy.getLocalPort(), Set.of()), new Recorders.Requests());
        } catch (SipException expected) {
            // a stack that could not bind is stopped too
        }
        assertEquals(null, failed);
        long deadline = System.nanoTime() + 5_000_000_000L;
        Set<String> left;
        do {
            left = new java.util.TreeSet<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (!before.contains(t) && t.isAlive()) {
                    left.add(t.getName());
                }
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline && sleep());
        assertEquals(Set.of(), left, "threads left by four stopped JAIN-SIP stacks");
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(50);
        return true;
    }

    @Test
    void aBusyPortIsReportedWithItsAddress() throws Exception {
        stack.activate(StackSettings.DEFAULTS);
        try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), 0))) {
            SipException e = assertThrows(SipException.class,
                    () -> stack.open(config("busy", busy.getLocalPort(), Set.of()), new Recorders.Requests()));
            assertTrue(e.getMessage().contains(HOST + ":" + busy.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void tlsListensOnAPortOfItsOwn() throws Exception {
        stack.activate(StackSettings.DEFAULTS);
        SipEndpoint e = stack.open(config("tls", 0, EnumSet.of(SipTransport.UDP, SipTransport.TCP, SipTransport.TLS)),
                new Recorders.Requests());
        int tls = e.port(SipTransport.TLS);
        assertTrue(tls > 0 && tls != e.port(SipTransport.TCP), "TLS " + tls + ", TCP " + e.port(SipTransport.TCP));
        try (java.net.Socket s = new java.net.Socket(HOST, tls)) {
            assertTrue(s.isConnected());
        }
    }

    @Test
    void aTlsTrustStoreThatCannotBeReadIsRefusedClearly() {
        stack.activate(StackSettings.DEFAULTS);
        SipException e = assertThrows(SipException.class,
                () -> stack.open(config("tls", 0, EnumSet.of(SipTransport.TLS)).withTls(io.siprtc.api.sip.SipTlsConfig.DEFAULT
                        .withTrustStore("/nonexistent/trust.p12", "pw"), 0), new Recorders.Requests()));
        assertEquals("TLS trust store /nonexistent/trust.p12 is missing or unreadable", e.getMessage());
    }

    private static SipEndpointConfig config(String name, int port, Set<SipTransport> transports) {
        return new SipEndpointConfig(name, HOST, port, transports);
    }
}
