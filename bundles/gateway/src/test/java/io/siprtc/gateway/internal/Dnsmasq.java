package io.siprtc.gateway.internal;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for the tests: Debian's {@code dnsmasq-base}, on 127.0.0.1 and a free port
 * (UDP and TCP), serving only the records given here ({@code --no-resolv --no-hosts}, no
 * configuration file, names under {@code .test} without records are NXDOMAIN). It never touches
 * the system's DNS set-up; as root it stays root (Debian's dnsmasq-base has no user of its own to
 * drop to). Runs in the foreground with its query log in {@code target/dnsmasq/<name>-<port>/},
 * stopped by PID (and a shutdown hook, and {@code setpriv --pdeathsig}).
 */
final class Dnsmasq implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 5_000;

    private final String name;
    private final Path dir;
    private final int port;
    private final ServerProcess server;

    /** The records to serve, as dnsmasq options. */
    static final class Records {
        final List<String> options = new ArrayList<>();

        /** RFC 3403 NAPTR with flag {@code s} pointing to an SRV name. */
        Records naptr(String domain, int order, int preference, String service, String srvName) {
            options.add("--naptr-record=" + domain + "," + order + "," + preference + ",s," + service + ",," + srvName);
            return this;
        }

        Records srv(String srvName, String target, int port, int priority, int weight) {
            options.add("--srv-host=" + srvName + "," + target + "," + port + "," + priority + "," + weight);
            return this;
        }

        Records host(String name, String ipv4) {
            options.add("--host-record=" + name + "," + ipv4);
            return this;
        }
    }

    private Dnsmasq(String name, Path dir, int port, ServerProcess server) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    static Dnsmasq start(String name, Records records) throws IOException {
        String binary = ServerProcess.binary("dnsmasq is not installed: the DNS tests need Debian's 'dnsmasq-base' "
                + "package (.ci/deps.sh build installs it)", "/usr/sbin/dnsmasq", "/usr/local/sbin/dnsmasq");
        int port = Kamailio.freeUdpAndTcpPort();
        Path dir = Paths.get("target", "dnsmasq", name + "-" + port).toAbsolutePath();
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(List.of(binary, "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--no-poll", "--pid-file=", "--listen-address=127.0.0.1",
                "--bind-interfaces", "--port=" + port, "--local=/test/", "--local-ttl=60", "--log-queries",
                "--log-facility=" + dir.resolve("dnsmasq.log")));
        if ("root".equals(System.getProperty("user.name"))) {
            args.addAll(List.of("--user=root", "--group=root")); // else it drops to a user the package did not create
        }
        args.addAll(records.options);
        Files.writeString(dir.resolve("command.txt"), String.join(" ", args) + "\n");
        ServerProcess p = ServerProcess.start("dnsmasq-" + name, new ProcessBuilder(ServerProcess.command(args))
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()));
        Dnsmasq d = new Dnsmasq(name, dir, port, p);
        try {
            d.awaitAnswer();
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** Asks for the A record of {@code ready.test} until dnsmasq answers (NXDOMAIN is an answer). */
    private void awaitAnswer() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        byte[] query = DnsMessage.query(7, "ready.test", DnsType.A);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            s.setSoTimeout(100);
            while (System.nanoTime() < deadline) {
                if (!server.process().isAlive()) {
                    throw new IllegalStateException("dnsmasq " + name + " exited with " + server.process().exitValue()
                            + " at start; " + log());
                }
                s.send(new DatagramPacket(query, query.length, lo, port));
                try {
                    s.receive(new DatagramPacket(new byte[512], 512));
                    return;
                } catch (SocketTimeoutException notYet) {
                    // again
                }
            }
        }
        throw new IllegalStateException("dnsmasq " + name + " did not answer on 127.0.0.1:" + port + "; " + log());
    }

    int port() {
        return port;
    }

    /** The account's {@code dns.servers} value for it. */
    String server() {
        return "127.0.0.1:" + port;
    }

    /** The queries dnsmasq logged, e.g. {@code query[SRV] _sip._udp.siprtc.test from 127.0.0.1}; not the start probes. */
    List<String> queries() {
        return log().lines().filter(l -> l.contains("query[") && !l.contains(" ready.test "))
                .map(l -> l.substring(l.indexOf("query["))).toList();
    }

    String log() {
        try {
            Path log = dir.resolve("dnsmasq.log");
            return (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "")
                    + Files.readString(dir.resolve("stdout.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Override
    public void close() {
        server.close();
    }

    void deleteFiles() {
        ServerProcess.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "dnsmasq " + name + " on 127.0.0.1:" + port + " (logs in " + dir + ")";
    }
}
