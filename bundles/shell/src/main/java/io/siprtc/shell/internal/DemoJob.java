package io.siprtc.shell.internal;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.CallService;
import io.siprtc.api.chat.ChatService;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The main job, {@code ./siprtc demo}: alice calls bob peer to peer on 127.0.0.1 in this
 * framework, bob answers automatically, tones flow both ways and are checked; a second later
 * each side's quality figures are printed and alice hangs up. Returns 0 only when media was
 * proven both ways.
 */
@Component(service = Callable.class, property = { "siprtc.launcher.command=demo",
        "osgi.command.scope=siprtc", "osgi.command.function=demo" })
public class DemoJob implements Callable<Integer> {

    /** How long the call stays up after media was proven both ways. */
    static final long HOLD_MS = 1000;

    @Reference
    private CallService calls;

    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ChatService chat;

    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    /** Gogo: {@code siprtc:demo}. */
    public int demo() throws Exception {
        return call();
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        try (DemoAccounts accounts = new DemoAccounts(configAdmin, calls)) {
            accounts.create();
            AccountInfo alice = accounts.awaitReady("demo-alice", 10_000).orElse(null);
            AccountInfo bob = accounts.awaitReady("demo-bob", 10_000).orElse(null);
            if (alice == null || bob == null) {
                out.println("FAIL: the demo accounts did not come up: " + calls.accounts());
                return 1;
            }
            out.println("alice " + alice.addressOfRecord() + " sends " + (int) DemoAccounts.ALICE_TONE + " Hz");
            out.println("bob   " + bob.addressOfRecord() + " sends " + (int) DemoAccounts.BOB_TONE + " Hz, answers automatically");
            out.println("alice dials bob");
            // the call stays up a second after media was proven, so the quality figures cover a full second
            ProbedCall.Result r = new ProbedCall(context, calls).run("demo-alice", "demo-bob", bob.addressOfRecord(),
                    DemoAccounts.ALICE_TONE, DemoAccounts.BOB_TONE, out::println, 10_000, HOLD_MS, null);
            Thread.sleep(100); // let the last events print
            out.printf("alice: sent %d RTP packets, received %d, hears %.1f Hz (bob sends %.0f Hz), codec %s%n",
                    r.caller.packetsSent(), r.caller.packetsReceived(), r.caller.receivedToneHz(), DemoAccounts.BOB_TONE,
                    r.caller.codec());
            out.printf("bob:   sent %d RTP packets, received %d, hears %.1f Hz (alice sends %.0f Hz), codec %s%n",
                    r.callee.packetsSent(), r.callee.packetsReceived(), r.callee.receivedToneHz(), DemoAccounts.ALICE_TONE,
                    r.callee.codec());
            out.println("path:  " + StatsFormat.path(r.caller));
            out.println("stats: alice " + StatsFormat.quality(r.caller));
            out.println("stats: bob   " + StatsFormat.quality(r.callee));
            out.println("ended: alice " + r.callerEnd + "; bob " + r.calleeEnd);
            String chatFailure = chat(out);
            if (r.passed() && chatFailure == null) {
                out.printf("PASS: media proven both ways; dial to first audio %.1f ms at bob, %.1f ms at alice%s%n",
                        r.setupCalleeMs, r.setupCallerMs, chat == null ? "" : "; chat message delivered and receipted");
                return 0;
            }
            out.println("FAIL: " + (!r.passed() ? (r.failure.isEmpty() ? "call did not end cleanly" : r.failure)
                    : "chat: " + chatFailure));
            return 1;
        }
    }

    /** alice sends bob a chat message over MQTT; null when it was delivered and receipted. */
    private String chat(PrintStream out) throws Exception {
        ChatService c = chat;
        if (c == null) {
            out.println("chat:  no chat service installed, skipped");
            return null;
        }
        try (DemoChat demo = new DemoChat(configAdmin, c, context)) {
            int port = demo.create();
            out.println("chat:  MQTT broker on 127.0.0.1:" + port);
            return demo.exchange("hello bob, this is alice", out::println, 15_000);
        }
    }
}
