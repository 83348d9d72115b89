package io.siprtc.sip.jainsip.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds a port free for both UDP and TCP on one address (JAIN-SIP keeps port 0 as 0). */
final class FreePorts {

    private static final int ATTEMPTS = 20;

    private FreePorts() {
    }

    static int pick(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        IOException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(address, 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
                    return port;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no port free for both UDP and TCP on " + host, last);
    }

    /** A port free for TCP on the address (TLS listens on a port of its own). */
    static int pickTcp(String host) throws IOException {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return tcp.getLocalPort();
        }
    }
}
