package io.siprtc.gateway.internal;

import java.io.File;
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
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real baresip (Debian's {@code baresip-core}, 1.0) as a far end for the interop tests: its own
 * configuration directory ({@code target/baresip/<name>-<sip port>/}: {@code config},
 * {@code accounts}, {@code contacts}, {@code baresip.log}, {@code audio/}), driven over its
 * {@code ctrl_tcp} module (netstring-framed JSON on 127.0.0.1 and a free port: commands such as
 * {@code dial}, {@code accept}, {@code hangup}, {@code hold}, {@code resume}, {@code sndcode},
 * {@code audio_debug}; events such as {@code CALL_INCOMING}, {@code CALL_ESTABLISHED},
 * {@code CALL_RTPESTAB}, {@code CALL_DTMF_START}, {@code CALL_CLOSED}).
 * <ul>
 * <li>SIP on 127.0.0.1 only ({@code sip_listen}, which also opens TLS on the next port, so that
 * one is checked free too; {@code net_interface 127.0.0.1}); registered with digest
 * credentials at the Kamailio given; RTP ports from a free range of its own.</li>
 * <li>Sends a sine tone ({@code ausine}: 48 kHz stereo, the frequency is the device name, so
 * {@code ausrc_srate 48000} and {@code ausrc_channels 2} let baresip resample for the codec).</li>
 * <li>Records what it receives: {@code sndfile} dumps every call's decoded received audio into
 * {@code audio/dump-<time>-dec.wav} (baresip 1.0's {@code aufile} is a source only, it cannot
 * play into a file); no audio player is loaded, since there is no audio device. baresip 1.0 loses
 * the recorder at the first re-INVITE that makes the stream anything but sendrecv (a hold), so
 * a recording covers a call up to its first hold.</li>
 * <li>{@link Mode#PLAIN}: RTP/AVP with PCMU. {@link Mode#WEBRTC}: {@code ;mediaenc=dtls_srtp;medianat=ice},
 * Opus, {@code rtcp_mux yes}: ICE, DTLS-SRTP and rtcp-mux like a WebRTC peer (no BUNDLE, no trickle).</li>
 * </ul>
 * Its RTP sockets are bound to 0.0.0.0 (baresip 1.0's {@code stream.c} binds no address), but
 * every address it is given and advertises for media is 127.0.0.1, except for ICE: its ice module
 * skips loopback addresses and offers the machine's other ones; see
 * {@link Kamailio.Options#loopbackCandidates()}, or {@link Options#loopbackIce()} for a baresip
 * that offers 127.0.0.1 and nothing else. Stopped by its PID ({@link ServerProcess}).
 */
final class Baresip implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 15_000;
    private static final Pattern TX_PACKETS = Pattern.compile("TX: packets=(\\d+)");
    private static final Pattern RX_PACKETS = Pattern.compile("rcvd=(\\d+)");
    /** The LD_PRELOAD shim of {@link Options#loopbackIce()}: C source among the test resources. */
    private static final String LOOPBACK_ICE_SOURCE = "/baresip/loopback-ice.c";

    /** How baresip does media. */
    enum Mode {
        /** RTP/AVP, PCMU, no ICE, no encryption: a plain SIP phone. */
        PLAIN,
        /** UDP/TLS/RTP/SAVPF: ICE, DTLS-SRTP, rtcp-mux, Opus. */
        WEBRTC
    }

    /** The account and what baresip sends. */
    static final class Options {
        String user;
        String password;
        String registrar;
        Mode mode = Mode.PLAIN;
        int toneHz = 880;
        boolean autoAnswer;
        boolean record = true;
        boolean loopbackIce;

        /** Registers {@code user} with this password at {@code registrar} ({@code 127.0.0.1:port}, UDP). */
        Options account(String user, String password, String registrar) {
            this.user = user;
            this.password = password;
            this.registrar = registrar;
            return this;
        }

        Options mode(Mode m) {
            mode = m;
            return this;
        }

        Options tone(int hz) {
            toneHz = hz;
            return this;
        }

        /** Answers every call at once ({@code answermode=auto}); else a test accepts it. */
        Options autoAnswer() {
            autoAnswer = true;
            return this;
        }

        /** Leaves out the recording of received audio (sndfile), as the bench does. */
        Options noRecording() {
            record = false;
            return this;
        }

        /**
         * For {@link Mode#WEBRTC} only: ICE host candidates on 127.0.0.1 and nowhere else, so that
         * two WebRTC-style baresips can call each other on loopback. baresip 1.0's ice module skips
         * loopback addresses ({@code modules/ice/ice.c}, {@code if_handler}: {@code if
         * (sa_is_loopback(sa) || sa_is_linklocal(sa)) return false;}, no setting around it) and
         * offers the machine's other addresses (here 192.0.2.2, fd00::2). This baresip is started
         * with {@code LD_PRELOAD} of a small shim ({@code src/test/resources/baresip/loopback-ice.c},
         * compiled with gcc into {@code target/baresip-loopback-ice/} when missing or changed) that
         * makes libre's {@code sa_is_loopback} answer false to calls from the ice module and makes
         * {@code getifaddrs} list only the 127.0.0.0/8 addresses, so the ice module gathers
         * {@code 127.0.0.1 typ host} and nothing else. Nothing else of baresip changes; the
         * fixture's default is the unmodified baresip.
         */
        Options loopbackIce() {
            loopbackIce = true;
            return this;
        }
    }

    /** One ctrl_tcp event, with the time it was read. */
    static final class Event {
        final String type;
        final String param;
        final String callId;
        final String direction;
        final String peer;
        final long nanos;
        final Map<String, Object> json;

        Event(Map<String, Object> json, long nanos) {
            this.json = json;
            this.nanos = nanos;
            this.type = String.valueOf(json.get("type"));
            this.param = json.get("param") == null ? "" : json.get("param").toString();
            this.callId = json.get("id") == null ? "" : json.get("id").toString();
            this.direction = json.get("direction") == null ? "" : json.get("direction").toString();
            this.peer = json.get("peeruri") == null ? "" : json.get("peeruri").toString();
        }

        @Override
        public String toString() {
            return type + (param.isEmpty() ? "" : " " + param) + (peer.isEmpty() ? "" : " peer=" + peer);
        }
    }

    /** baresip's own RTP counters for the current call ({@code audio_debug}: its RTCP session). */
    static final class AudioStats {
        final long packetsSent;
        final long packetsReceived;
        final String text;

        AudioStats(long sent, long received, String text) {
            this.packetsSent = sent;
            this.packetsReceived = received;
            this.text = text;
        }

        @Override
        public String toString() {
            return "baresip sent " + packetsSent + " RTP packets, received " + packetsReceived;
        }
    }

    private final String name;
    private final Options options;
    private final Path dir;
    private final int sipPort;
    private final int rtpMin;
    private final ServerProcess server;
    private final Socket control;
    private final OutputStream controlOut;
    private final List<Event> events = new ArrayList<>();
    private final List<Map<String, Object>> responses = new ArrayList<>();
    private final AtomicLong tokens = new AtomicLong();
    private final Thread reader;
    private volatile boolean closed;

    private Baresip(String name, Options options, Path dir, int sipPort, int rtpMin, ServerProcess server, Socket control)
            throws IOException {
        this.name = name;
        this.options = options;
        this.dir = dir;
        this.sipPort = sipPort;
        this.rtpMin = rtpMin;
        this.server = server;
        this.control = control;
        this.controlOut = control.getOutputStream();
        this.reader = new Thread(this::readControl, "baresip-" + name + "-ctrl");
        this.reader.setDaemon(true);
    }

    /** Starts baresip with its own configuration and returns once its control port accepted us. */
    static Baresip start(String name, Options o) throws IOException, InterruptedException {
        String binary = ServerProcess.binary("baresip is not installed: the interop tests need Debian's "
                + "'baresip-core' package (.ci/deps.sh build installs it)", "/usr/bin/baresip", "/usr/local/bin/baresip");
        if (o.loopbackIce && o.mode != Mode.WEBRTC) {
            throw new IllegalArgumentException("loopbackIce() is for WebRTC-style baresips (ICE) only: " + name);
        }
        Path shim = o.loopbackIce ? loopbackIceShim() : null;
        int sipPort = freeSipPort();
        int ctrlPort = freeTcpPort();
        int rtpMin = Rtpengine.freeUdpRange(20);
        Path dir = Paths.get("target", "baresip", name + "-" + sipPort).toAbsolutePath();
        Files.createDirectories(dir.resolve("audio"));
        String config = config(o, sipPort, ctrlPort, rtpMin, dir.resolve("audio"));
        if (shim != null) {
            config = "# started with LD_PRELOAD=" + shim + " (Baresip.Options.loopbackIce())\n" + config;
        }
        Files.writeString(dir.resolve("config"), config, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("accounts"), account(o) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("contacts"), "", StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(binary, "-f", dir.toString()));
        if (Boolean.getBoolean("baresip.verbose")) {
            args.add("-v"); // debug output in baresip.log
        }
        List<String> command = ServerProcess.command(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(new File("/dev/null")).redirectOutput(dir.resolve("baresip.log").toFile());
        if (shim != null) {
            builder.environment().put("LD_PRELOAD", shim.toString());
        }
        ServerProcess p = ServerProcess.start("baresip-" + name, builder);
        Socket control = null;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        try {
            while (control == null) {
                if (!p.process().isAlive()) {
                    throw new IllegalStateException("baresip " + name + " exited with " + p.process().exitValue()
                            + " before its control port opened; " + logTail(dir));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("baresip " + name + " did not open its control port 127.0.0.1:" + ctrlPort
                            + " within " + START_TIMEOUT_MS + " ms; " + logTail(dir));
                }
                try {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), ctrlPort), 500);
                    s.setTcpNoDelay(true);
                    control = s;
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            Baresip b = new Baresip(name, o, dir, sipPort, rtpMin, p, control);
            b.reader.start();
            return b;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (control != null) {
                control.close();
            }
            p.close();
            throw e;
        }
    }

    /**
     * The shared object of {@link Options#loopbackIce()}: {@code target/baresip-loopback-ice/loopback-ice.so},
     * compiled from the test resource with {@code gcc -shared -fPIC} unless the copy of the source
     * beside it is the same as the resource (then the earlier build is used).
     */
    static synchronized Path loopbackIceShim() throws IOException, InterruptedException {
        byte[] source;
        try (InputStream in = Baresip.class.getResourceAsStream(LOOPBACK_ICE_SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + LOOPBACK_ICE_SOURCE + " is missing");
            }
            source = in.readAllBytes();
        }
        Path dir = Paths.get("target", "baresip-loopback-ice").toAbsolutePath();
        Path c = dir.resolve("loopback-ice.c");
        Path so = dir.resolve("loopback-ice.so");
        if (Files.isRegularFile(so) && Files.isRegularFile(c) && java.util.Arrays.equals(Files.readAllBytes(c), source)) {
            return so;
        }
        String gcc = ServerProcess.binary("gcc is not installed: Baresip.Options.loopbackIce() compiles an LD_PRELOAD shim"
                + " and needs Debian's 'gcc' and 'libc6-dev' (.ci/deps.sh build installs them)", "/usr/bin/gcc", "/usr/bin/cc");
        Files.createDirectories(dir);
        Files.write(c, source);
        Path tmp = dir.resolve("loopback-ice.so.tmp");
        Path log = dir.resolve("gcc.log");
        Process gccRun = new ProcessBuilder(gcc, "-shared", "-fPIC", "-O2", "-Wall", "-o", tmp.toString(),
                c.toString(), "-ldl").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!gccRun.waitFor(60, TimeUnit.SECONDS)) {
            gccRun.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("gcc did not compile " + c + " within 60 s");
        }
        if (gccRun.exitValue() != 0) {
            Files.deleteIfExists(c); // not built: try again next time
            throw new IOException("gcc could not compile " + c + " (exit " + gccRun.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        Files.move(tmp, so, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return so;
    }

    static String config(Options o, int sipPort, int ctrlPort, int rtpMin, Path audio) {
        List<String> lines = new ArrayList<>(List.of(
                "# written by Baresip.java: everything on 127.0.0.1, no audio device",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + sipPort,
                "net_interface 127.0.0.1",
                "rtp_ports " + rtpMin + "-" + (rtpMin + 19),
                "rtcp_mux " + (o.mode == Mode.WEBRTC ? "yes" : "no"),
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module opus.so",
                "module ausine.so"));
        if (o.record) {
            lines.add("module sndfile.so");
            lines.add("snd_path " + audio);
        }
        if (o.mode == Mode.WEBRTC) {
            lines.addAll(List.of("module ice.so", "module srtp.so", "module dtls_srtp.so"));
        }
        lines.addAll(List.of(
                "module_app account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen 127.0.0.1:" + ctrlPort,
                "audio_source ausine," + o.toneHz,
                "ausrc_srate 48000",
                "ausrc_channels 2",
                ""));
        return String.join("\n", lines);
    }

    static String account(Options o) {
        StringBuilder a = new StringBuilder("<sip:" + o.user + "@" + o.registrar + ";transport=udp>");
        a.append(";auth_pass=").append(o.password).append(";regint=600");
        a.append(";answermode=").append(o.autoAnswer ? "auto" : "manual");
        if (o.mode == Mode.WEBRTC) {
            a.append(";mediaenc=dtls_srtp;medianat=ice;audio_codecs=opus/48000/2");
        } else {
            a.append(";audio_codecs=PCMU");
        }
        return a.toString();
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** A port N free for UDP and TCP whose N+1 is free for TCP too (baresip's TLS listener). */
    private static int freeSipPort() throws IOException {
        for (int i = 0; i < 50; i++) {
            int n = Kamailio.freeUdpAndTcpPort();
            try (ServerSocket tls = new ServerSocket(n + 1, 1, InetAddress.getByName("127.0.0.1"))) {
                return n;
            } catch (IOException inUse) {
                // another
            }
        }
        throw new IOException("no SIP port for baresip on 127.0.0.1");
    }

    private void readControl() {
        try (InputStream in = control.getInputStream()) {
            while (!closed) {
                int length = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    if (c < '0' || c > '9') {
                        throw new IOException("bad netstring length byte " + c);
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length || in.read() != ',') {
                    return;
                }
                long now = System.nanoTime();
                Object json = MiniJson.parse(new String(body, StandardCharsets.UTF_8));
                if (!(json instanceof Map)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) json;
                synchronized (this) {
                    if (Boolean.TRUE.equals(m.get("response"))) {
                        responses.add(m);
                    } else if (m.containsKey("event")) {
                        events.add(new Event(m, now));
                    }
                    notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                System.err.println("baresip " + name + ": control connection: " + e);
            }
        }
    }

    /**
     * Runs a ctrl_tcp command (a menu command: {@code dial}, {@code accept}, ...) and returns its
     * output; fails when baresip says it failed or does not answer within 5 s.
     */
    String command(String command, String params) throws IOException, InterruptedException {
        String token = "t" + tokens.incrementAndGet();
        String json = "{\"command\":" + MiniJson.quote(command) + (params == null ? "" : ",\"params\":" + MiniJson.quote(params))
                + ",\"token\":" + MiniJson.quote(token) + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        synchronized (controlOut) {
            controlOut.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            controlOut.write(body);
            controlOut.write(',');
            controlOut.flush();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (this) {
            while (true) {
                for (Map<String, Object> r : responses) {
                    if (token.equals(r.get("token"))) {
                        responses.remove(r);
                        // without the terminal colours baresip puts around OK, ERR, ...
                        String data = r.get("data") == null ? "" : r.get("data").toString().replaceAll("\u001b\\[[0-9;]*m", "");
                        if (!Boolean.TRUE.equals(r.get("ok"))) {
                            throw new IOException("baresip " + name + ": '" + command + (params == null ? "" : " " + params)
                                    + "' failed: " + data);
                        }
                        return data;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("baresip " + name + " did not answer '" + command + "' within 5 s; " + logTail(dir));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** Dials a SIP URI (through its registrar, Kamailio). */
    void dial(String uri) throws IOException, InterruptedException {
        command("dial", uri);
    }

    /**
     * A call the benches time: dials {@code callee} (which answers by itself) and waits for both
     * sides' first RTP packet ({@code CALL_RTPESTAB}).
     */
    TimedCall timedCall(Baresip callee) throws IOException, InterruptedException {
        int callerMark = mark();
        int calleeMark = callee.mark();
        long t0 = System.nanoTime();
        dial(callee.aor());
        Event calleeRtp = callee.awaitEvent(calleeMark, "CALL_RTPESTAB");
        Event callerRtp = awaitEvent(callerMark, "CALL_RTPESTAB");
        return new TimedCall(this, callee, t0, callerMark, calleeMark, calleeRtp, callerRtp);
    }

    /** A call from {@link #timedCall}: when it started ({@code System.nanoTime()}) and each side's first RTP packet. */
    record TimedCall(Baresip caller, Baresip callee, long t0, int callerMark, int calleeMark, Event calleeRtp,
            Event callerRtp) {

        /** {callee ms, caller ms} from the dial command to the first RTP packet received. */
        double[] ms() {
            return new double[] {(calleeRtp.nanos - t0) / 1e6, (callerRtp.nanos - t0) / 1e6};
        }

        /** The caller hangs up; both report the call closed (the callee by the caller's BYE). */
        void hangUp() throws IOException, InterruptedException {
            caller.hangup();
            org.junit.jupiter.api.Assertions.assertEquals("Connection reset by peer",
                    callee.awaitEvent(calleeMark, "CALL_CLOSED").param, callee.user() + " got " + caller.user() + "'s BYE");
            caller.awaitEvent(callerMark, "CALL_CLOSED");
        }
    }

    /** Answers the incoming call. */
    void accept() throws IOException, InterruptedException {
        command("accept", null);
    }

    void hangup() throws IOException, InterruptedException {
        command("hangup", null);
    }

    /** Puts the current call on hold: a re-INVITE offering {@code sendonly}. */
    void hold() throws IOException, InterruptedException {
        command("hold", null);
    }

    void resume() throws IOException, InterruptedException {
        command("resume", null);
    }

    /** Sends DTMF as RFC 4733 telephone events (baresip 1.0 has no SIP INFO mode). */
    void sendDtmf(String digits) throws IOException, InterruptedException {
        command("sndcode", digits);
    }

    /** baresip's RTP counters of the current call, from {@code audio_debug}. */
    AudioStats audioStats() throws IOException, InterruptedException {
        String text = command("audio_debug", null);
        Matcher tx = TX_PACKETS.matcher(text);
        Matcher rx = RX_PACKETS.matcher(text);
        return new AudioStats(tx.find() ? Long.parseLong(tx.group(1)) : -1, rx.find() ? Long.parseLong(rx.group(1)) : -1, text);
    }

    /**
     * Waits (bounded) until the current call sent and received {@code packets} RTP packets, then
     * checks from {@code audio_debug} that it is WebRTC-style: ICE connected, DTLS-SRTP secure,
     * Opus both ways, media between 127.0.0.1 addresses; fails with an {@link AssertionError}
     * otherwise. Returns those lines and the counters, on one line.
     */
    String awaitWebRtcMedia(long packets) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        AudioStats s = audioStats();
        while ((s.packetsSent < packets || s.packetsReceived < packets) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = audioStats();
        }
        String text = s.text;
        if (s.packetsSent < packets || s.packetsReceived < packets) {
            throw new AssertionError(this + ": " + s + ", expected " + packets + " each way:\n" + text);
        }
        if (!(text.contains("mnat: ice (connected=yes)") && text.contains("menc: dtls_srtp (secure=yes)")
                && text.contains("encode: opus 48000Hz") && text.contains("decode: opus 48000Hz")
                && Pattern.compile("\\blocal: 127\\.0\\.0\\.1:\\d+, remote: 127\\.0\\.0\\.1:\\d+").matcher(text).find())) {
            throw new AssertionError(this + ": not ICE connected, DTLS-SRTP secure and Opus on 127.0.0.1:\n" + text);
        }
        return text.lines().map(String::trim).filter(l -> l.startsWith("mnat:") || l.startsWith("menc:") || l.startsWith("local:")
                || l.startsWith("tx:")).map(l -> l.replaceFirst("^tx:\\s+", "")).collect(Collectors.joining("; ")) + "; " + s;
    }

    /** Waits (bounded) until baresip's registration is OK at the registrar ({@code reginfo}). */
    Baresip awaitRegistered() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        String info = "";
        while (System.nanoTime() < deadline) {
            info = command("reginfo", null);
            if (info.contains(" OK")) {
                return this;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("baresip " + name + " did not register: " + info + "; " + logTail(dir));
    }

    /** The number of events so far: a mark to wait for later ones with {@link #awaitEvent(int, String, Predicate)}. */
    synchronized int mark() {
        return events.size();
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The first event of the type received at index {@code from} or later. */
    Event awaitEvent(int from, String type) throws InterruptedException {
        return awaitEvent(from, type, e -> true);
    }

    /** The first event of the type and passing the check received at index {@code from} or later (bounded wait). */
    Event awaitEvent(int from, String type, Predicate<Event> check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        synchronized (this) {
            while (true) {
                for (int i = from; i < events.size(); i++) {
                    Event e = events.get(i);
                    if (e.type.equals(type) && check.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("baresip " + name + " had no " + type + " event; it had " + events.subList(from, events.size())
                            + "; " + logTail(dir));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** Events of the type since the mark (no waiting). */
    synchronized List<Event> eventsSince(int from, String type) {
        return events.subList(Math.min(from, events.size()), events.size()).stream().filter(e -> e.type.equals(type))
                .collect(Collectors.toList());
    }

    /**
     * The recordings of received audio ({@code audio/dump-<time>-dec.wav}) written to since
     * {@code sinceMillis} (epoch), oldest first. sndfile starts a new file whenever the audio
     * stream is set up again (each re-INVITE, e.g. hold and resume); one started within the same
     * second as the one before replaces it.
     */
    List<Path> receivedAudioSince(long sinceMillis) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("audio"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-dec.wav") && f.toFile().lastModified() >= sinceMillis)
                    .sorted(Comparator.comparing(f -> f.getFileName().toString())).collect(Collectors.toList());
        }
    }

    /** {@code sip:user@127.0.0.1:kamailio-port}: how others call it through the registrar. */
    String aor() {
        return "sip:" + options.user + "@" + options.registrar;
    }

    String user() {
        return options.user;
    }

    int sipPort() {
        return sipPort;
    }

    /** The first of its 20 RTP ports. */
    int rtpMin() {
        return rtpMin;
    }

    long pid() {
        return server.process().pid();
    }

    Path dir() {
        return dir;
    }

    String logTail() {
        return logTail(dir);
    }

    /** baresip's version from the first line of its log ({@code baresip v1.0.0 Copyright ...}), or "?". */
    String version() {
        try (Stream<String> lines = Files.lines(dir.resolve("baresip.log"), StandardCharsets.ISO_8859_1)) {
            return lines.map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")).filter(l -> l.startsWith("baresip v")).findFirst()
                    .map(l -> l.split(" ")[1].substring(1)).orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String logTail(Path dir) {
        Path log = dir.resolve("baresip.log");
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return "log " + log + ", last lines:\n" + String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException | RuntimeException e) {
            return "log " + log + " (unreadable: " + e + ")";
        }
    }

    /** Stops baresip by its PID (SIGTERM: it unregisters, then exits); keeps its directory. */
    @Override
    public void close() {
        closed = true;
        try {
            control.close();
        } catch (IOException e) {
            // gone
        }
        server.close();
    }

    /** Deletes its directory (after the tests passed; a failure keeps configuration, log and recordings). */
    void deleteFiles() {
        ServerProcess.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "baresip " + name + " (" + options.mode + (options.loopbackIce ? ", loopback ICE" : "") + ") sip 127.0.0.1:" + sipPort
                + " pid " + pid() + " dir " + dir;
    }
}
