package io.siprtc.gateway.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real rtpengine (Debian's {@code rtpengine-daemon}) for the interop tests: the media relay a
 * Kamailio started with {@link Kamailio.Options#rtpengine} drives over the NG protocol, to bridge a
 * WebRTC peer (ICE, DTLS-SRTP, rtcp-mux) and a plain RTP/AVP phone. Userspace only ({@code table
 * = -1}: no kernel module, no iptables), media on 127.0.0.1 only ({@code interface}), NG control on
 * 127.0.0.1 and a free UDP port, RTP ports from a free range below the kernel's ephemeral ports. It
 * reads only the configuration file written here (never {@code /etc/rtpengine/rtpengine.conf}),
 * runs in the foreground with its log in {@code target/rtpengine/<name>-<ng port>/rtpengine.log},
 * and is stopped by its PID ({@link ServerProcess}: SIGTERM, a shutdown hook, {@code setpriv
 * --pdeathsig}).
 */
final class Rtpengine implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 15_000;
    /** RTP ports per instance: each relayed stream takes an RTP and an RTCP port per side. */
    static final int PORTS = 100;

    private final String name;
    private final Path dir;
    private final Path log;
    private final int ngPort;
    private final int minPort;
    private final ServerProcess server;

    private Rtpengine(String name, Path dir, int ngPort, int minPort, ServerProcess server) {
        this.name = name;
        this.dir = dir;
        this.log = dir.resolve("rtpengine.log");
        this.ngPort = ngPort;
        this.minPort = minPort;
        this.server = server;
    }

    /** Starts rtpengine and returns once it answers an NG ping; fails with its log when it does not. */
    static Rtpengine start(String name) throws IOException {
        String binary = ServerProcess.binary("rtpengine is not installed: the interop tests need Debian's "
                + "'rtpengine-daemon' package (.ci/deps.sh build installs it)", "/usr/bin/rtpengine", "/usr/sbin/rtpengine");
        int ngPort = freeUdpPort();
        int minPort = freeUdpRange(PORTS);
        Path dir = Paths.get("target", "rtpengine", name + "-" + ngPort).toAbsolutePath();
        Files.createDirectories(dir);
        Path conf = dir.resolve("rtpengine.conf");
        Files.writeString(conf, String.join("\n",
                "# written by Rtpengine.java: userspace only, everything on 127.0.0.1",
                "[rtpengine]",
                "table = -1",
                "interface = 127.0.0.1",
                "listen-ng = 127.0.0.1:" + ngPort,
                "port-min = " + minPort,
                "port-max = " + (minPort + PORTS - 1),
                "num-threads = 2",
                "log-level = 6",
                "timeout = 60",
                "delete-delay = 0",
                ""), StandardCharsets.UTF_8);
        List<String> command = ServerProcess.command(List.of(binary, "--config-file=" + conf, "--config-section=rtpengine",
                "--foreground", "--log-stderr", "--pidfile=" + dir.resolve("rtpengine.pid")));
        ServerProcess p = ServerProcess.start("rtpengine-" + name, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("rtpengine.log").toFile()));
        Rtpengine r = new Rtpengine(name, dir, ngPort, minPort, p);
        try {
            r.awaitPong();
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void awaitPong() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.process().isAlive()) {
                throw new IllegalStateException("rtpengine " + name + " exited with " + server.process().exitValue()
                        + " before it answered; " + logTail());
            }
            try {
                Map<String, Object> reply = ng(Map.of("command", "ping"), 300);
                if ("pong".equals(reply.get("result"))) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("rtpengine " + name + " did not answer an NG ping on 127.0.0.1:" + ngPort + " within "
                + START_TIMEOUT_MS + " ms (" + last + "); " + logTail());
    }

    /** The NG control port on 127.0.0.1 (Kamailio's {@code rtpengine_sock}). */
    int ngPort() {
        return ngPort;
    }

    int minPort() {
        return minPort;
    }

    int maxPort() {
        return minPort + PORTS - 1;
    }

    Path log() {
        return log;
    }

    long pid() {
        return server.process().pid();
    }

    /**
     * Packets rtpengine received per call party (its From/To tag) in a call it relays: the NG
     * {@code query} command's {@code totals.RTP.packets} per tag, summed over the tag's streams.
     * A relayed call has two parties, each of which sent that many packets into the relay.
     */
    Map<String, Long> packetsReceivedPerTag(String callId) throws IOException {
        Map<String, Object> reply = ng(Map.of("command", "query", "call-id", callId), 2000);
        if (!"ok".equals(reply.get("result"))) {
            throw new IOException("rtpengine query " + callId + ": " + reply);
        }
        Map<String, Long> out = new TreeMap<>();
        Object tags = reply.get("tags");
        if (tags instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) tags).entrySet()) {
                long packets = 0;
                Object medias = ((Map<?, ?>) e.getValue()).get("medias");
                if (medias instanceof List) {
                    for (Object m : (List<?>) medias) {
                        Object streams = ((Map<?, ?>) m).get("streams");
                        if (streams instanceof List) {
                            for (Object s : (List<?>) streams) {
                                Object stats = ((Map<?, ?>) s).get("stats");
                                if (stats instanceof Map && ((Map<?, ?>) stats).get("packets") instanceof Long) {
                                    packets += (Long) ((Map<?, ?>) stats).get("packets");
                                }
                            }
                        }
                    }
                }
                out.put(e.getKey().toString(), packets);
            }
        }
        return out;
    }

    /** The Call-IDs of the calls rtpengine holds now (NG {@code list}). */
    List<String> calls() throws IOException {
        Map<String, Object> reply = ng(Map.of("command", "list"), 2000);
        List<String> out = new ArrayList<>();
        if (reply.get("calls") instanceof List) {
            for (Object c : (List<?>) reply.get("calls")) {
                out.add(c.toString());
            }
        }
        return out;
    }

    /** One NG request (bencode over UDP, a cookie in front) and its decoded reply. */
    Map<String, Object> ng(Map<String, Object> command, int timeoutMs) throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        String cookie = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((cookie + " ").getBytes(StandardCharsets.US_ASCII));
        Bencode.write(command, out);
        byte[] request = out.toByteArray();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            s.setSoTimeout(timeoutMs);
            s.send(new DatagramPacket(request, request.length, lo, ngPort));
            byte[] in = new byte[65535];
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (true) {
                DatagramPacket reply = new DatagramPacket(in, in.length);
                try {
                    s.receive(reply);
                } catch (SocketTimeoutException e) {
                    throw new IOException("rtpengine did not answer " + command.get("command") + " within " + timeoutMs + " ms", e);
                }
                String text = new String(in, 0, reply.getLength(), StandardCharsets.ISO_8859_1);
                if (text.startsWith(cookie + " ")) {
                    Object decoded = Bencode.read(text.substring(cookie.length() + 1));
                    if (!(decoded instanceof Map)) {
                        throw new IOException("rtpengine answered " + text);
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) decoded;
                    return map;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no reply with our cookie from rtpengine");
                }
            }
        }
    }

    String logTail() {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "log " + log + ", last lines:\n" + String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException | RuntimeException e) {
            return "log " + log + " (unreadable: " + e + ")";
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Stops rtpengine by its PID; keeps the log. */
    @Override
    public void close() {
        server.close();
    }

    /** Deletes the working directory (after the tests passed; a failure keeps the log). */
    void deleteFiles() {
        ServerProcess.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "rtpengine " + name + " ng 127.0.0.1:" + ngPort + " rtp " + minPort + "-" + maxPort() + " (pid " + pid()
                + ", log " + log + ")";
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            return udp.getLocalPort();
        }
    }

    /**
     * The first port of {@code count} consecutive UDP ports that are free now on every address
     * (baresip binds its RTP sockets to 0.0.0.0), picked at random between 20000 and 32000, below
     * the kernel's ephemeral ports (32768 and up) that every other socket of the machine draws from.
     */
    static int freeUdpRange(int count) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + 2 * ThreadLocalRandom.current().nextInt((12_000 - count) / 2);
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IOException("no " + count + " consecutive free UDP ports between 20000 and 32000");
    }

    private static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (DatagramSocket s = new DatagramSocket(p)) {
                // free
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }

    /** The bencode subset the NG protocol uses: dictionaries, lists, byte strings, integers. */
    static final class Bencode {

        private Bencode() {
        }

        static void write(Object v, ByteArrayOutputStream out) {
            if (v instanceof Map) {
                out.write('d');
                Map<String, Object> sorted = new TreeMap<>();
                ((Map<?, ?>) v).forEach((k, x) -> sorted.put(k.toString(), x));
                for (Map.Entry<String, Object> e : sorted.entrySet()) {
                    write(e.getKey(), out);
                    write(e.getValue(), out);
                }
                out.write('e');
            } else if (v instanceof List) {
                out.write('l');
                for (Object x : (List<?>) v) {
                    write(x, out);
                }
                out.write('e');
            } else if (v instanceof Number) {
                out.writeBytes(("i" + ((Number) v).longValue() + "e").getBytes(StandardCharsets.US_ASCII));
            } else {
                byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(b);
            }
        }

        /** Decodes text read as ISO-8859-1 (one char per byte); strings come back as Java strings of those bytes. */
        static Object read(String text) {
            int[] at = {0};
            return read(text, at);
        }

        private static Object read(String t, int[] at) {
            char c = t.charAt(at[0]);
            if (c == 'i') {
                int end = t.indexOf('e', at[0]);
                long v = Long.parseLong(t.substring(at[0] + 1, end));
                at[0] = end + 1;
                return v;
            }
            if (c == 'l') {
                at[0]++;
                List<Object> list = new ArrayList<>();
                while (t.charAt(at[0]) != 'e') {
                    list.add(read(t, at));
                }
                at[0]++;
                return list;
            }
            if (c == 'd') {
                at[0]++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (t.charAt(at[0]) != 'e') {
                    String k = read(t, at).toString();
                    map.put(k, read(t, at));
                }
                at[0]++;
                return map;
            }
            int colon = t.indexOf(':', at[0]);
            int n = Integer.parseInt(t.substring(at[0], colon));
            String s = t.substring(colon + 1, colon + 1 + n);
            at[0] = colon + 1 + n;
            return s;
        }
    }
}
