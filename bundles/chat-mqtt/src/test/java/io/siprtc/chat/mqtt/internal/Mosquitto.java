package io.siprtc.chat.mqtt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The real Mosquitto broker (Debian's {@code mosquitto} package) for tests: started on
 * 127.0.0.1 and free ports with a generated configuration: password file (made with
 * {@code mosquitto_passwd -b}), the ACL of bundles/chat-mqtt/README.md, persistence in a temporary directory,
 * and a TLS listener with a CA and server certificate made by {@code openssl} for the test.
 * Stopped by PID: {@link #close()} (from {@code @AfterAll}) and, whatever happens, a JVM
 * shutdown hook.
 */
final class Mosquitto implements AutoCloseable {

    static final String TRUST_STORE_PASSWORD = "changeit";
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : RUNNING) {
                p.destroyForcibly();
            }
        }, "mosquitto-killer"));
    }

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private Process process;

    private Mosquitto(Path dir, int port, int tlsPort) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * Starts a broker with these users (name to password).
     *
     * @param dir an empty directory for its configuration, certificates, persistence and log
     */
    static Mosquitto start(Path dir, Map<String, String> users) throws Exception {
        String binary = binary("mosquitto");
        int[] ports = freePorts(2);
        Mosquitto m = new Mosquitto(dir, ports[0], ports[1]);
        m.writeUsers(users);
        m.writeAcl();
        m.makeCertificates();
        m.writeConfig();
        m.launch(binary);
        return m;
    }

    private static String binary(String name) {
        for (String d : new String[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" }) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed: these tests need Debian's mosquitto package "
                + "(apt-get install mosquitto; .ci/deps.sh build installs it)");
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private void writeUsers(Map<String, String> users) throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "");
        for (Map.Entry<String, String> u : users.entrySet()) {
            run(binary("mosquitto_passwd"), "-b", file.toString(), u.getKey(), u.getValue());
        }
    }

    private void writeAcl() throws IOException {
        Files.writeString(dir.resolve("acl"), String.join("\n",
                "# bundles/chat-mqtt/README.md: each user reads only its own inbox and writes only as itself",
                "pattern read siprtc/inbox/%u/#",
                "pattern write siprtc/inbox/+/%u/#",
                "pattern read siprtc/presence/+",
                "pattern write siprtc/presence/%u",
                ""));
    }

    private void makeCertificates() throws Exception {
        String openssl = binary("openssl");
        String ec = "ec:" + dir.resolve("ec.pem");
        run(openssl, "ecparam", "-name", "prime256v1", "-out", dir.resolve("ec.pem").toString());
        run(openssl, "req", "-x509", "-newkey", ec, "-nodes", "-keyout", dir.resolve("ca.key").toString(),
                "-out", dir.resolve("ca.crt").toString(), "-days", "2", "-subj", "/CN=SIPRTC test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        run(openssl, "req", "-newkey", ec, "-nodes", "-keyout", dir.resolve("server.key").toString(),
                "-out", dir.resolve("server.csr").toString(), "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n");
        run(openssl, "x509", "-req", "-in", dir.resolve("server.csr").toString(), "-CA", dir.resolve("ca.crt").toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-out", dir.resolve("server.crt").toString(),
                "-days", "2", "-extfile", dir.resolve("server.ext").toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            ks.setCertificateEntry("siprtc-test-ca", ca);
        }
        try (OutputStream out = Files.newOutputStream(trustStore())) {
            ks.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "per_listener_settings false",
                "allow_anonymous false",
                "password_file " + dir.resolve("passwd"),
                "acl_file " + dir.resolve("acl"),
                "persistence true",
                "persistence_location " + dir.resolve("data") + "/",
                "autosave_interval 1",
                "max_queued_messages 10000",
                "set_tcp_nodelay true",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "user " + System.getProperty("user.name"),
                "listener " + port + " 127.0.0.1",
                "listener " + tlsPort + " 127.0.0.1",
                "cafile " + dir.resolve("ca.crt"),
                "certfile " + dir.resolve("server.crt"),
                "keyfile " + dir.resolve("server.key"),
                ""));
    }

    private void launch(String binary) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(binary, "-c", dir.resolve("mosquitto.conf").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("mosquitto.out").toFile());
        process = pb.start();
        RUNNING.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(accepts(port) && accepts(tlsPort))) {
            if (!process.isAlive()) {
                RUNNING.remove(process);
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s:\n" + log());
            }
            Thread.sleep(20);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    String tlsUri() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    int port() {
        return port;
    }

    Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    long pid() {
        return process.pid();
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Crashes the broker: SIGKILL, no chance to save anything. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            RUNNING.remove(process);
        }
    }

    /** Stops the broker in order: SIGTERM (it saves its persistence file). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (process != null) {
            RUNNING.remove(process);
        }
    }

    /** Starts it again with the same configuration, ports and persistence. */
    void restart() throws Exception {
        if (isRunning()) {
            throw new IllegalStateException("mosquitto is still running");
        }
        launch(binary("mosquitto"));
    }

    String log() {
        try {
            StringBuilder sb = new StringBuilder();
            for (String f : new String[] { "mosquitto.out", "mosquitto.log" }) {
                Path p = dir.resolve(f);
                if (Files.exists(p)) {
                    sb.append(Files.readString(p));
                }
            }
            return sb.toString();
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
