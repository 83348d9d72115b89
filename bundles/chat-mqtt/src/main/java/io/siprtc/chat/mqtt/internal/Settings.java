package io.siprtc.chat.mqtt.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/** One account's settings, checked; built from {@link ChatAccountConfig} or by tests. Never prints passwords. */
final class Settings {

    final String user;
    final String brokerUri;
    final String clientId;
    final String password;
    final Path trustStore;
    final String trustStorePassword;
    final String trustStoreType;
    final Path dataDir;
    final String topicRoot;
    final int keepAliveSeconds;
    final int connectTimeoutSeconds;
    final long sessionExpirySeconds;
    final long reconnectMinMillis;
    final long reconnectMaxMillis;
    final int maxMessageBytes;
    final int maxInflight;
    final boolean syncWrites;
    final long resendAfterMillis;
    final long reorderWaitMillis;

    private Settings(Builder b) {
        user = Names.requireName("user", b.user);
        brokerUri = checkUri(b.brokerUri);
        clientId = b.clientId == null || b.clientId.isBlank() ? "siprtc-" + user : b.clientId;
        if (clientId.length() > 128) {
            throw new IllegalArgumentException("client id longer than 128 characters");
        }
        password = b.password == null ? "" : b.password;
        trustStore = b.trustStore;
        trustStorePassword = b.trustStorePassword == null ? "" : b.trustStorePassword;
        trustStoreType = b.trustStoreType == null || b.trustStoreType.isBlank() ? "PKCS12" : b.trustStoreType;
        if (b.dataDir == null) {
            throw new IllegalArgumentException("no data directory");
        }
        dataDir = b.dataDir;
        topicRoot = new Topics(b.topicRoot).root();
        keepAliveSeconds = positive("keep-alive", b.keepAliveSeconds);
        connectTimeoutSeconds = positive("connect timeout", b.connectTimeoutSeconds);
        sessionExpirySeconds = positive("session expiry", b.sessionExpirySeconds);
        reconnectMinMillis = positive("reconnect minimum delay", b.reconnectMinMillis);
        reconnectMaxMillis = positive("reconnect maximum delay", b.reconnectMaxMillis);
        if (reconnectMaxMillis < reconnectMinMillis) {
            throw new IllegalArgumentException("reconnect maximum delay is below the minimum");
        }
        if (b.maxMessageBytes < 512 || b.maxMessageBytes > 256 * 1024 * 1024) {
            throw new IllegalArgumentException("largest message must be 512 bytes to 256 MiB, got " + b.maxMessageBytes);
        }
        maxMessageBytes = b.maxMessageBytes;
        maxInflight = (int) positive("messages in flight", b.maxInflight);
        syncWrites = b.syncWrites;
        resendAfterMillis = positive("resend after", b.resendAfterMillis);
        reorderWaitMillis = positive("reorder wait", b.reorderWaitMillis);
    }

    private static long positive(String what, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
        return v;
    }

    private static int positive(String what, int v) {
        return (int) positive(what, (long) v);
    }

    private static String checkUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("no broker URI");
        }
        try {
            URI u = new URI(uri.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
                throw new IllegalArgumentException("broker URI '" + uri + "' must start with tcp:// or ssl://");
            }
            if (u.getHost() == null || u.getPort() < 1) {
                throw new IllegalArgumentException("broker URI '" + uri + "' needs a host and a port");
            }
            return u.toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URI '" + uri + "' is malformed: " + e.getReason());
        }
    }

    boolean tls() {
        return brokerUri.regionMatches(true, 0, "ssl:", 0, 4);
    }

    /** This account's own directory below the data directory. */
    Path accountDir() {
        return dataDir.resolve(user);
    }

    @Override
    public String toString() {
        return user + " at " + brokerUri + " as client " + clientId;
    }

    static Builder builder(String user, String brokerUri, Path dataDir) {
        Builder b = new Builder();
        b.user = user;
        b.brokerUri = brokerUri;
        b.dataDir = dataDir;
        return b;
    }

    static Settings of(ChatAccountConfig c, Path dataDir) {
        Builder b = builder(c.user(), c.broker_uri(), dataDir);
        b.clientId = c.client_id();
        b.password = c._password();
        b.trustStore = c.trust_store() == null || c.trust_store().isBlank() ? null : Path.of(c.trust_store().trim());
        b.trustStorePassword = c._trust_store_password();
        b.trustStoreType = c.trust_store_type();
        b.topicRoot = c.topic_root();
        b.keepAliveSeconds = c.keep_alive_seconds();
        b.connectTimeoutSeconds = c.connect_timeout_seconds();
        b.sessionExpirySeconds = c.session_expiry_seconds();
        b.reconnectMinMillis = c.reconnect_min_millis();
        b.reconnectMaxMillis = c.reconnect_max_millis();
        b.maxMessageBytes = c.max_message_bytes();
        b.maxInflight = c.max_inflight();
        b.syncWrites = c.sync_writes();
        b.resendAfterMillis = c.resend_after_seconds() * 1000L;
        b.reorderWaitMillis = c.reorder_wait_seconds() * 1000L;
        return b.build();
    }

    /** Defaults as in {@link ChatAccountConfig}. */
    static final class Builder {
        String user;
        String brokerUri;
        String clientId = "";
        String password = "";
        Path trustStore;
        String trustStorePassword = "";
        String trustStoreType = "PKCS12";
        Path dataDir;
        String topicRoot = "siprtc";
        int keepAliveSeconds = 30;
        int connectTimeoutSeconds = 10;
        long sessionExpirySeconds = 604800;
        long reconnectMinMillis = 500;
        long reconnectMaxMillis = 30000;
        int maxMessageBytes = 65536;
        int maxInflight = 16;
        boolean syncWrites = true;
        long resendAfterMillis = 10000;
        long reorderWaitMillis = 60000;

        Builder password(String p) {
            password = p;
            return this;
        }

        Builder clientId(String id) {
            clientId = id;
            return this;
        }

        Builder trustStore(Path file, String pass) {
            trustStore = file;
            trustStorePassword = pass;
            return this;
        }

        Builder reconnect(long minMillis, long maxMillis) {
            reconnectMinMillis = minMillis;
            reconnectMaxMillis = maxMillis;
            return this;
        }

        Builder keepAlive(int seconds) {
            keepAliveSeconds = seconds;
            return this;
        }

        Builder connectTimeout(int seconds) {
            connectTimeoutSeconds = seconds;
            return this;
        }

        Builder maxMessageBytes(int bytes) {
            maxMessageBytes = bytes;
            return this;
        }

        Builder syncWrites(boolean sync) {
            syncWrites = sync;
            return this;
        }

        Builder resendAfter(long millis) {
            resendAfterMillis = millis;
            return this;
        }

        Builder reorderWait(long millis) {
            reorderWaitMillis = millis;
            return this;
        }

        Builder topicRoot(String root) {
            topicRoot = root;
            return this;
        }

        Settings build() {
            return new Settings(this);
        }
    }
}
