package io.siprtc.sip.jainsip.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.core.net.DefaultNetworkLayer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Every TCP connection the stack opens or accepts has Nagle's algorithm off (the JDK's default is on). */
class NoDelayNetworkLayerTest {

    private final NoDelayNetworkLayer layer = new NoDelayNetworkLayer(DefaultNetworkLayer.SINGLETON);

    @Test
    void connectionsOpenedAndAcceptedSendAtOnce() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = layer.createServerSocket(0, 5, loopback);
                Socket client = layer.createSocket(loopback, server.getLocalPort());
                Socket accepted = server.accept();
                Socket plain = new Socket(loopback, server.getLocalPort());
                Socket acceptedPlain = server.accept()) {
            assertTrue(!plain.getTcpNoDelay(), "the JDK's default has Nagle on (else this test proves nothing)");
            assertTrue(client.getTcpNoDelay(), "a connection we open");
            assertTrue(accepted.getTcpNoDelay(), "a connection we accept");
            assertTrue(acceptedPlain.getTcpNoDelay(), "whoever connects");
        }
    }
}
