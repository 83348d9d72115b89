package io.siprtc.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A SIPp far end (Debian's {@code sip-tester}) playing a scenario of {@code src/test/resources/sipp/}
 * as a UAS ({@link #uas}) or a UAC ({@link #uac}) on 127.0.0.1 over UDP, on a free port, with its control
 * and media sockets on 127.0.0.1 too ({@code -ci}, {@code -mp}) and one call at most ({@code -m 1}; a load
 * run passes its own rate and count). It runs in the foreground
 * (stdin closed, {@code -nostdin}, a global {@code -timeout} as a safety net) with its screen, message
 * trace and error trace in {@code target/sipp/<name>-<port>/}; {@link #close()} stops it by PID (and
 * a shutdown hook, and {@code setpriv --pdeathsig} if the JVM dies). {@link #deleteFiles()} drops the
 * logs: call it only when the test passed.
 */
final class Sipp implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MS = 5_000;

    private final String name;
    private final Path dir;
    private final int port;
    private final ServerProcess server;
    private final Process process;

    private Sipp(String name, Path dir, int port, ServerProcess server) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.server = server;
        this.process = server.process();
    }

    /**
     * Starts SIPp as a UAS playing {@code sipp/<scenario>.xml}, where each {@code [key]} of {@code keys}
     * is replaced by its value first (SIPp's own {@code -key} is substituted too late for a status
     * line: SIPp checks the status code when it loads the scenario). Returns once its SIP port is bound.
     */
    static Sipp uas(String scenario, Map<String, String> keys, int maxSeconds) throws IOException {
        Sipp sipp = launch(scenario, keys, maxSeconds, List.of("-m", "1", "-trace_msg", "-message_file", "messages.log"));
        try {
            sipp.awaitBound();
        } catch (IOException | RuntimeException e) {
            sipp.close();
            throw e;
        }
        return sipp;
    }

    /**
     * Starts SIPp as a UAC playing {@code sipp/<scenario>.xml} (keys as for {@link #uas}) towards
     * {@code target} ({@code host:port}), one call, with its message trace. Returns at once: the
     * call may be over before this returns; {@link #awaitExit} tells how it went.
     */
    static Sipp uac(String scenario, Map<String, String> keys, String target, int maxSeconds) throws IOException {
        return uac(scenario, keys, target, maxSeconds, List.of("-m", "1", "-trace_msg", "-message_file", "messages.log"));
    }

    /**
     * Like {@link #uac(String, Map, String, int)} with other call and trace options (e.g. {@code -r 50
     * -m 3000 -trace_stat -stf stats.csv}); relative file names are in {@link #dir()}.
     */
    static Sipp uac(String scenario, Map<String, String> keys, String target, int maxSeconds, List<String> callArgs)
            throws IOException {
        List<String> args = new java.util.ArrayList<>(callArgs);
        args.add(target);
        return launch(scenario, keys, maxSeconds, args);
    }

    /** SIPp with the scenario, bound to 127.0.0.1 (SIP, control and media), then the mode's own arguments. */
    private static Sipp launch(String scenario, Map<String, String> keys, int maxSeconds, List<String> modeArgs)
            throws IOException {
        String binary = ServerProcess.binary("SIPp is not installed: run .ci/deps.sh build (Debian package sip-tester)",
                "/usr/bin/sipp", "/usr/local/bin/sipp");
        int port = freeUdpPort();
        String name = scenario + (keys.isEmpty() ? "" : "-" + String.join("-", keys.values()).replaceAll("[^A-Za-z0-9]+", "_"));
        Path dir = Paths.get("target", "sipp", name + "-" + port).toAbsolutePath();
        Files.createDirectories(dir);
        Path xml = dir.resolve(scenario + ".xml");
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario + ".xml")) {
            if (in == null) {
                throw new IOException("no scenario sipp/" + scenario + ".xml on the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (Map.Entry<String, String> k : keys.entrySet()) {
                text = text.replace("[" + k.getKey() + "]", k.getValue());
            }
            Files.writeString(xml, text, StandardCharsets.ISO_8859_1);
        }
        List<String> args = new java.util.ArrayList<>(List.of(binary, "-sf", xml.toString(), "-t", "u1", "-i", HOST,
                "-p", Integer.toString(port), "-ci", HOST, "-cp", Integer.toString(freeUdpPort()),
                "-mp", Integer.toString(freeMediaPorts()), "-nostdin", "-timeout", maxSeconds + "s",
                "-trace_err", "-error_file", dir.resolve("errors.log").toString()));
        args.addAll(modeArgs);
        List<String> command = ServerProcess.command(args);
        Files.writeString(dir.resolve("command.txt"), String.join(" ", command) + "\n");
        ServerProcess p = ServerProcess.start("sipp-" + name, new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("screen.log").toFile()));
        return new Sipp(name, dir, port, p);
    }

    static Sipp uas(String scenario) throws IOException {
        return uas(scenario, new LinkedHashMap<>(), 30);
    }

    /** Polls until SIPp holds its UDP port (binding it ourselves fails). */
    private void awaitBound() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(HOST), port);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("SIPp exited with " + process.exitValue() + " at start: " + log());
            }
            try (DatagramSocket probe = new DatagramSocket(null)) {
                probe.bind(address);
            } catch (BindException bound) {
                return;
            }
            sleep(20);
        }
        throw new IOException("SIPp did not bind " + HOST + ":" + port + " in " + START_TIMEOUT_MS + " ms: " + log());
    }

    int port() {
        return port;
    }

    /** Where SIPp runs and writes its logs. */
    Path dir() {
        return dir;
    }

    /** {@code sip:<user>@127.0.0.1:<port>}. */
    String uri(String user) {
        return "sip:" + user + "@" + HOST + ":" + port;
    }

    /** Waits for SIPp to finish its one call; its exit code (0: the call went as scripted), or -1 if it still runs. */
    int awaitExit(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Every SIP message SIPp sent and received so far. */
    String messages() {
        return read(dir.resolve("messages.log"));
    }

    /** How many times SIPp received a request with this method (retransmissions included). */
    long received(String method) {
        return messages().lines().filter(l -> l.startsWith(method + " sip:")).count();
    }

    /** Screen, errors and messages, for assertion messages. */
    String log() {
        return "SIPp " + name + " (" + dir + ")\n--- screen\n" + tail(read(dir.resolve("screen.log")))
                + "\n--- errors\n" + tail(read(dir.resolve("errors.log"))) + "\n--- messages\n" + tail(messages());
    }

    private static String tail(String s) {
        return s.length() > 6000 ? "..." + s.substring(s.length() - 6000) : s;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** Deletes the logs (after a passing test). */
    void deleteFiles() {
        ServerProcess.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "SIPp " + name + " on " + HOST + ":" + port + " (logs in " + dir + ")";
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), 0))) {
            return udp.getLocalPort();
        }
    }

    /** A port p with p and p+2 free: SIPp binds both for media (-mp). */
    private static int freeMediaPorts() throws IOException {
        InetAddress lo = InetAddress.getByName(HOST);
        for (int i = 0; i < 50; i++) {
            int p = freeUdpPort();
            if (p > 65000) {
                continue;
            }
            try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(lo, p));
                    DatagramSocket b = new DatagramSocket(new InetSocketAddress(lo, p + 2))) {
                return p;
            } catch (SocketException inUse) {
                // try another
            }
        }
        throw new IOException("no free media ports on " + HOST);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
