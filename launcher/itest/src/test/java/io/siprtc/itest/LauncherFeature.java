package io.siprtc.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import javax.xml.parsers.DocumentBuilderFactory;

import io.siprtc.launcher.FeatureList;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;
import org.osgi.framework.Constants;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Driver side only (never loaded inside the framework): turns the launcher's one bundle list, the
 * {@code siprtc-host} feature of the features.xml bundled in the launcher, into Pax Exam options.
 * The bundle files are those launcher/host copied to {@code target/siprtc/bundles} (system property
 * {@code siprtc.bundles}), installed in feature order; fragments are installed and not started.
 */
final class LauncherFeature {

    /** The feature the launcher ({@code io.siprtc.launcher.Main#install}) installs. */
    static final String FEATURE = "siprtc-host";

    /**
     * Start level of a feature bundle without a {@code start-level} attribute: Karaf's default for
     * feature bundles, after the explicitly early ones (the runtime feature's 10).
     */
    static final int DEFAULT_START_LEVEL = 80;

    /** System property with the locations of the feature's bundles, in feature order, for the probe. */
    static final String LOCATIONS_PROPERTY = "siprtc.itest.bundle.locations";

    private LauncherFeature() {
    }

    static Option[] options() throws Exception {
        String dir = System.getProperty("siprtc.bundles");
        if (dir == null) {
            throw new IllegalStateException("system property siprtc.bundles (launcher/host/target/siprtc/bundles) is not set");
        }
        Path bundleDir = Paths.get(dir).toAbsolutePath().normalize();
        Map<String, Integer> startLevels = startLevels();
        List<Option> options = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        int maxLevel = DEFAULT_START_LEVEL;
        for (FeatureList.BundleRef ref : FeatureList.bundled().bundles(FEATURE)) {
            File f = bundleDir.resolve(ref.fileName()).toFile();
            if (!f.isFile()) {
                throw new IllegalStateException("bundle " + ref + " is missing: " + f
                        + " (build launcher/host first: ./mvnw -B install -DskipTests)");
            }
            int level = startLevels.getOrDefault(ref.url, DEFAULT_START_LEVEL);
            maxLevel = Math.max(maxLevel, level);
            String location = f.toURI().toString();
            UrlProvisionOption option = bundle(location).startLevel(level);
            if (isFragment(f)) {
                option = option.noStart(); // attaches to its host when the host resolves
            }
            options.add(option);
            locations.add(location);
        }
        Path fileinstallDir = Files.createTempDirectory("siprtc-itest-etc-");
        fileinstallDir.toFile().deleteOnExit();
        options.add(frameworkStartLevel(maxLevel));
        options.add(frameworkProperty("gosh.args").value("--nointeractive"));
        options.add(frameworkProperty("felix.fileinstall.dir").value(fileinstallDir.toString()));
        options.add(systemProperty(LOCATIONS_PROPERTY).value(String.join(",", locations)));
        return options.toArray(new Option[0]);
    }

    /** The {@code start-level} attributes of the same bundled features.xml that FeatureList reads. */
    private static Map<String, Integer> startLevels() throws Exception {
        Map<String, Integer> levels = new HashMap<>();
        try (InputStream in = FeatureList.class.getResourceAsStream("feature.xml")) {
            if (in == null) {
                throw new IllegalStateException("feature.xml missing from the launcher jar");
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList bundles = f.newDocumentBuilder().parse(in).getElementsByTagNameNS("*", "bundle");
            for (int i = 0; i < bundles.getLength(); i++) {
                Element e = (Element) bundles.item(i);
                String level = e.getAttribute("start-level").trim();
                if (!level.isEmpty()) {
                    levels.put(e.getTextContent().trim(), Integer.valueOf(level));
                }
            }
        }
        return levels;
    }

    private static boolean isFragment(File bundle) throws Exception {
        try (JarFile jar = new JarFile(bundle)) {
            Manifest mf = jar.getManifest();
            return mf != null && mf.getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null;
        }
    }
}
