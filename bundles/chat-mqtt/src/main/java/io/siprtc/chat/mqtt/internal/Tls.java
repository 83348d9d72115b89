package io.siprtc.chat.mqtt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The socket factory: for ssl:// brokers TLS with the configured trust store, or the JVM's default trust. */
final class Tls {

    private Tls() {
    }

    /** The socket factory for the broker URI: plain for tcp://, TLS for ssl://; both without Nagle's delay. */
    static SocketFactory socketFactory(Settings s) throws GeneralSecurityException, IOException {
        if (!s.tls()) {
            return NoDelaySockets.plain();
        }
        if (s.trustStore == null) {
            return NoDelaySockets.tls(SSLContext.getDefault().getSocketFactory());
        }
        if (!Files.isReadable(s.trustStore)) {
            throw new IOException("TLS trust store " + s.trustStore + " cannot be read");
        }
        KeyStore ks = KeyStore.getInstance(s.trustStoreType);
        try (InputStream in = Files.newInputStream(s.trustStore)) {
            ks.load(in, s.trustStorePassword.toCharArray());
        } catch (IOException e) {
            throw new IOException("TLS trust store " + s.trustStore + " cannot be loaded (wrong type or password?): "
                    + e.getMessage(), e);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return NoDelaySockets.tls(ctx.getSocketFactory());
    }
}
