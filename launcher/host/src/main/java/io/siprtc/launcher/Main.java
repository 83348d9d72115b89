package io.siprtc.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The SIPRTC host: Felix 7 with the {@code siprtc-host} feature of features.xml. Modes:
 * no argument runs the Gogo shell, {@code demo} the demo call, {@code bench [N] [--csv FILE ...]} the
 * benchmark.
 */
public final class Main {

    /** Services that must be up before SIPRTC counts as ready. */
    static final String[] READY_SERVICES = {
        "io.siprtc.api.call.CallService", "io.siprtc.api.sip.SipStack", "io.siprtc.api.media.MediaEngine",
        "io.siprtc.api.chat.ChatService" };

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        quietLogging();
        String mode = args.length > 0 ? args[0] : "shell";
        if (!List.of("shell", "demo", "bench").contains(mode)) {
            System.err.println("usage: siprtc [demo | bench [calls] [--csv FILE [--png FILE] [--seconds N]]]");
            System.exit(2);
        }
        Path home = Paths.get(System.getProperty("siprtc.home", ".")).toAbsolutePath();
        Path storage = Files.createTempDirectory("siprtc-felix-");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.fileinstall.dir", dir(home, "deploy") + "," + dir(home, "etc"));
        if (mode.equals("shell")) {
            defaultBroker(Paths.get(dir(home, "etc")));
        }
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.poll", "1000");
        config.put("felix.fileinstall.log.level", "2");
        config.put("gosh.args", mode.equals("shell") ? "" : "--nointeractive");
        if (mode.equals("bench") && args.length > 1) {
            // the bench job parses them (BenchOptions), one a line
            config.put("siprtc.bench.args", String.join("\n", List.of(args).subList(1, args.length)));
        }
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        int code;
        try {
            framework.start();
            install(framework.getBundleContext(), home.resolve("bundles"));
            long readyMs = awaitReady(framework.getBundleContext(), 20_000, start);
            System.setProperty("siprtc.boot.ms", String.valueOf(readyMs));
            System.out.println("SIPRTC ready in " + readyMs + " ms (Felix cold start to " + String.join(", ", shortNames()) + ")");
            if (mode.equals("shell")) {
                framework.waitForStop(0);
                code = 0;
            } else {
                code = runJob(framework.getBundleContext(), mode);
            }
        } catch (Exception e) {
            System.err.println("siprtc: " + e.getMessage());
            code = 1;
        } finally {
            stop(framework);
            deleteTree(storage);
        }
        System.exit(code);
    }

    /** Console logging at WARNING unless a logging configuration is given (-Djava.util.logging.config.file). */
    private static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") == null) {
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
    }

    private static String dir(Path home, String name) throws IOException {
        Path p = home.resolve(name);
        Files.createDirectories(p);
        return p.toString();
    }

    /** Installs every bundle of the siprtc-host feature, then starts them (fragments attach first). */
    public static List<Bundle> install(BundleContext ctx, Path bundleDir) throws Exception {
        List<Bundle> installed = new ArrayList<>();
        for (FeatureList.BundleRef ref : FeatureList.bundled().bundles("siprtc-host")) {
            File f = bundleDir.resolve(ref.fileName()).toFile();
            if (!f.isFile()) {
                throw new IllegalStateException("bundle " + ref + " is missing: " + f + " (build with ./mvnw -B install -DskipTests)");
            }
            installed.add(ctx.installBundle(f.toURI().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        return installed;
    }

    /**
     * The interactive host runs the embedded MQTT broker (127.0.0.1:1883) unless a broker
     * configuration is already there: edit or delete etc/io.siprtc.chat.broker.cfg to use another
     * broker. The demo and bench jobs configure their own on a free port when none is configured.
     */
    static void defaultBroker(Path etc) throws IOException {
        try (var files = Files.list(etc)) {
            if (files.anyMatch(f -> f.getFileName().toString().startsWith("io.siprtc.chat.broker"))) {
                return;
            }
        }
        Files.writeString(etc.resolve("io.siprtc.chat.broker.cfg"),
                "# Written by the SIPRTC launcher: the embedded MQTT broker for chat, on 127.0.0.1 only.\n"
                        + "# Set enabled = false (or delete this file) to use a broker of your own.\n"
                        + "enabled = true\nport = 1883\n");
    }

    private static long awaitReady(BundleContext ctx, long timeoutMs, long start) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (String s : READY_SERVICES) {
                all &= ctx.getServiceReference(s) != null;
            }
            if (all) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(2);
        }
        List<String> missing = new ArrayList<>();
        for (String s : READY_SERVICES) {
            if (ctx.getServiceReference(s) == null) {
                missing.add(s);
            }
        }
        throw new IllegalStateException("SIPRTC did not start within " + timeoutMs + " ms; missing " + missing);
    }

    private static List<String> shortNames() {
        List<String> names = new ArrayList<>();
        for (String s : READY_SERVICES) {
            names.add(s.substring(s.lastIndexOf('.') + 1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static int runJob(BundleContext ctx, String name) throws Exception {
        String filter = "(siprtc.launcher.command=" + name + ")";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ServiceReference<Callable> ref : ctx.getServiceReferences(Callable.class, filter)) {
                Callable<Integer> job = ctx.getService(ref);
                if (job != null) {
                    try {
                        return job.call();
                    } finally {
                        ctx.ungetService(ref);
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no '" + name + "' job service appeared");
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            FrameworkEvent e = framework.waitForStop(15_000);
            if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("siprtc: the framework did not stop within 15 s");
            }
        } catch (Exception e) {
            System.err.println("siprtc: stopping the framework failed: " + e.getMessage());
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir
        }
    }
}
