package io.siprtc.gateway.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packet captures for the interop tests, with Debian's tshark (dumpcap needs root or the capture
 * capabilities; CI runs as root). Two captures run while a test class runs:
 * <ul>
 * <li>on {@code lo}, filtered to the ports of the class's peers, written to
 * {@code target/captures/<name>-lo.pcapng} and kept when a test failed (open it in Wireshark);</li>
 * <li>on every interface, of UDP and TCP with either end outside 127.0.0.0/8 and ::1, apart
 * from HTTP(S) and DNS (package and npm registries while a fixture installs): the proof that no
 * SIP, STUN, TURN or RTP packet of the test left loopback. It must stay empty.</li>
 * </ul>
 * Both are stopped by their own process (SIGTERM, which makes tshark finish its file). The second
 * alone ({@link #leftLoopbackOnly(String)}) is cheap enough for a benchmark: its filter runs in the
 * kernel and matches nothing while all is well. It sees lo too ("any" includes it), so a packet
 * from 127.0.0.1 to the machine's own 192.0.2.2, which travels on lo, is caught as well.
 */
final class PacketCapture implements AutoCloseable {

    /** A packet with either end outside loopback (127.0.0.1 to the machine's 192.0.2.2 counts too). */
    static final String LEFT_LOOPBACK = "(udp or tcp) and not (src net 127.0.0.0/8 and dst net 127.0.0.0/8)"
            + " and not (ip6 src host ::1 and ip6 dst host ::1) and not port 443 and not port 80 and not port 53";
    private static final long START_TIMEOUT_MS = 10_000;

    private final String name;
    private final Path dir;
    private final Process loopback;
    private final Process leaks;

    private PacketCapture(String name, Path dir, Process loopback, Process leaks) {
        this.name = name;
        this.dir = dir;
        this.loopback = loopback;
        this.leaks = leaks;
    }

    /**
     * Starts both captures and returns once tshark reports that each is capturing.
     *
     * @param loopbackFilter a capture filter for {@code lo}, e.g. {@code port 5060 or portrange 20000-20099}
     */
    static PacketCapture start(String name, String loopbackFilter) throws IOException {
        Path dir = Paths.get("target", "captures").toAbsolutePath();
        Files.createDirectories(dir);
        Process lo = tshark(dir, name + "-lo", "lo", loopbackFilter);
        Process any;
        try {
            any = tshark(dir, name + "-left-loopback", "any", LEFT_LOOPBACK);
        } catch (IOException | RuntimeException e) {
            stop(lo);
            throw e;
        }
        return new PacketCapture(name, dir, lo, any);
    }

    /**
     * Starts tshark on {@code iface} with a capture filter, writing {@code dir/file.pcapng} (its
     * output to {@code file.log}), and returns once it reports that it is capturing.
     *
     * @param options more of tshark's options, e.g. {@code -s 64}
     */
    static Process tshark(Path dir, String file, String iface, String filter, String... options) throws IOException {
        Path log = dir.resolve(file + ".log");
        List<String> command = new ArrayList<>(List.of("tshark", "-i", iface, "-f", filter, "-q", "-w",
                dir.resolve(file + ".pcapng").toString()));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains("Capturing on")) {
                return p;
            }
            if (!p.isAlive()) {
                throw new IOException("tshark could not capture on " + iface + " (it needs root or the capture"
                        + " capabilities of dumpcap): " + text.trim());
            }
            sleep(50);
        }
        stop(p);
        throw new IOException("tshark did not start capturing on " + iface + " within " + START_TIMEOUT_MS + " ms");
    }

    /**
     * Only the capture of packets with either end outside loopback (no capture on {@code lo}, so
     * {@link #onLoopback()} is empty): for a benchmark, whose own traffic on lo is not wanted.
     */
    static PacketCapture leftLoopbackOnly(String name) throws IOException {
        Path dir = Paths.get("target", "captures").toAbsolutePath();
        Files.createDirectories(dir);
        return new PacketCapture(name, dir, null, tshark(dir, name + "-left-loopback", "any", LEFT_LOOPBACK));
    }

    /** Stops the capture of packets that left loopback and returns them, one summary line each. */
    List<String> leftLoopback() throws IOException {
        stop(leaks);
        return read(dir.resolve(name + "-left-loopback.pcapng"));
    }

    /** The packets captured on {@code lo} so far (the capture goes on), one summary line each. */
    List<String> onLoopback() throws IOException {
        return read(dir.resolve(name + "-lo.pcapng"));
    }

    private static List<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String line : readLines(file)) {
            if (!line.isBlank()) {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    /**
     * What {@code tshark -r file [options]} prints, line by line: the summary lines, or the
     * fields asked for. Its warnings (running as root, a cut-short last packet) go to stderr, dropped.
     */
    static String[] readLines(Path file, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString()));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.split("\n");
    }

    /** Stops both captures; keeps the files when asked (a test failed), else deletes them. */
    void close(boolean keep) {
        stop(loopback);
        stop(leaks);
        for (String f : List.of(name + "-lo", name + "-left-loopback")) {
            if (keep) {
                System.err.println("Kept the packet capture " + dir.resolve(f + ".pcapng"));
            } else {
                try {
                    Files.deleteIfExists(dir.resolve(f + ".pcapng"));
                    Files.deleteIfExists(dir.resolve(f + ".log"));
                } catch (IOException e) {
                    // best effort
                }
            }
        }
    }

    @Override
    public void close() {
        close(false);
    }

    /** Stops a tshark (SIGTERM, so that it finishes its file), bounded. */
    static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
