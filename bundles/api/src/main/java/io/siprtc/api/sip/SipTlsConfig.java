package io.siprtc.api.sip;

import java.util.Objects;

/**
 * TLS settings of an endpoint (SIP over TLS, RFC 3261 section 26.2): the trust store that checks
 * the server's certificate, our own certificate (a key store, optional: needed only to accept TLS
 * connections and for servers that ask for a client certificate) and whether the server's name
 * (DNS name or IP address in its subjectAltName) must match the host we connect to.
 * Immutable; the {@code with...} methods return changed copies. Passwords are never printed.
 */
public final class SipTlsConfig {

    /** The JVM's default trust anchors, no certificate of our own, host name verified. */
    public static final SipTlsConfig DEFAULT = new SipTlsConfig("", "", "PKCS12", "", "", "PKCS12", true);

    private final String trustStore;
    private final String trustStorePassword;
    private final String trustStoreType;
    private final String keyStore;
    private final String keyStorePassword;
    private final String keyStoreType;
    private final boolean verifyHostname;

    private SipTlsConfig(String trustStore, String trustStorePassword, String trustStoreType, String keyStore,
            String keyStorePassword, String keyStoreType, boolean verifyHostname) {
        this.trustStore = Objects.requireNonNull(trustStore, "trustStore").trim();
        this.trustStorePassword = Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        this.trustStoreType = type(trustStoreType);
        this.keyStore = Objects.requireNonNull(keyStore, "keyStore").trim();
        this.keyStorePassword = Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        this.keyStoreType = type(keyStoreType);
        this.verifyHostname = verifyHostname;
    }

    private static String type(String t) {
        return t == null || t.isBlank() ? "PKCS12" : t.trim();
    }

    /**
     * Certificates of this trust store (a file: PKCS12 unless {@link #withTrustStoreType}) check
     * the server's; an empty path uses the JVM's default trust anchors.
     */
    public SipTlsConfig withTrustStore(String path, String password) {
        return new SipTlsConfig(path, password == null ? "" : password, trustStoreType, keyStore, keyStorePassword,
                keyStoreType, verifyHostname);
    }

    /** {@code PKCS12} (the default), {@code JKS}, ... */
    public SipTlsConfig withTrustStoreType(String type) {
        return new SipTlsConfig(trustStore, trustStorePassword, type, keyStore, keyStorePassword, keyStoreType,
                verifyHostname);
    }

    /** Our certificate and private key (a PKCS12 file unless {@link #withKeyStoreType}); empty for none. */
    public SipTlsConfig withKeyStore(String path, String password) {
        return new SipTlsConfig(trustStore, trustStorePassword, trustStoreType, path, password == null ? "" : password,
                keyStoreType, verifyHostname);
    }

    public SipTlsConfig withKeyStoreType(String type) {
        return new SipTlsConfig(trustStore, trustStorePassword, trustStoreType, keyStore, keyStorePassword, type,
                verifyHostname);
    }

    /** Whether the server certificate must name the host connected to (true by default). */
    public SipTlsConfig withHostnameVerification(boolean verify) {
        return new SipTlsConfig(trustStore, trustStorePassword, trustStoreType, keyStore, keyStorePassword,
                keyStoreType, verify);
    }

    /** The trust store's path; empty for the JVM's default trust anchors. */
    public String trustStore() {
        return trustStore;
    }

    /** Never log it. */
    public String trustStorePassword() {
        return trustStorePassword;
    }

    public String trustStoreType() {
        return trustStoreType;
    }

    /** The key store's path; empty for none. */
    public String keyStore() {
        return keyStore;
    }

    /** Never log it. */
    public String keyStorePassword() {
        return keyStorePassword;
    }

    public String keyStoreType() {
        return keyStoreType;
    }

    public boolean verifyHostname() {
        return verifyHostname;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipTlsConfig t && t.trustStore.equals(trustStore) && t.trustStorePassword.equals(trustStorePassword)
                && t.trustStoreType.equals(trustStoreType) && t.keyStore.equals(keyStore)
                && t.keyStorePassword.equals(keyStorePassword) && t.keyStoreType.equals(keyStoreType)
                && t.verifyHostname == verifyHostname;
    }

    @Override
    public int hashCode() {
        return Objects.hash(trustStore, trustStoreType, keyStore, keyStoreType, verifyHostname);
    }

    /** Paths and types only: never the passwords. */
    @Override
    public String toString() {
        return "SipTlsConfig[trust " + (trustStore.isEmpty() ? "JVM default" : trustStore + " (" + trustStoreType + ")")
                + ", key " + (keyStore.isEmpty() ? "none" : keyStore + " (" + keyStoreType + ")")
                + ", host name " + (verifyHostname ? "verified" : "not verified") + "]";
    }
}
