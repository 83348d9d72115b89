package io.siprtc.chat.mqtt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 between a client and the broker, for cutting a client's connection
 * abruptly (as a crash or a dead network would): {@link #cut()} resets both sides at once.
 */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    TcpRelay(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "tcp-relay-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2000);
                sockets.add(client);
                sockets.add(broker);
                pipe(client, broker);
                pipe(broker, client);
            } catch (IOException e) {
                // closed, or the broker is not there: the client sees its connection fail
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // cut
            }
            closeHard(to);
            closeHard(from);
        }, "tcp-relay-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** Resets every relayed connection at once: no DISCONNECT reaches the broker. */
    void cut() {
        for (Socket s : sockets) {
            closeHard(s);
        }
        sockets.clear();
    }

    private static void closeHard(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        cut();
    }
}
