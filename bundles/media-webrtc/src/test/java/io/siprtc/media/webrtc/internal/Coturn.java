package io.siprtc.media.webrtc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A real TURN/STUN server for tests: Debian's {@code coturn} ({@code turnserver}), on 127.0.0.1
 * only. It listens (UDP and TCP, no TLS/DTLS, no CLI, no RFC 5780 second port) on one free port
 * of 127.0.0.1, relays from 127.0.0.1 within a free port range, lets peers be loopback
 * addresses and nothing else ({@code --allowed-peer-ip=127.0.0.1}, every other address denied),
 * uses long-term credentials with one random user, reads no configuration file ({@code -n}) and
 * keeps its pid file, log and user database in {@code target/coturn/<name>-<port>/}.
 * <p>
 * As a JUnit 5 extension ({@code @RegisterExtension static final Coturn TURN = new Coturn("x")})
 * it starts before the class's tests and stops after them, keeping its directory (and saying
 * where) when a test failed, deleting it otherwise. It can also be used by hand:
 * {@link #start()} and {@link #close()}. It is stopped by its own process (SIGTERM, then
 * SIGKILL), by a shutdown hook, and (through {@code setpriv --pdeathsig}) by the kernel if the
 * test JVM dies: never by name.
 */
public final class Coturn implements BeforeAllCallback, AfterAllCallback, TestWatcher, AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String REALM = "siprtc.test";
    private static final String SETPRIV = "/usr/bin/setpriv";
    private static final long START_TIMEOUT_MS = 10_000;
    private static final int DEFAULT_RELAY_PORTS = 64;

    private final String name;
    private final int relayPorts;
    private final String user = "siprtc";
    private final String password;
    private Path dir;
    private Process process;
    private Thread shutdownHook;
    private int port;
    private int minPort;
    private volatile boolean failed;

    public Coturn(String name) {
        this(name, DEFAULT_RELAY_PORTS);
    }

    /** @param relayPorts how many relay ports (each allocation takes one until it is freed) */
    public Coturn(String name, int relayPorts) {
        this.name = name;
        this.relayPorts = relayPorts;
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        StringBuilder p = new StringBuilder("p");
        for (byte x : b) {
            p.append(String.format("%02x", x));
        }
        this.password = p.toString();
    }

    /** Starts turnserver and returns once it answers STUN binding requests over UDP and TCP. */
    public synchronized Coturn start() throws IOException {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        String binary = binary();
        if (port == 0) {
            port = freeUdpAndTcpPort();
            minPort = freeUdpRange(relayPorts);
        }
        dir = Paths.get("target", "coturn", name + "-" + port).toAbsolutePath();
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Paths.get(SETPRIV))) {
            command.addAll(List.of(SETPRIV, "--pdeathsig", "KILL"));
        }
        command.addAll(List.of(binary, "-n",
                "--listening-ip=" + HOST, "--relay-ip=" + HOST, "--listening-port=" + port,
                "--min-port=" + minPort, "--max-port=" + maxRelayPort(),
                "--allow-loopback-peers", "--allowed-peer-ip=" + HOST,
                "--denied-peer-ip=0.0.0.0-255.255.255.255",
                "--denied-peer-ip=::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "--no-multicast-peers", "--no-cli", "--no-tls", "--no-dtls", "--no-rfc5780",
                "--lt-cred-mech", "--user=" + user + ":" + password, "--realm=" + REALM,
                "--db=" + dir.resolve("turndb"), "--pidfile=" + dir.resolve("turnserver.pid"),
                "--log-file=" + dir.resolve("turnserver.log"), "--simple-log", "--new-log-timestamp",
                "--no-software-attribute", "--relay-threads=1", "--verbose"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        shutdownHook = new Thread(this::stop, "coturn-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitListening();
        } catch (IOException | RuntimeException e) {
            failed = true;
            close();
            throw e;
        }
        return this;
    }

    private static String binary() {
        for (String b : List.of("/usr/bin/turnserver", "/usr/local/bin/turnserver")) {
            if (Files.isExecutable(Paths.get(b))) {
                return b;
            }
        }
        throw new IllegalStateException("turnserver is not installed: the TURN tests need Debian's 'coturn' package "
                + "(.ci/deps.sh build installs it)");
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    /** The TURN password (a fresh random one per server). */
    public String password() {
        return password;
    }

    public String stunUri() {
        return "stun:" + HOST + ":" + port;
    }

    /** {@code turn:127.0.0.1:PORT?transport=udp|tcp}. */
    public String turnUri(String transport) {
        return "turn:" + HOST + ":" + port + "?transport=" + transport;
    }

    public int minRelayPort() {
        return minPort;
    }

    public int maxRelayPort() {
        return minPort + relayPorts - 1;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return dir.resolve("turnserver.log");
    }

    /** The log so far (for assertion messages). */
    public String logText() {
        try {
            return Files.readString(log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * The server dies (as a relay does when its host goes away): every allocation is lost. Its
     * files are kept and {@link #restart()} brings it back on the same ports and credentials.
     */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a killed server again, on the same port, relay range and credentials. */
    public synchronized Coturn restart() throws IOException {
        if (process == null || process.isAlive()) {
            throw new IllegalStateException("not killed");
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        process = null;
        return start();
    }

    /** Stops the server; keeps its files when a test failed, else deletes them. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        if (failed) {
            System.err.println("Kept the files of coturn " + name + " for the failed test: " + dir);
        } else {
            deleteTree(dir);
        }
        process = null;
    }

    private void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM to its own PID
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A STUN binding request answered over UDP and over TCP: both listeners are up. */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        boolean udp = false;
        boolean tcp = false;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("turnserver exited with " + process.exitValue() + "; log:\n" + logText()
                        + "\nstdout:\n" + Files.readString(dir.resolve("stdout.txt")));
            }
            udp = udp || bindingOverUdp();
            tcp = tcp || bindingOverTcp();
            if (udp && tcp) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("turnserver did not answer STUN on " + HOST + ":" + port + " (udp " + udp + ", tcp " + tcp
                + ") within " + START_TIMEOUT_MS + " ms; log:\n" + logText());
    }

    private boolean bindingOverUdp() {
        byte[] request = bindingRequest();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), 0))) {
            s.setSoTimeout(200);
            s.send(new DatagramPacket(request, request.length, InetAddress.getByName(HOST), port));
            byte[] buf = new byte[1500];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            s.receive(answer);
            return isBindingSuccess(buf, request);
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean bindingOverTcp() {
        byte[] request = bindingRequest();
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            s.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] header = in.readNBytes(20);
            return header.length == 20 && isBindingSuccess(header, request);
        } catch (IOException e) {
            return false;
        }
    }

    /** RFC 8489: Binding request, no attributes, magic cookie, random transaction id. */
    private static byte[] bindingRequest() {
        byte[] m = new byte[20];
        m[1] = 0x01;
        m[4] = 0x21;
        m[5] = 0x12;
        m[6] = (byte) 0xA4;
        m[7] = 0x42;
        byte[] tid = new byte[12];
        ThreadLocalRandom.current().nextBytes(tid);
        System.arraycopy(tid, 0, m, 8, 12);
        return m;
    }

    private static boolean isBindingSuccess(byte[] answer, byte[] request) {
        if (answer[0] != 0x01 || answer[1] != 0x01) {
            return false;
        }
        for (int i = 8; i < 20; i++) {
            if (answer[i] != request[i]) {
                return false;
            }
        }
        return true;
    }

    static int freeUdpAndTcpPort() throws IOException {
        InetAddress lo = InetAddress.getByName(HOST);
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
        throw new IOException("no port free for UDP and TCP on " + HOST);
    }

    /**
     * The first of {@code count} consecutive UDP ports free right now on 127.0.0.1 (and on the
     * any-address), below the kernel's ephemeral range so that other sockets rarely take them.
     */
    static int freeUdpRange(int count) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + random.nextInt(12_000 - count);
            if (udpFree(base, count)) {
                return base;
            }
        }
        throw new IOException("no " + count + " consecutive UDP ports free in 20000-32000");
    }

    private static boolean udpFree(int base, int count) {
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int p = base; p < base + count; p++) {
                held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), p)));
            }
            return true;
        } catch (IOException inUse) {
            return false;
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // left for mvn clean
        }
    }

    // JUnit 5: one server for the test class

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
    }

    @Override
    public String toString() {
        return "coturn " + name + " on " + HOST + ":" + port + " (pid " + (process == null ? "-" : process.pid()) + ", relay "
                + minPort + "-" + maxRelayPort() + ", log " + (dir == null ? "-" : log()) + ")";
    }
}
