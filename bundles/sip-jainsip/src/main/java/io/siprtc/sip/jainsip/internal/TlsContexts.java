package io.siprtc.sip.jainsip.internal;

import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipTlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the {@link SSLContext} of one endpoint from its {@link SipTlsConfig}: its own trust
 * store and key store, never the JVM-wide {@code javax.net.ssl.*} system properties. Errors name
 * the file and the problem, never a password.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    static SSLContext create(SipTlsConfig tls) throws SipException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            String trustName;
            if (tls.trustStore().isEmpty()) {
                tmf.init((KeyStore) null);
                trustName = "the JVM's default trust anchors";
            } else {
                tmf.init(load("trust store", tls.trustStore(), tls.trustStoreType(), tls.trustStorePassword()));
                trustName = "trust store " + tls.trustStore();
            }
            X509ExtendedTrustManager trust = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    trust = x;
                }
            }
            if (trust == null) {
                throw new SipException("No X.509 trust manager for " + trustName);
            }
            KeyManager[] keys = null;
            if (!tls.keyStore().isEmpty()) {
                KeyStore ks = load("key store", tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword());
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                try {
                    kmf.init(ks, tls.keyStorePassword().toCharArray());
                } catch (GeneralSecurityException e) {
                    throw new SipException("Cannot read the private key in key store " + tls.keyStore() + ": " + e.getMessage(), e);
                }
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {new ExplainingTrustManager(trust, trustName)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SipException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String what, String path, String type, String password) throws SipException {
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new SipException("TLS " + what + " " + path + " is missing or unreadable");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password.toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password shows as an IOException ("keystore password was incorrect").
            throw new SipException("Cannot read TLS " + what + " " + path + " (" + type + "): " + e.getMessage(), e);
        }
    }
}
