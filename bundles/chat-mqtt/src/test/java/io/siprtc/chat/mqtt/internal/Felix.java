package io.siprtc.chat.mqtt.internal;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * A real Felix framework with SCR and ConfigAdmin, as the launcher runs them, for integration
 * tests of built bundles (this module's and, through its test-jar, the broker's). The system
 * bundle exports the chat API from the test's class path, so the test and the bundles share its
 * classes.
 */
public final class Felix implements AutoCloseable {

    private final Framework framework;

    public Felix(Path storage) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", storage.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("org.osgi.framework.system.packages.extra", "io.siprtc.api.chat;version=1.0.0");
        framework = new org.apache.felix.framework.Felix(config);
        framework.start();
        List<Bundle> bundles = new ArrayList<>();
        for (String p : new String[] { "osgi.function.jar", "osgi.promise.jar", "osgi.component.jar", "felix.scr.jar",
            "felix.configadmin.jar" }) {
            bundles.add(install(jar(p)));
        }
        for (Bundle b : bundles) {
            b.start();
        }
    }

    public static Path jar(String property) {
        String p = System.getProperty(property);
        if (p == null || !Files.isRegularFile(Path.of(p))) {
            throw new IllegalStateException("system property " + property + " must name a jar (set by the pom), got " + p);
        }
        return Path.of(p);
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    public Bundle install(Path jar) throws Exception {
        return context().installBundle(jar.toUri().toString());
    }

    /**
     * Creates a configuration through ConfigAdmin, a factory configuration when {@code name} is not
     * null (by reflection: its API classes live in the framework).
     */
    public void configure(String pid, String name, Dictionary<String, Object> properties) throws Exception {
        ServiceReference<?> ref = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ref == null && System.nanoTime() < end) {
            // all references: the test's class path has its own copy of the cm API, which would filter this one out
            ServiceReference<?>[] refs = context().getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
            ref = refs == null ? null : refs[0];
            Thread.sleep(ref == null ? 20 : 0);
        }
        if (ref == null) {
            throw new AssertionError("no ConfigurationAdmin service within 10 s");
        }
        Object ca = context().getService(ref);
        Class<?> api = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object conf = name == null
                ? api.getMethod("getConfiguration", String.class, String.class).invoke(ca, pid, "?")
                : api.getMethod("getFactoryConfiguration", String.class, String.class, String.class).invoke(ca, pid, name, "?");
        Method update = conf.getClass().getMethod("update", Dictionary.class);
        update.setAccessible(true);
        update.invoke(conf, properties);
    }

    public <T> T await(Class<T> type, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < end) {
            ServiceReference<T> ref = context().getServiceReference(type);
            if (ref != null) {
                return context().getService(ref);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type.getName() + " service within " + timeoutMillis + " ms");
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }
}
