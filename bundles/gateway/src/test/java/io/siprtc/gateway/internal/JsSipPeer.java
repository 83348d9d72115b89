package io.siprtc.gateway.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A browser SIP peer for interop tests: JsSIP (npm {@code jssip}, {@value #JSSIP}) in Debian's
 * headless Chromium, registered over SIP over WebSocket, driven through one Node process
 * ({@code src/test/resources/jssip/driver.js}, playwright-core {@value #PLAYWRIGHT}) with JSON
 * lines on its stdin and stdout.
 *
 * <p>The page ({@code peer.js}) sends a WebAudio oscillator tone and analyses what it receives:
 * dominant frequency (FFT), first audio with signal, and DTMF heard in the audio; packets come from
 * {@code getStats}. ICE is on 127.0.0.1 only: JsSIP stops waiting for candidates at the first
 * IPv4 host candidate (its gathering need not finish), and the SDP it sends names 127.0.0.1 only
 * (see {@link #CHROMIUM_FLAGS} and peer.js); {@link #udpBinding} shows where a socket is bound.
 *
 * <p>{@link #install()} puts the npm packages under {@code target/jssip/node} once (a stamp file
 * names the versions; later runs reuse them, {@code mvn clean} removes them); it is the only
 * traffic that leaves the machine. Each peer has its own directory {@code target/jssip/peers/<name>-<jvm pid>-<n>}
 * with a fresh Chromium profile and {@code driver.log} (the driver's and the page's console,
 * JsSIP's debug log with every SIP message), deleted by {@link #deleteFiles()} after passing tests.
 * The Node process runs under {@code setpriv --pdeathsig}; {@link #close()} closes its stdin (it
 * closes Chromium and exits), then stops it and what is left of Chromium by PID.
 */
final class JsSipPeer implements AutoCloseable {

    static final String JSSIP = "3.12.0";
    static final String PLAYWRIGHT = "1.61.1"; // the last one for Node 18 (Debian 12's nodejs)
    static final String CHROMIUM = "/usr/bin/chromium";

    /**
     * Chromium's flags: headless without a sandbox or GPU, no background network traffic, host
     * candidates with their IP (not mDNS names), audio without a user gesture. Deliberately
     * without {@code --use-fake-ui-for-media-stream}: it grants media permission, and with it
     * Chromium enumerates the interfaces and binds a socket to each address (192.0.2.2, fd00::2,
     * ...; {@code --allow-loopback-in-peer-connection} adds 127.0.0.1 and ::1), and as the
     * controlling agent it then picked its 192.0.2.2 socket (network cost 0, loopback 50) towards
     * the far end's 127.0.0.1. Without the permission (the page never calls getUserMedia) its
     * sockets are bound to the any-address and reached at 127.0.0.1 (see peer.js).
     */
    static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required");

    private static final Path ROOT = Paths.get("target", "jssip").toAbsolutePath();
    private static final long COMMAND_TIMEOUT_MS = 15_000;
    private static final long START_TIMEOUT_MS = 60_000;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final String name;
    private final Path dir;
    private final ServerProcess server;
    private final Process process;
    private final Writer stdin;
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Map<String, Object>> pending = new LinkedBlockingQueue<>();
    private final Map<Integer, BlockingQueue<Map<String, Object>>> replies = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Thread reader;
    private volatile boolean closed;

    /** The peer's account and tone. */
    static final class Options {
        final String wsUri;
        final String uri;
        final String password;
        double toneHz = 660;
        boolean debug = true;
        boolean autoAnswer;

        /**
         * @param wsUri    Kamailio's {@code ws://127.0.0.1:port}
         * @param uri      the address of record, e.g. {@code sip:carol@siprtc.test}
         * @param password the digest password (Kamailio must challenge with MD5: JsSIP has no other)
         */
        Options(String wsUri, String uri, String password) {
            this.wsUri = wsUri;
            this.uri = uri;
            this.password = password;
        }

        Options tone(double hz) {
            toneHz = hz;
            return this;
        }

        /** Answers every incoming call at once, in the page (no round trip through the test). */
        Options autoAnswer() {
            autoAnswer = true;
            return this;
        }

        /** JsSIP's debug log (every SIP message) into driver.log; on by default, off for benchmarks. */
        Options debug(boolean on) {
            debug = on;
            return this;
        }
    }

    /** One {@code stats} answer of the page. */
    record Stats(long packetsSent, long packetsReceived, double toneHz, String codec, String pair, double firstAudioAt,
            double callStartedAt, String heardDtmf, String state, boolean localHold, boolean remoteHold) {

        boolean hears(double hz) {
            return packetsReceived > 0 && Math.abs(toneHz - hz) < hz * 0.02;
        }
    }

    private JsSipPeer(String name, Path dir, ServerProcess server) {
        this.name = name;
        this.dir = dir;
        this.server = server;
        this.process = server.process();
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::read, "jssip-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Installs jssip and playwright-core from the npm registry into {@code target/jssip/node},
     * unless a previous run did (stamp file), and copies the driver and the page there.
     */
    static Path install() throws IOException {
        Path node = ROOT.resolve("node");
        Files.createDirectories(node);
        try (FileChannel lockFile = FileChannel.open(ROOT.resolve("install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            for (String file : List.of("driver.js", "peer.js", "peer.html")) {
                try (var in = JsSipPeer.class.getResourceAsStream("/jssip/" + file)) {
                    if (in == null) {
                        throw new IOException("jssip/" + file + " is missing from the test resources");
                    }
                    Files.write(node.resolve(file), in.readAllBytes());
                }
            }
            Path stamp = node.resolve("installed.txt");
            String want = "jssip@" + JSSIP + " playwright-core@" + PLAYWRIGHT;
            if (Files.exists(stamp) && Files.readString(stamp).trim().equals(want)
                    && Files.exists(node.resolve("node_modules/jssip/dist/jssip.min.js"))
                    && Files.exists(node.resolve("node_modules/playwright-core/package.json"))) {
                return node;
            }
            String npm = ServerProcess.binary("npm is not installed: the JsSIP interop tests need Node.js 18+ and npm",
                    "/usr/bin/npm", "/usr/local/bin/npm");
            Files.writeString(node.resolve("package.json"), "{\"name\": \"siprtc-jssip-peer\", \"private\": true}\n");
            Path log = ROOT.resolve("npm-install.log");
            ProcessBuilder b = new ProcessBuilder(npm, "install", "--no-audit", "--no-fund", "--no-save",
                    "jssip@" + JSSIP, "playwright-core@" + PLAYWRIGHT).directory(node.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            b.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            Process p = b.start();
            try {
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IOException("npm install took more than 5 minutes; see " + log);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted in npm install", e);
            }
            if (p.exitValue() != 0 || !Files.exists(node.resolve("node_modules/jssip/dist/jssip.min.js"))) {
                throw new IOException("npm install " + want + " failed (exit " + p.exitValue() + "): " + tail(log, 20));
            }
            Files.writeString(stamp, want + "\n");
            return node;
        }
    }

    /** Starts Node, Chromium and the page, and connects JsSIP to Kamailio's WebSocket (not registered yet). */
    static JsSipPeer start(String name, Options o) throws IOException {
        if (!Files.isExecutable(Paths.get(CHROMIUM))) {
            throw new IllegalStateException("chromium is not installed: the JsSIP interop tests need Debian's 'chromium'"
                    + " (.ci/deps.sh build installs it)");
        }
        String node = ServerProcess.binary("node is not installed: the JsSIP interop tests need Node.js 18+ (Debian 'nodejs')",
                "/usr/bin/node", "/usr/local/bin/node");
        Path home = install();
        Path dir = ROOT.resolve("peers").resolve(name + "-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet());
        ServerProcess.deleteTree(dir);
        Files.createDirectories(dir);
        String args = "{\"chromium\": " + quote(CHROMIUM) + ", \"userDataDir\": " + quote(dir.resolve("profile").toString())
                + ", \"args\": [" + CHROMIUM_FLAGS.stream().map(JsSipPeer::quote).collect(Collectors.joining(", ")) + "]}";
        ProcessBuilder b = new ProcessBuilder(ServerProcess.command(List.of(node, home.resolve("driver.js").toString(), args)))
                .directory(home.toFile()).redirectError(dir.resolve("driver.log").toFile());
        b.environment().put("DEBUG", "pw:browser"); // Chromium's own output into driver.log too
        JsSipPeer peer = new JsSipPeer(name, dir, ServerProcess.start("jssip-" + name, b));
        try {
            peer.next("ready", START_TIMEOUT_MS);
            peer.command("init", "wsUri", o.wsUri, "uri", o.uri, "password", o.password, "toneHz", o.toneHz, "debug", o.debug,
                    "autoAnswer", o.autoAnswer);
        } catch (RuntimeException | Error e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** REGISTERs (digest answered by JsSIP) and waits for the 200. */
    JsSipPeer register() {
        command("register");
        Map<String, Object> e = next(ev -> "registered".equals(ev.get("event")) || "registrationFailed".equals(ev.get("event")),
                "registered", Waits.SECONDS * 1000);
        if (!"registered".equals(e.get("event"))) {
            throw new AssertionError(name + " did not register: " + e + "; " + logTail());
        }
        return this;
    }

    /** Dials; returns the page's clock (epoch ms) at the call. */
    double call(String target) {
        return number(command("call", "target", target).get("callStartedAt"));
    }

    void answer() {
        command("answer");
    }

    void hangup() {
        command("hangup");
    }

    void hold() {
        command("hold");
    }

    void unhold() {
        command("unhold");
    }

    /** DTMF through JsSIP's sendDTMF: transport {@code RFC2833} (RTCDTMFSender) or {@code INFO}. */
    void sendDtmf(String tones, String transport, int durationMs) {
        command("dtmf", "tones", tones, "transport", transport, "duration", durationMs);
    }

    Stats stats() {
        Map<String, Object> s = command("stats");
        return new Stats((long) number(s.get("packetsSent")), (long) number(s.get("packetsReceived")),
                number(s.get("toneHz")), String.valueOf(s.get("codec")), String.valueOf(s.get("pair")),
                number(s.get("firstAudioAt")), number(s.get("callStartedAt")), String.valueOf(s.get("heardDtmf")),
                String.valueOf(s.get("state")), Boolean.TRUE.equals(s.get("localHold")), Boolean.TRUE.equals(s.get("remoteHold")));
    }

    /** Polls {@link #stats()} until the check holds (bounded) and returns the last one; fails with it otherwise. */
    Stats awaitStats(Predicate<Stats> check, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        Stats last = stats();
        while (!check.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = stats();
        }
        if (!check.test(last)) {
            throw new AssertionError(name + ": " + what + "; last stats " + last);
        }
        return last;
    }

    /** Sends a command and waits for its reply; fails with the page's error. */
    Map<String, Object> command(String cmd, Object... keyValues) {
        int id = ids.incrementAndGet();
        StringBuilder json = new StringBuilder("{\"id\": ").append(id).append(", \"cmd\": ").append(quote(cmd));
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            json.append(", ").append(quote(keyValues[i].toString())).append(": ")
                    .append(v instanceof Number || v instanceof Boolean ? v.toString() : quote(String.valueOf(v)));
        }
        json.append("}\n");
        BlockingQueue<Map<String, Object>> reply = new LinkedBlockingQueue<>();
        replies.put(id, reply);
        try {
            synchronized (stdin) {
                stdin.write(json.toString());
                stdin.flush();
            }
            Map<String, Object> r = reply.poll(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError(name + ": no reply to " + cmd + " within " + COMMAND_TIMEOUT_MS + " ms; " + logTail());
            }
            if (!Boolean.TRUE.equals(r.get("ok"))) {
                throw new AssertionError(name + ": " + cmd + " failed: " + r.get("error"));
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": the driver is gone (" + e.getMessage() + "); " + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            replies.remove(id);
        }
    }

    /** The next event of that name, skipping the events before it (so awaiting two events checks their order). */
    Map<String, Object> next(String event) {
        return next(event, Waits.SECONDS * 1000);
    }

    Map<String, Object> next(String event, long timeoutMs) {
        return next(e -> event.equals(e.get("event")), event, timeoutMs);
    }

    private Map<String, Object> next(Predicate<Map<String, Object>> check, String what, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Map<String, Object> e = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
                if (e == null) {
                    throw new AssertionError(name + ": timed out waiting for '" + what + "'; events: " + eventNames() + "; "
                            + logTail());
                }
                if (check.test(e)) {
                    return e;
                }
                if ("crashed".equals(e.get("event")) || "failed".equals(e.get("event"))) {
                    throw new AssertionError(name + ": the browser or driver failed (" + e + ") waiting for '" + what + "'; "
                            + logTail());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** An event seen so far or coming within the wait, whatever came before it. */
    Map<String, Object> seen(String event, Predicate<Map<String, Object>> check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (System.nanoTime() < deadline) {
            for (Map<String, Object> e : events) {
                if (event.equals(e.get("event")) && check.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + ": no '" + event + "' event as expected; events: " + eventNames());
    }

    /** How many events came so far: a mark for {@link #after}. */
    int mark() {
        return events.size();
    }

    /** The first event of that name after the mark, seen already or coming within the wait. */
    Map<String, Object> after(int mark, String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        while (System.nanoTime() < deadline) {
            for (int i = mark; i < events.size(); i++) {
                if (event.equals(events.get(i).get("event"))) {
                    return events.get(i);
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError(name + ": no '" + event + "' event; events: " + eventNames() + "; " + logTail());
    }

    /** Events seen so far (a copy). */
    List<Map<String, Object>> events() {
        return new ArrayList<>(events);
    }

    /** Forgets the pending events ({@link #next} then waits for new ones only). */
    void drain() {
        pending.clear();
    }

    private String eventNames() {
        return events.stream().map(e -> String.valueOf(e.get("event"))
                + (e.containsKey("cause") ? "(" + e.get("cause") + ")" : "")).collect(Collectors.joining(" "));
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Map<String, Object> m;
                try {
                    m = Json.parse(line);
                } catch (IllegalArgumentException e) {
                    continue; // not ours (the driver writes its log to stderr)
                }
                m.put("_nanos", System.nanoTime());
                Object reply = m.get("reply");
                if (reply instanceof Number) {
                    BlockingQueue<Map<String, Object>> q = replies.get(((Number) reply).intValue());
                    if (q != null) {
                        q.add(m);
                    }
                } else {
                    events.add(m);
                    pending.add(m);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        Map<String, Object> gone = new LinkedHashMap<>();
        gone.put("event", closed ? "closed" : "crashed");
        pending.add(gone);
    }

    String name() {
        return name;
    }

    Path log() {
        return dir.resolve("driver.log");
    }

    String logTail() {
        return "log " + log() + ", last lines:\n" + tail(log(), 25);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * Ends the peer: closes the driver's stdin (it closes Chromium and exits), waits up to 5 s,
     * then stops the Node process and any Chromium process left by PID (TERM, then KILL).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> children = process.toHandle().descendants().collect(Collectors.toList());
        try {
            OutputStream out = process.getOutputStream();
            out.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close(); // TERM, then KILL, to the driver and to each of its children still there
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroy();
            }
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    /** Deletes the peer's directory (profile and log); call after its tests passed. */
    void deleteFiles() {
        ServerProcess.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "JsSIP peer " + name + " (node pid " + process.pid() + ", log " + log() + ")";
    }

    /**
     * The local address the UDP socket on this port of this machine is bound to ("0.0.0.0",
     * "127.0.0.1", "::" for IPv6 any, ...), from /proc/net/udp and udp6; null when none is.
     */
    static String udpBinding(int port) {
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            List<String> rows;
            try {
                rows = Files.readAllLines(Paths.get(table), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                continue;
            }
            for (String row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                String[] f = row.trim().split("\\s+");
                if (f.length < 2 || !f[1].contains(":")) {
                    continue;
                }
                String[] local = f[1].split(":");
                if (Integer.parseInt(local[1], 16) != port) {
                    continue;
                }
                return hexAddress(local[0]);
            }
        }
        return null;
    }

    /** /proc/net's hex address: IPv4 in host (little-endian) order, IPv6 as four such words. */
    private static String hexAddress(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
        }
        byte[] b = new byte[16];
        for (int w = 0; w < 4; w++) {
            long v = Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
            for (int i = 0; i < 4; i++) {
                b[w * 4 + i] = (byte) (v >> (8 * i));
            }
        }
        try {
            String a = java.net.InetAddress.getByAddress(b).getHostAddress();
            return a.equals("0:0:0:0:0:0:0:0") ? "::" : a;
        } catch (java.net.UnknownHostException e) {
            return hex;
        }
    }

    static double number(Object o) {
        return o instanceof Number ? ((Number) o).doubleValue() : 0;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Just enough JSON for the driver's lines: an object of strings, numbers, booleans, null, nested values. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> parse(String line) {
            Json j = new Json(line.trim());
            Object v = j.value();
            j.space();
            if (!(v instanceof Map) || j.i != j.s.length()) {
                throw new IllegalArgumentException("not a JSON object: " + line);
            }
            return (Map<String, Object>) v;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw new IllegalArgumentException("end of input");
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                space();
                if (peek('}')) {
                    return m;
                }
                do {
                    space();
                    String k = string();
                    space();
                    expect(':');
                    m.put(k, value());
                    space();
                } while (peek(','));
                expect('}');
                return m;
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                space();
                if (peek(']')) {
                    return l;
                }
                do {
                    l.add(value());
                    space();
                } while (peek(','));
                expect(']');
                return l;
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("unexpected " + c + " at " + i);
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 'r' -> b.append('\r');
                        case 't' -> b.append('\t');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated string");
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected " + c + " at " + i);
            }
        }
    }
}
