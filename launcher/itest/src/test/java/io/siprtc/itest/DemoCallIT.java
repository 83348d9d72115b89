package io.siprtc.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.siprtc.launcher.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Boots Felix with exactly the launcher's bundle list (the siprtc-host feature of features.xml),
 * places alice-to-bob calls on 127.0.0.1 through the gateway, and checks media both ways:
 * RTP packets counted on each side and each side hearing the other's tone. Between calls the
 * media engine adapter and the SIP stack bundles are stopped and started again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCallIT {

    private static final Pattern SIDE = Pattern.compile(
            "(alice|bob): +sent (\\d+) RTP packets, received (\\d+), hears ([0-9.]+) Hz \\((?:alice|bob) sends ([0-9.]+) Hz\\)");

    private static Framework framework;
    private static Path storage;

    @BeforeAll
    static void boot() throws Exception {
        storage = Files.createTempDirectory("siprtc-it-");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("gosh.args", "--nointeractive");
        config.put("felix.fileinstall.dir", storage.resolve("etc").toString());
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        List<Bundle> installed = Main.install(framework.getBundleContext(), Paths.get(System.getProperty("siprtc.bundles")));
        assertTrue(installed.size() > 10, "bundles installed from features.xml: " + installed.size());
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(15_000);
        }
    }

    @Test
    @Order(1)
    void callWithToneBothWays() throws Exception {
        assertMediaBothWays(runDemo());
    }

    @Test
    @Order(2)
    void secondCallAfterRestartingMediaAdapterAndSipStack() throws Exception {
        restart("io.siprtc.media.webrtc");
        restart("io.siprtc.sip.jainsip");
        assertMediaBothWays(runDemo());
    }

    @Test
    @Order(3)
    void callsReleaseTheirThreads() throws Exception {
        for (int i = 0; i < 3; i++) {
            runDemo(); // warm-up: audio endpoints and worker pools reach their steady size
        }
        Thread.sleep(500);
        java.util.Set<String> before = threadNames();
        for (int i = 0; i < 4; i++) {
            assertMediaBothWays(runDemo());
        }
        Thread.sleep(1000);
        java.util.Set<String> after = threadNames();
        java.util.Set<String> added = new java.util.TreeSet<>(after);
        added.removeAll(before);
        // a leak grows with every call; four more calls may reuse pooled threads but not add four
        assertTrue(after.size() <= before.size() + 2, "threads before " + before.size() + ", after four more calls "
                + after.size() + "; new: " + added);
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("EventScannerThread")) {
                // Known JAIN-SIP RI 1.3.0-91 leak: SipStack.stop() does not wake its event scanner.
                // The demo job makes new accounts (new stacks) each run; tracked on the SIP issue.
                continue;
            }
            names.add(t.getName() + "#" + t.getId());
        }
        return names;
    }

    private static void restart(String symbolicName) throws Exception {
        Bundle b = bundle(symbolicName);
        b.stop();
        assertEquals(Bundle.RESOLVED, b.getState());
        b.start();
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " not installed");
    }

    /** Runs the demo job (the launcher's main job) inside the framework and returns what it printed. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static String runDemo() throws Exception {
        BundleContext ctx = framework.getBundleContext();
        Callable<Integer> job = null;
        ServiceReference<Callable> ref = null;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (job == null && System.nanoTime() < deadline) {
            for (ServiceReference<Callable> r : ctx.getServiceReferences(Callable.class, "(siprtc.launcher.command=demo)")) {
                ref = r;
                job = ctx.getService(r);
            }
            if (job == null) {
                Thread.sleep(20);
            }
        }
        assertNotNull(job, "the demo job service did not appear");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = job.call();
        } finally {
            System.setOut(original);
            ctx.ungetService(ref);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.println(out);
        assertEquals(0, code, "demo job failed:\n" + out);
        return out;
    }

    private static void assertMediaBothWays(String out) {
        int sides = 0;
        Matcher m = SIDE.matcher(out);
        while (m.find()) {
            sides++;
            long sent = Long.parseLong(m.group(2));
            long received = Long.parseLong(m.group(3));
            double heard = Double.parseDouble(m.group(4));
            double expected = Double.parseDouble(m.group(5));
            assertTrue(sent > 0 && received > 0, m.group(1) + " packets sent/received: " + sent + "/" + received);
            assertEquals(expected, heard, expected * 0.02, m.group(1) + " hears the far end's tone");
        }
        assertEquals(2, sides, "both sides reported:\n" + out);
        assertTrue(out.contains("alice  -> BYE") && out.contains("bob    -> 200 OK (BYE)"), "hung up with BYE/200:\n" + out);
        assertTrue(out.contains("ended: alice LOCAL_HANGUP") && out.contains("bob REMOTE_HANGUP"), out);
    }
}
