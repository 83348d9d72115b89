package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;

import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.SessionDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the non-trickle wait for server candidates costs (not a unit test: no timed assertion;
 * run it by name, see the module README): the time from {@code createOffer()} to the complete
 * offer of a session on 127.0.0.1, without ICE servers, with coturn on 127.0.0.1 as STUN server
 * (the gate also waits for the server-reflexive candidate, at most srflx_wait_ms), and relay-only
 * through coturn over TURN/UDP. Prints median, 90th percentile and maximum of
 * {@code -Dbench.count} offers (default 20) after 3 warm-up offers per case, and writes them to
 * {@code target/srflx-wait-bench.txt}.
 */
class SrflxWaitBench {

    private static final int WARM_UP = 3;

    @Test
    void offerCreationWithAndWithoutStun() throws Exception {
        int count = Integer.getInteger("bench.count", 20);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "offer creation (createOffer() to the complete SDP), one session on 127.0.0.1, %d samples after %d warm-up, "
                        + "Java %s, %d cores%n", count, WARM_UP, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        // each relay-only offer allocates twice (RTP and RTCP: rtcp-mux is only offered) until its session closes
        try (Coturn turn = new Coturn("bench", 4 * (count + WARM_UP) + 16).start()) {
            report.append(run("no ICE server", Map.of(), count));
            report.append(run("STUN (coturn on 127.0.0.1), srflx_wait_ms=300", Map.of("ice_servers",
                    new String[] {turn.stunUri()}), count));
            report.append(run("STUN (coturn on 127.0.0.1), srflx_wait_ms=0", Map.of("ice_servers",
                    new String[] {turn.stunUri()}, "srflx_wait_ms", 0L), count));
            report.append(run("STUN silent (no server on its port), srflx_wait_ms=300", Map.of("ice_servers",
                    new String[] {"stun:127.0.0.1:" + Coturn.freeUdpAndTcpPort()}), count));
            report.append(run("relay-only TURN/UDP (coturn on 127.0.0.1)", Map.of("ice_servers",
                    new String[] {turn.turnUri("udp")}, "ice_username", turn.user(), "_ice_credential", turn.password(),
                    "ice_relay_only", true), count));
        }
        System.out.print(report);
        Path out = Paths.get("target", "srflx-wait-bench.txt");
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static String run(String name, Map<String, Object> config, int count) throws Exception {
        WebRtcMediaEngine engine = new WebRtcMediaEngine();
        engine.activate(LoopbackCalls.config(config));
        List<Double> ms = new ArrayList<>();
        String types = "";
        try {
            for (int i = 0; i < WARM_UP + count; i++) {
                MediaSession s = engine.createSession(new MediaSessionConfig("bench", 440, LOOPBACK));
                try {
                    long t0 = System.nanoTime();
                    SessionDescription offer = get(s.createOffer());
                    double took = (System.nanoTime() - t0) / 1e6;
                    if (i >= WARM_UP) {
                        ms.add(took);
                    }
                    types = candidateTypes(offer);
                } finally {
                    s.close();
                }
            }
        } finally {
            engine.deactivate();
        }
        Collections.sort(ms);
        String line = String.format(Locale.ROOT, "  %-56s median %6.1f ms  p90 %6.1f ms  max %6.1f ms  (offer candidates: %s)%n",
                name, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.9) - 1), ms.get(ms.size() - 1), types);
        System.out.print(line);
        return line;
    }

    private static String candidateTypes(SessionDescription d) {
        List<String> types = new ArrayList<>();
        for (String line : d.sdp().split("\r\n")) {
            if (line.startsWith("a=candidate:")) {
                String[] f = line.split(" ");
                types.add(f[1] + "/" + f[7]);
            }
        }
        return String.join(" ", types);
    }
}
