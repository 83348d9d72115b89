package io.siprtc.sip.jainsip.internal;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's sockets with Nagle's algorithm off on every TCP and TLS connection we open or
 * accept. JAIN-SIP never sets {@code TCP_NODELAY}: a large INVITE written right after a small
 * ACK on the same connection waited for the peer's delayed TCP acknowledgement of the ACK
 * (measured: 42 ms in every call set-up through Kamailio over TCP). SIP messages are written
 * whole, so nothing is gained by coalescing them. Wraps the layer that makes the sockets
 * (JAIN-SIP's default, or {@link TlsNetworkLayer}). Accepted TLS connections keep the JDK's
 * default (the SSL server socket cannot be wrapped).
 */
final class NoDelayNetworkLayer implements NetworkLayer {

    private final NetworkLayer sockets;

    NoDelayNetworkLayer(NetworkLayer sockets) {
        this.sockets = sockets;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new NoDelayServerSocket(port, backlog, bindAddress);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return sockets.createSSLServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return noDelay(sockets.createSocket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return noDelay(sockets.createSocket(address, port, localAddress));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return noDelay(sockets.createSocket(address, port, myAddress, myPort));
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return noDelay(sockets.createSSLSocket(address, port));
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return noDelay(sockets.createSSLSocket(address, port, myAddress));
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return sockets.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        return sockets.createDatagramSocket(port, laddr);
    }

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        sockets.setSipStack(sipStack);
    }

    private static <S extends Socket> S noDelay(S socket) throws SocketException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** A plain listening socket whose accepted connections have Nagle's algorithm off. */
    private static final class NoDelayServerSocket extends ServerSocket {

        NoDelayServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
            super(port, backlog, bindAddress);
        }

        @Override
        public Socket accept() throws IOException {
            Socket s = super.accept();
            try {
                s.setTcpNoDelay(true);
            } catch (SocketException e) {
                s.close();
                throw e;
            }
            return s;
        }
    }
}
