package io.siprtc.gateway.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small stub resolver (RFC 1035): one question over UDP to the configured servers in turn, over
 * TCP when the answer was truncated. NXDOMAIN and "no data" are empty answers; a timeout,
 * SERVFAIL, REFUSED or a garbled answer moves on to the next server, and when every server failed
 * on every try the query fails with an IOException naming them.
 *
 * <p>Why not JNDI's DNS provider: it hides the TTLs (needed to cache), takes its servers from a URL
 * per context and, inside Felix, needs the thread context class loader switched around each lookup
 * to find {@code com.sun.jndi.dns}. The wire format for four record types is small.
 */
final class DnsClient implements DnsResolver {

    private static final SecureRandom IDS = new SecureRandom();
    private static final int MAX_UDP = 4096;

    private final List<InetSocketAddress> servers;
    private final int timeoutMs;
    private final int tries;

    /**
     * @param servers asked in this order
     * @param timeoutMs how long one server gets for one try
     * @param tries rounds over all servers
     */
    DnsClient(List<InetSocketAddress> servers, int timeoutMs, int tries) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS servers");
        }
        this.servers = List.copyOf(servers);
        this.timeoutMs = timeoutMs;
        this.tries = tries;
    }

    List<InetSocketAddress> servers() {
        return servers;
    }

    @Override
    public DnsAnswer query(String name, DnsType type) throws IOException {
        String last = "no server asked";
        for (int round = 0; round < tries; round++) {
            for (InetSocketAddress server : servers) {
                try {
                    DnsMessage.Response r = ask(server, name, type);
                    if (r.rcode() == DnsMessage.NOERROR) {
                        return r.answer();
                    }
                    if (r.rcode() == DnsMessage.NXDOMAIN) {
                        return DnsAnswer.empty(r.answer().ttl());
                    }
                    last = describe(server) + " answered " + rcodeName(r.rcode());
                } catch (SocketTimeoutException e) {
                    last = describe(server) + " did not answer within " + timeoutMs + " ms";
                } catch (IOException | IllegalArgumentException e) {
                    last = describe(server) + ": " + e.getMessage();
                }
            }
        }
        throw new IOException("DNS lookup of " + type + " " + name + " failed (" + last + "; servers "
                + servers.stream().map(DnsClient::describe).collect(Collectors.joining(", ")) + ")");
    }

    private DnsMessage.Response ask(InetSocketAddress server, String name, DnsType type) throws IOException {
        int id = IDS.nextInt(0x10000);
        byte[] query = DnsMessage.query(id, name, type);
        DnsMessage.Response r = overUdp(server, id, query, type);
        return r.truncated() ? overTcp(server, id, query, type) : r;
    }

    private DnsMessage.Response overUdp(InetSocketAddress server, int id, byte[] query, DnsType type) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server); // only the server's datagrams are received
            socket.setSoTimeout(timeoutMs);
            socket.send(new DatagramPacket(query, query.length));
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            byte[] buffer = new byte[MAX_UDP];
            while (true) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.receive(p);
                DnsMessage.Response r = parseOrNull(buffer, p.getLength(), type);
                if (r != null && r.id() == id) {
                    return r;
                }
                int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout(left); // a stray or spoofed datagram: keep waiting for ours
            }
        }
    }

    private DnsMessage.Response overTcp(InetSocketAddress server, int id, byte[] query, DnsType type) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (query.length >> 8), (byte) query.length});
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedShort();
            byte[] buffer = new byte[length];
            in.readFully(buffer);
            DnsMessage.Response r = DnsMessage.parse(buffer, length, type);
            if (r.id() != id) {
                throw new IOException("answer over TCP with another id");
            }
            return r;
        }
    }

    private static DnsMessage.Response parseOrNull(byte[] buffer, int length, DnsType type) {
        try {
            return DnsMessage.parse(buffer, length, type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String rcodeName(int rcode) {
        switch (rcode) {
            case 1: return "FORMERR";
            case 2: return "SERVFAIL";
            case 4: return "NOTIMP";
            case 5: return "REFUSED";
            default: return "RCODE " + rcode;
        }
    }

    static String describe(InetSocketAddress server) {
        String host = server.getAddress() != null ? server.getAddress().getHostAddress() : server.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + server.getPort();
    }

    @Override
    public String toString() {
        return "DnsClient" + servers.stream().map(DnsClient::describe).collect(Collectors.toList());
    }
}
