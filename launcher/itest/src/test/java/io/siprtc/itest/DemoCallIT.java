package io.siprtc.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.OptionUtils.combine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import io.siprtc.api.media.MediaEngine;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Pax Exam (native container): boots Felix with exactly the launcher's bundle list (the siprtc-host
 * feature of features.xml, see {@link LauncherFeature}) plus Pax Exam's own bundles, places
 * alice-to-bob calls on 127.0.0.1 through the gateway, and checks media both ways: RTP packets
 * counted on each side and each side hearing the other's tone. Between two calls the media engine
 * adapter and the SIP stack bundles are stopped and started again. One framework for the class;
 * the methods run in name order.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class DemoCallIT {

    private static final Pattern SIDE = Pattern.compile(
            "(alice|bob): +sent (\\d+) RTP packets, received (\\d+), hears ([0-9.]+) Hz \\((?:alice|bob) sends ([0-9.]+) Hz\\)");


    @Inject
    private BundleContext context;

    /** Runs on the driver side: the launcher's bundles, then what Pax Exam itself needs in the framework. */
    @Configuration
    public Option[] config() throws Exception {
        return combine(
                LauncherFeature.options(),
                junitBundles(),
                // Pax Exam's bundles import org.slf4j; with pax.exam.logging=none (exam.properties) it comes
                // from the class path, so no pax-logging bundle (it exports org.apache.log4j and
                // org.osgi.service.log) changes what the SIPRTC bundles wire to.
                systemPackage("org.slf4j;version=1.7.36"),
                cleanCaches());
    }

    @Test
    public void t1BootsExactlyTheLaunchersBundles() {
        List<String> expected = Arrays.asList(System.getProperty(LauncherFeature.LOCATIONS_PROPERTY).split(","));
        assertTrue("bundles installed from features.xml: " + expected.size(), expected.size() > 10);
        List<String> installed = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() == 0 || b.equals(context.getBundle()) || b.getLocation().startsWith("link:classpath:")) {
                continue; // the system bundle, this probe and Pax Exam's own bundles
            }
            installed.add(b.getLocation());
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            assertEquals(b.getSymbolicName() + " state", fragment ? Bundle.RESOLVED : Bundle.ACTIVE, b.getState());
        }
        assertEquals("the launcher's bundles, in feature order, and nothing else", expected, installed);
    }

    @Test
    public void t2CallWithToneBothWays() throws Exception {
        assertMediaBothWays(runDemo());
    }

    @Test
    public void t3SecondCallAfterRestartingMediaAdapterAndSipStack() throws Exception {
        assertMediaBothWays(runDemo());
        restart("io.siprtc.media.webrtc");
        restart("io.siprtc.sip.jainsip");
        assertMediaBothWays(runDemo());
    }

    @Test
    public void t4CallsReleaseTheirThreads() throws Exception {
        for (int i = 0; i < 3; i++) {
            runDemo(); // warm-up: audio endpoints and worker pools reach their steady size
        }
        Thread.sleep(500);
        Set<String> before = threadNames();
        for (int i = 0; i < 4; i++) {
            assertMediaBothWays(runDemo());
        }
        Thread.sleep(1000);
        Set<String> after = threadNames();
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        // a leak grows with every call; four more calls may reuse pooled threads but not add four
        assertTrue("threads before " + before.size() + ", after four more calls " + after.size() + "; new: " + added,
                after.size() <= before.size() + 2);
    }

    @Test
    public void t5WithoutAMediaEngineTheCallEndsCleanlyWithAReason() throws Exception {
        Bundle media = bundle("io.siprtc.media.webrtc");
        media.stop();
        try {
            Object[] result = runDemoJob();
            String out = (String) result[1];
            assertEquals("the demo fails without a media engine:\n" + out, 1, result[0]);
            assertTrue("the reason is named:\n" + out, out.contains("NO_MEDIA_ENGINE"));
            assertTrue("no stack trace:\n" + out, !out.contains("Exception") && !out.contains("\tat "));
        } finally {
            media.start();
        }
        assertMediaBothWays(runDemo());
    }

    /**
     * The engine adapter bundle is updated at runtime (new revision, refreshed) between calls:
     * the library bundle keeps the one libwebrtc it loaded, so no second native copy appears in
     * the process (each copy is a distinct file mapped from the temp directory).
     */
    @Test
    public void t6UpdatingTheEngineAdapterLoadsNoSecondNativeCopy() throws Exception {
        assertMediaBothWays(runDemo());
        Set<String> before = nativeCopies();
        assertEquals("one libwebrtc loaded: " + before, 1, before.size());
        Bundle adapter = bundle("io.siprtc.media.webrtc");
        adapter.update();
        java.util.concurrent.CountDownLatch refreshed = new java.util.concurrent.CountDownLatch(1);
        context.getBundle(0).adapt(org.osgi.framework.wiring.FrameworkWiring.class)
                .refreshBundles(java.util.List.of(adapter), e -> refreshed.countDown());
        assertTrue("refresh finished", refreshed.await(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("the adapter is active again", Bundle.ACTIVE, adapter.getState());
        assertMediaBothWays(runDemo());
        assertEquals("still the one native copy", before, nativeCopies());
    }

    /** The libwebrtc files mapped into this process (webrtc-java extracts its .so to a temp file). */
    private static Set<String> nativeCopies() throws java.io.IOException {
        Set<String> files = new TreeSet<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/self/maps"))) {
            int at = line.indexOf('/');
            if (at >= 0 && line.contains("webrtc") && line.contains(".so")) {
                files.add(line.substring(at));
            }
        }
        return files;
    }

    private static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            names.add(t.getName() + "#" + t.getId());
        }
        return names;
    }

    private void restart(String symbolicName) throws Exception {
        Bundle b = bundle(symbolicName);
        b.stop();
        assertEquals(symbolicName + " stopped", Bundle.RESOLVED, b.getState());
        b.start();
        assertEquals(symbolicName + " started again", Bundle.ACTIVE, b.getState());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " not installed");
    }

    /** Runs the demo job (the launcher's main job) inside the framework and returns what it printed. */
    private String runDemo() throws Exception {
        Object[] result = runDemoJob();
        String out = (String) result[1];
        assertEquals("demo job failed:\n" + out, 0, result[0]);
        assertPeerConnectionsClosed();
        return out;
    }

    /** Runs the demo job and returns its exit code and what it printed. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Object[] runDemoJob() throws Exception {
        Callable<Integer> job = null;
        ServiceReference<Callable> ref = null;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (job == null && System.nanoTime() < deadline) {
            for (ServiceReference<Callable> r : context.getServiceReferences(Callable.class, "(siprtc.launcher.command=demo)")) {
                ref = r;
                job = context.getService(r);
            }
            if (job == null) {
                Thread.sleep(20);
            }
        }
        assertNotNull("the demo job service did not appear", job);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = job.call();
        } finally {
            System.setOut(original);
            context.ungetService(ref);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.println(out);
        return new Object[] {code, out};
    }

    /** After the hang-up every media session (one peer connection each) is closed. */
    private void assertPeerConnectionsClosed() throws Exception {
        Collection<ServiceReference<MediaEngine>> refs = context.getServiceReferences(MediaEngine.class, null);
        assertTrue("a media engine is registered", !refs.isEmpty());
        for (ServiceReference<MediaEngine> ref : refs) {
            MediaEngine engine = context.getService(ref);
            try {
                long deadline = System.nanoTime() + 3_000_000_000L;
                while (engine.openSessions() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals("open media sessions after the hang-up", 0, engine.openSessions());
            } finally {
                context.ungetService(ref);
            }
        }
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
            assertTrue(m.group(1) + " packets sent/received: " + sent + "/" + received, sent > 0 && received > 0);
            assertEquals(m.group(1) + " hears the far end's tone", expected, heard, expected * 0.02);
        }
        assertEquals("both sides reported:\n" + out, 2, sides);
        assertTrue("hung up with BYE/200:\n" + out, out.contains("alice  -> BYE") && out.contains("bob    -> 200 OK (BYE)"));
        assertTrue(out, out.contains("ended: alice LOCAL_HANGUP") && out.contains("bob REMOTE_HANGUP"));
        assertTrue("bob got alice's chat message over MQTT:\n" + out,
                out.contains("chat:  bob received \"hello bob, this is alice\" from alice"));
        assertTrue("alice got the delivery receipt:\n" + out, out.contains("chat:  alice got bob's delivery receipt"));
    }
}
