package io.siprtc.sip.jainsip.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PKCS12 key stores for TLS tests, made by the JDK's {@code keytool}: a self-signed EC
 * certificate with a given subjectAltName, and trust stores holding such certificates.
 */
final class TestKeyStores {

    static final String PASSWORD = "test-store-pw";

    private TestKeyStores() {
    }

    /** A key store with one key pair whose self-signed certificate has this CN and subjectAltName (e.g. ip:127.0.0.1). */
    static Path keyPair(Path dir, String name, String san) throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=" + san, "-validity", "2", "-keystore", file.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        return file;
    }

    /** A trust store holding the certificates of these key stores. */
    static Path trusting(Path dir, String name, Path... keyStores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (Path k : keyStores) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(k)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            String alias = ks.aliases().nextElement();
            Certificate cert = ks.getCertificate(alias);
            trust.setCertificateEntry(alias, cert);
        }
        Path file = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}
