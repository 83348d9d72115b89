package io.siprtc.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority for TLS tests, made with {@code openssl} (Debian's {@code openssl}
 * package) in a directory of the test: EC P-256 keys, valid two days. It issues certificates
 * for 127.0.0.1 (IP subjectAltName) as PEM files (for Kamailio) and PKCS12 key stores (for our
 * endpoints), and writes a PKCS12 trust store holding the CA's certificate.
 */
final class TestCa {

    static final String STORE_PASSWORD = "siprtc-test-store";

    private final Path dir;
    private final String name;
    private final String openssl;

    /** A certificate issued by this CA: PEM certificate and key, and both in a PKCS12 key store. */
    record Issued(Path certificate, Path key, Path keyStore) {
    }

    private TestCa(Path dir, String name, String openssl) {
        this.dir = dir;
        this.name = name;
        this.openssl = openssl;
    }

    /** Makes a CA named {@code name} in {@code dir/name}. */
    static TestCa create(Path parent, String name) throws IOException, InterruptedException {
        String openssl = ServerProcess.binary("openssl is not installed: the TLS tests need Debian's 'openssl' package "
                + "(.ci/deps.sh build installs it)", "/usr/bin/openssl", "/usr/local/bin/openssl");
        Path dir = parent.resolve(name);
        Files.createDirectories(dir);
        TestCa ca = new TestCa(dir, name, openssl);
        ca.run("ecparam", "-name", "prime256v1", "-out", dir.resolve("ec.pem").toString());
        ca.run("req", "-x509", "-newkey", "ec:" + dir.resolve("ec.pem"), "-nodes", "-keyout", ca.caKey().toString(),
                "-out", ca.certificate().toString(), "-days", "2", "-subj", "/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    /** The CA's certificate (PEM). */
    Path certificate() {
        return dir.resolve("ca.crt");
    }

    private Path caKey() {
        return dir.resolve("ca.key");
    }

    /** A certificate for {@code cn} with subjectAltName IP:127.0.0.1, for servers and clients. */
    Issued issue(String cn) throws IOException, InterruptedException {
        Path key = dir.resolve(cn + ".key");
        Path csr = dir.resolve(cn + ".csr");
        Path crt = dir.resolve(cn + ".crt");
        Path ext = dir.resolve(cn + ".ext");
        Path p12 = dir.resolve(cn + ".p12");
        run("req", "-newkey", "ec:" + dir.resolve("ec.pem"), "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=" + cn);
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n"
                + "keyUsage=digitalSignature\n", StandardCharsets.US_ASCII);
        run("x509", "-req", "-in", csr.toString(), "-CA", certificate().toString(), "-CAkey", caKey().toString(),
                "-CAcreateserial", "-out", crt.toString(), "-days", "2", "-extfile", ext.toString());
        run("pkcs12", "-export", "-in", crt.toString(), "-inkey", key.toString(), "-certfile", certificate().toString(),
                "-name", cn, "-out", p12.toString(), "-passout", "pass:" + STORE_PASSWORD);
        return new Issued(crt, key, p12);
    }

    /** A PKCS12 trust store (password {@link #STORE_PASSWORD}) holding this CA's certificate. */
    Path trustStore() throws Exception {
        Path file = dir.resolve("trust.p12");
        if (Files.exists(file)) {
            return file;
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(certificate())) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            ks.setCertificateEntry(name, ca);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(openssl);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed:\n" + out);
        }
    }
}
