package io.siprtc.sip.jainsip.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust store's own trust manager, with failures that say which certificate was refused,
 * who issued it and against which trust store it was checked: the SSLHandshakeException (and so
 * the transport error the gateway sees) carries this message instead of a bare "PKIX path
 * building failed". Host name checks ({@code HTTPS} endpoint identification, set on the socket)
 * stay the delegate's.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final String trustStore;

    /**
     * @param trustStore how to name the trust store in messages (its path, or "the JVM's default trust anchors")
     */
    ExplainingTrustManager(X509ExtendedTrustManager delegate, String trustStore) {
        this.delegate = delegate;
        this.trustStore = trustStore;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw explained("server", chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw explained("server", chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw explained("server", chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw explained("client", chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw explained("client", chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw explained("client", chain, e);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private CertificateException explained(String side, X509Certificate[] chain, CertificateException e) {
        String which = chain == null || chain.length == 0 ? "no certificate"
                : "'" + chain[0].getSubjectX500Principal().getName() + "' issued by '"
                        + chain[0].getIssuerX500Principal().getName() + "'";
        return new CertificateException("TLS " + side + " certificate " + which + " not accepted (checked against "
                + trustStore + "): " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
