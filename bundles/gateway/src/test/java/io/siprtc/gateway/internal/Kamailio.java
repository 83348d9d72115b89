package io.siprtc.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Kamailio (Debian's {@code kamailio} package) for the integration tests: registrar,
 * digest authentication and record-routing proxy, configured by {@code kamailio/siprtc-test.cfg}
 * with the users and options given here. It listens on 127.0.0.1 only, UDP and TCP on one free
 * port (and, when asked for, TLS on another with a certificate of a {@link TestCa}), does no DNS, runs in the foreground ({@code -DD -E}) with its log in
 * {@code target/kamailio/<name>-<port>/kamailio.log}, and is stopped by PID: by {@link #close()},
 * by a shutdown hook, and (through {@code setpriv --pdeathsig}) by the kernel if the test JVM dies.
 */
final class Kamailio implements AutoCloseable {

    static final String REALM = "siprtc.test";
    private static final long START_TIMEOUT_MS = 15_000;

    private final String name;
    private final Path dir;
    private final Path log;
    private final int port;
    private final int tlsPort;
    private int wsPort;
    private final ServerProcess server;
    private final Process process;

    /** What the configuration should do. */
    static final class Options {
        String algorithm = "SHA-256";
        final Map<String, String> users = new LinkedHashMap<>();
        int nonceExpireSeconds = 300;
        int minExpiresSeconds = 1;
        boolean challengeBye;
        TestCa.Issued tlsCertificate;
        TestCa tlsClientCa;
        int tcpConnectionLifetimeSeconds = 120;
        boolean webSocket;
        int rtpenginePort;
        final java.util.Set<String> plainUsers = new java.util.TreeSet<>();
        boolean loopbackCandidates;

        /** "" for a challenge without algorithm (MD5), or "SHA-256". */
        Options algorithm(String a) {
            algorithm = a;
            return this;
        }

        Options user(String user, String password) {
            if (!user.matches("[a-z0-9]+") || !password.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("test users and passwords are plain tokens: " + user);
            }
            users.put(user, password);
            return this;
        }

        Options nonceExpire(int seconds) {
            nonceExpireSeconds = seconds;
            return this;
        }

        Options challengeBye() {
            challengeBye = true;
            return this;
        }

        /**
         * Listens on TLS too, with this certificate; connections Kamailio opens (to a TLS Contact)
         * must present a certificate of {@code clientCa}.
         */
        Options tls(TestCa.Issued certificate, TestCa clientCa) {
            tlsCertificate = certificate;
            tlsClientCa = clientCa;
            return this;
        }

        /**
         * Listens for SIP over WebSocket (RFC 7118) too, on ws://127.0.0.1 and another free port
         * ({@link #wsUri()}): the WITH_WEBSOCKET block of the configuration (websocket, xhttp and
         * nathelper modules; a WebSocket client is reached through its connection).
         */
        Options webSocket() {
            webSocket = true;
            return this;
        }

        /**
         * Bridges calls between a WebRTC peer and a plain RTP/AVP phone through this rtpengine (the
         * WITH_RTPENGINE block of the configuration: its rtpengine module on the NG port). The
         * phones of {@code plainUsers} are plain; a call between one of them and any other user
         * is relayed (ICE, DTLS-SRTP and rtcp-mux towards the WebRTC side, plain RTP/AVP with
         * RTCP on its own port towards the plain side); other calls are not.
         */
        Options rtpengine(Rtpengine relay, String... plainUsers) {
            rtpenginePort = relay.ngPort();
            for (String u : plainUsers) {
                if (!u.matches("[a-z0-9]+")) {
                    throw new IllegalArgumentException("test users are plain tokens: " + u);
                }
                this.plainUsers.add(u);
            }
            return this;
        }

        /**
         * Removes ICE candidates not on 127.0.0.0/8 from the SDP of calls rtpengine does not
         * bridge (WITH_LOOPBACK_CANDIDATES): baresip's ice module offers only the machine's other
         * addresses, and the tests must stay on loopback.
         */
        Options loopbackCandidates() {
            loopbackCandidates = true;
            return this;
        }

        /** Idle TCP and TLS connections are closed after this long (Kamailio's default: 120 s). */
        Options tcpConnectionLifetime(int seconds) {
            tcpConnectionLifetimeSeconds = seconds;
            return this;
        }
    }

    private Kamailio(String name, Path dir, int port, int tlsPort, ServerProcess server) {
        this.name = name;
        this.dir = dir;
        this.log = dir.resolve("kamailio.log");
        this.port = port;
        this.tlsPort = tlsPort;
        this.server = server;
        this.process = server.process();
    }

    /** Starts Kamailio and returns once it answers OPTIONS; fails with its log when it does not. */
    static Kamailio start(String name, Options options) throws IOException {
        String binary = ServerProcess.binary("kamailio is not installed: the SIP integration tests need Debian's "
                + "'kamailio' package (.ci/deps.sh build installs it)", "/usr/sbin/kamailio", "/usr/local/sbin/kamailio");
        int port = freeUdpAndTcpPort();
        int tlsPort = options.tlsCertificate == null ? 0 : freeTcpPort();
        int wsPort = options.webSocket ? freeTcpPort() : 0;
        Path dir = Paths.get("target", "kamailio", name + "-" + port).toAbsolutePath();
        Files.createDirectories(dir.resolve("run"));
        Path cfg = dir.resolve("kamailio.cfg");
        Files.writeString(cfg, config(options, port, tlsPort, dir.resolve("tls.cfg")).replace("@WS_PORT@",
                Integer.toString(wsPort)), StandardCharsets.UTF_8);
        if (options.tlsCertificate != null) {
            Files.writeString(dir.resolve("tls.cfg"), tlsConfig(options), StandardCharsets.UTF_8);
        }
        List<String> command = ServerProcess.command(List.of(binary, "-DD", "-E", "-f", cfg.toString(),
                "-Y", dir.resolve("run").toString(), "-w", dir.toString(), "-a", "no", "-m", "32", "-M", "8"));
        ServerProcess p = ServerProcess.start("kamailio-" + name, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kamailio.log").toFile()));
        Kamailio k = new Kamailio(name, dir, port, tlsPort, p);
        k.wsPort = wsPort;
        try {
            k.awaitOptions();
        } catch (IOException | RuntimeException e) {
            k.close();
            throw e;
        }
        return k;
    }

    static String config(Options o, int port) throws IOException {
        return config(o, port, 0, null);
    }

    static String config(Options o, int port, int tlsPort, Path tlsConfig) throws IOException {
        String template;
        try (InputStream in = Kamailio.class.getResourceAsStream("/kamailio/siprtc-test.cfg")) {
            if (in == null) {
                throw new IOException("kamailio/siprtc-test.cfg is missing from the test resources");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String users = o.users.entrySet().stream()
                .map(e -> "    if ($au == \"" + e.getKey() + "\") {\n        $var(password) = \"" + e.getValue() + "\";\n    }")
                .collect(Collectors.joining("\n"));
        String defines = (o.challengeBye ? "#!define CHALLENGE_BYE\n" : "") + (tlsPort > 0 ? "#!define WITH_TLS\n" : "")
                + (o.webSocket ? "#!define WITH_WEBSOCKET\n" : "");
        defines += (o.rtpenginePort > 0 ? "#!define WITH_RTPENGINE\n" : "")
                + (o.loopbackCandidates ? "#!define WITH_LOOPBACK_CANDIDATES\n" : "");
        String plainUsers = o.plainUsers.stream()
                .map(u -> "    if ($var(user) == \"" + u + "\") {\n        $var(plain) = 1;\n    }")
                .collect(Collectors.joining("\n"));
        return template.replace("@DEFINES@", defines)
                .replace("@RTPENGINE_PORT@", Integer.toString(o.rtpenginePort))
                .replace("@PLAIN_USERS@", plainUsers)
                .replace("@PORT@", Integer.toString(port))
                .replace("@TLS_PORT@", Integer.toString(tlsPort))
                .replace("@TLS_CONFIG@", tlsConfig == null ? "" : tlsConfig.toString())
                .replace("@TCP_LIFETIME@", Integer.toString(o.tcpConnectionLifetimeSeconds))
                .replace("@ALGORITHM@", o.algorithm)
                .replace("@NONCE_EXPIRE@", Integer.toString(o.nonceExpireSeconds))
                .replace("@MIN_EXPIRES@", Integer.toString(o.minExpiresSeconds))
                .replace("@USERS@", users)
                .replace("@UNKNOWN_USER_PASSWORD@", java.util.UUID.randomUUID().toString());
    }

    /** The tls module's configuration: our certificate as a server; as a client, peers must show one of the client CA's. */
    private static String tlsConfig(Options o) {
        return String.join("\n",
                "[server:default]",
                "method = TLSv1.2+",
                "verify_certificate = no",
                "require_certificate = no",
                "certificate = " + o.tlsCertificate.certificate(),
                "private_key = " + o.tlsCertificate.key(),
                "",
                "[client:default]",
                "method = TLSv1.2+",
                "verify_certificate = yes",
                "require_certificate = yes",
                "ca_list = " + o.tlsClientCa.certificate(),
                "");
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return tcp.getLocalPort();
        }
    }

    /** A port free for both UDP and TCP on 127.0.0.1. */
    static int freeUdpAndTcpPort() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, 0))) {
                int candidate = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(candidate, 1, lo)) {
                    return candidate;
                } catch (IOException inUse) {
                    // try another
                }
            }
        }
        throw new IOException("no port free for UDP and TCP on 127.0.0.1");
    }

    private void awaitOptions() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            s.setSoTimeout(200);
            int n = 0;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("kamailio " + name + " exited with " + process.exitValue()
                            + " before it answered; " + logTail());
                }
                String options = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-ready" + (++n) + ";rport\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:ready@127.0.0.1>;tag=ready\r\nTo: <sip:127.0.0.1:" + port + ">\r\n"
                        + "Call-ID: ready-" + n + "@127.0.0.1\r\nCSeq: " + n + " OPTIONS\r\nContent-Length: 0\r\n\r\n";
                byte[] out = options.getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(out, out.length, lo, port));
                byte[] in = new byte[4096];
                DatagramPacket reply = new DatagramPacket(in, in.length);
                try {
                    s.receive(reply);
                    if (new String(in, 0, reply.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200")) {
                        return;
                    }
                } catch (SocketTimeoutException notYet) {
                    // again
                }
            }
        }
        throw new IllegalStateException("kamailio " + name + " did not answer OPTIONS on 127.0.0.1:" + port + " within "
                + START_TIMEOUT_MS + " ms; " + logTail());
    }

    int port() {
        return port;
    }

    /** The TLS port (0 without TLS). */
    int tlsPort() {
        return tlsPort;
    }

    /** {@code ws://127.0.0.1:<port>}: where WebSocket clients connect (only with {@link Options#webSocket()}). */
    String wsUri() {
        if (wsPort == 0) {
            throw new IllegalStateException(this + " was started without Options.webSocket()");
        }
        return "ws://127.0.0.1:" + wsPort;
    }

    /** {@code 127.0.0.1:<tls port>}: the outbound proxy of accounts that use TLS. */
    String tlsHostPort() {
        return "127.0.0.1:" + tlsPort;
    }

    /** {@code 127.0.0.1:<port>}: the registrar's domain for accounts that use the address itself. */
    String hostPort() {
        return "127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The log lines that satisfy the check (Kamailio writes each line in one go). */
    List<String> lines(Predicate<String> check) {
        try (Stream<String> s = Files.lines(log, StandardCharsets.UTF_8)) {
            return s.filter(check).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            return List.of(); // a line cut in the middle of a UTF-8 sequence: read again later
        }
    }

    /** Requests Kamailio received: its {@code SIPRTC-RX} lines containing every given part. */
    List<String> received(String... parts) {
        return lines(l -> l.contains("SIPRTC-RX ") && Stream.of(parts).allMatch(l::contains));
    }

    /**
     * Like {@link #received}, each request once: UDP retransmissions (same method, CSeq and
     * Call-ID) are left out.
     */
    List<String> receivedOnce(String... parts) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return received(parts).stream().filter(l -> {
            int start = l.indexOf("SIPRTC-RX ");
            int end = l.indexOf(" from=", start);
            return seen.add(end > start ? l.substring(start, end) : l);
        }).collect(Collectors.toList());
    }

    /** Waits (bounded) until a line satisfies the check and returns it. */
    String awaitLine(Predicate<String> check, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            List<String> found = lines(check);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("kamailio " + name + " never logged the line looked for; " + logTail());
    }

    String logTail() {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "log " + log + ", last lines:\n" + String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException | RuntimeException e) {
            return "log " + log + " (unreadable: " + e + ")";
        }
    }

    /** Stops Kamailio and all its children; keeps the log. */
    @Override
    public void close() {
        server.close();
    }

    /** Deletes the working directory (call after the tests passed; a failure keeps the log). */
    void deleteFiles() {
        ServerProcess.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "kamailio " + name + " on 127.0.0.1:" + port + " (pid " + process.pid() + ", log " + log + ")";
    }
}
