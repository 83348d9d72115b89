package io.siprtc.chat.broker.internal;

import java.nio.file.Path;

/** The embedded broker's settings, checked. */
final class BrokerSettings {

    static final String HOST = "127.0.0.1";

    final int port;
    final Path dataDir;
    final boolean persistence;
    final Path passwordFile;
    final String topicRoot;
    final int maxMessageBytes;

    BrokerSettings(int port, Path dataDir, boolean persistence, Path passwordFile, String topicRoot, int maxMessageBytes) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
        }
        if (topicRoot == null || topicRoot.isEmpty() || topicRoot.startsWith("/") || topicRoot.endsWith("/")
                || topicRoot.contains("+") || topicRoot.contains("#") || topicRoot.startsWith("$")) {
            throw new IllegalArgumentException("topic root '" + topicRoot + "' must be a plain topic");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("largest message must be at least 1024 bytes, got " + maxMessageBytes);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("no data directory");
        }
        this.port = port;
        this.dataDir = dataDir;
        this.persistence = persistence;
        this.passwordFile = passwordFile;
        this.topicRoot = topicRoot;
        this.maxMessageBytes = maxMessageBytes;
    }

    String uri() {
        return "tcp://" + HOST + ":" + port;
    }
}
