package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipRequestHandler;
import io.siprtc.api.sip.SipStack;
import io.siprtc.api.sip.SipTransport;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a unit test (surefire leaves out classes not named *Test): registration through
 * a real Kamailio on 127.0.0.1 with digest authentication, each time from scratch (new Call-ID,
 * no cached nonce), so every sample is REGISTER, 401, REGISTER with credentials, 200.
 * Run it with (bundles/gateway/README.md):
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests -pl bundles/api,bundles/sip-jainsip
 * ./mvnw -B test -pl bundles/gateway -Dtest=RegisterBench -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.count=500]
 * </pre>
 *
 * It prints, per algorithm, the median, 90th and 99th percentile and maximum of the whole exchange
 * (first REGISTER sent to 200 received) and of its second half (the REGISTER with credentials
 * sent to the 200 received: one round trip with Kamailio's digest check), and writes them to
 * {@code target/register-bench.txt}.
 */
class RegisterBench {

    private static final int WARM_UP = 30;

    @Test
    void registerThroughKamailio() throws Exception {
        Logger.getLogger("io.siprtc").setLevel(Level.WARNING);
        Logger.getLogger("gov.nist").setLevel(Level.WARNING);
        int count = Integer.getInteger("bench.count", 300);
        String password = "p-" + UUID.randomUUID();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "register through Kamailio on 127.0.0.1 (UDP), %d samples after %d warm-up, "
                + "Java %s, %d cores%n", count, WARM_UP, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        for (String algorithm : List.of("SHA-256", "")) {
            try (Kamailio k = Kamailio.start("bench", new Kamailio.Options().algorithm(algorithm).user("alice", password))) {
                report.append(run(k, algorithm.isEmpty() ? "MD5" : algorithm, password, count));
                k.deleteFiles();
            }
        }
        System.out.print(report);
        Path out = Paths.get("target", "register-bench.txt");
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static String run(Kamailio k, String algorithm, String password, int count) throws Exception {
        SipStack stack = JainSipStacks.start();
        ExecutorScheduler scheduler = new ExecutorScheduler("bench-register");
        try (SipEndpoint endpoint = stack.open(new SipEndpointConfig("bench", "127.0.0.1", 0,
                EnumSet.of(SipTransport.UDP, SipTransport.TCP)), new Ignore())) {
            Map<String, Object> values = new HashMap<>(Map.of("id", "bench", "user", "alice", "domain", k.hostPort(),
                    "_password", password));
            AccountSettings settings = AccountSettings.of(TestAccounts.config(values), endpoint.port(SipTransport.UDP));
            List<Long> whole = new ArrayList<>();
            List<Long> secondHalf = new ArrayList<>();
            for (int i = 0; i < WARM_UP + count; i++) {
                long[] sent = new long[3];
                int[] sends = {0};
                CompletableFuture<Long> registered = new CompletableFuture<>();
                Registration.Sender sender = (request, handler) -> {
                    if (sends[0] < sent.length) {
                        sent[sends[0]] = System.nanoTime();
                    }
                    sends[0]++;
                    return endpoint.send(request, handler);
                };
                Registration r = new Registration(settings, sender, scheduler,
                        new DigestClient(settings.authUser(), settings.password(), () -> UUID.randomUUID().toString()),
                        new RegistrationBackoff(() -> 1.0), new Ids(), (from, to, detail, status) -> {
                            if (to == RegistrationState.REGISTERED) {
                                registered.complete(System.nanoTime());
                            } else if (to.isFailure()) {
                                registered.completeExceptionally(new AssertionError(detail));
                            }
                        });
                r.start();
                long done = registered.get(10, TimeUnit.SECONDS);
                assertEquals(2, sends[0], "REGISTER, then REGISTER with credentials");
                if (i >= WARM_UP) {
                    whole.add(done - sent[0]);
                    secondHalf.add(done - sent[1]);
                }
                r.stop().get(10, TimeUnit.SECONDS);
            }
            return String.format(Locale.ROOT, "%-8s REGISTER->401->REGISTER->200:  %s%n%-8s REGISTER with credentials->200: %s%n",
                    algorithm, stats(whole), algorithm, stats(secondHalf));
        } finally {
            scheduler.close();
            JainSipStacks.stop(stack);
        }
    }

    private static String stats(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return String.format(Locale.ROOT, "median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", ms(pct(s, 50)),
                ms(pct(s, 90)), ms(pct(s, 99)), ms(s.get(s.size() - 1)));
    }

    private static long pct(List<Long> sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The bench endpoint receives nothing it must answer. */
    private static final class Ignore implements SipRequestHandler {
        @Override
        public void onRequest(ServerTransaction transaction) {
        }

        @Override
        public void onAck(SipRequest ack) {
        }

        @Override
        public void onCancel(ServerTransaction invite) {
        }
    }

}
