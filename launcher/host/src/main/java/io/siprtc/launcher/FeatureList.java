package io.siprtc.launcher;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the Karaf features descriptor (the one list of what a host installs) and flattens a
 * feature into its bundles, in order, dependencies first.
 */
public final class FeatureList {

    /** One {@code mvn:group/artifact/version[/type[/classifier]]} bundle of a feature. */
    public static final class BundleRef {
        public final String url;
        public final String groupId;
        public final String artifactId;
        public final String version;
        public final String classifier;

        BundleRef(String url) {
            this.url = url;
            if (!url.startsWith("mvn:")) {
                throw new IllegalArgumentException("only mvn: bundle URLs are supported: " + url);
            }
            String[] p = url.substring(4).split("/");
            if (p.length < 3) {
                throw new IllegalArgumentException("bad mvn: URL " + url);
            }
            groupId = p[0];
            artifactId = p[1];
            version = p[2];
            classifier = p.length > 4 ? p[4] : null;
        }

        /** The file name Maven's copy-dependencies gives the artifact. */
        public String fileName() {
            return artifactId + "-" + version + (classifier != null ? "-" + classifier : "") + ".jar";
        }

        @Override
        public String toString() {
            return url;
        }
    }

    private final Map<String, Element> features = new HashMap<>();

    private FeatureList(Document doc) {
        NodeList list = doc.getElementsByTagNameNS("*", "feature");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (e.getParentNode() instanceof Element && "features".equals(((Element) e.getParentNode()).getLocalName())) {
                features.put(e.getAttribute("name"), e);
            }
        }
    }

    public static FeatureList read(InputStream xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new FeatureList(f.newDocumentBuilder().parse(xml));
    }

    /** The bundled descriptor of this launcher build. */
    public static FeatureList bundled() throws Exception {
        try (InputStream in = FeatureList.class.getResourceAsStream("feature.xml")) {
            if (in == null) {
                throw new IllegalStateException("feature.xml missing from the launcher jar");
            }
            return read(in);
        }
    }

    /** The bundles of a feature and of the features it includes, each once, dependencies first. */
    public List<BundleRef> bundles(String feature) {
        Set<String> urls = new LinkedHashSet<>();
        collect(feature, urls, new LinkedHashSet<>());
        List<BundleRef> out = new ArrayList<>();
        for (String u : urls) {
            out.add(new BundleRef(u));
        }
        return out;
    }

    private void collect(String name, Set<String> urls, Set<String> visiting) {
        Element f = features.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no feature named " + name);
        }
        if (!visiting.add(name)) {
            return;
        }
        for (Node n = f.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element)) {
                continue;
            }
            Element e = (Element) n;
            if ("feature".equals(e.getLocalName())) {
                collect(e.getTextContent().trim(), urls, visiting);
            } else if ("bundle".equals(e.getLocalName())) {
                urls.add(e.getTextContent().trim());
            }
        }
    }
}
