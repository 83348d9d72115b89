package io.siprtc.chat.broker.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Properties;
import java.util.logging.Logger;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;

/** Moquette started with the chat's settings: 127.0.0.1 only, user name required, the chat ACL, no telemetry. */
final class MoquetteBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MoquetteBroker.class.getName());

    private final BrokerSettings settings;
    private final Server server = new Server();

    MoquetteBroker(BrokerSettings settings) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.dataDir);
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, BrokerSettings.HOST);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(settings.port));
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, Boolean.toString(settings.persistence));
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, settings.dataDir.toString());
        p.setProperty(IConfig.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "segmented");
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(settings.maxMessageBytes));
        p.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME, "immediate");
        p.setProperty("netty.tcp_nodelay", "true");
        IAuthenticator authenticator = null;
        if (settings.passwordFile != null) {
            if (!Files.isReadable(settings.passwordFile)) {
                throw new IOException("password file " + settings.passwordFile + " cannot be read");
            }
            p.setProperty(IConfig.PASSWORD_FILE_PROPERTY_NAME, settings.passwordFile.toString());
        } else {
            authenticator = new OpenAuthenticator();
        }
        IConfig config = new MemoryConfig(p);
        try {
            server.startServer(config, Collections.emptyList(), null, authenticator, new SiprtcAcl(settings.topicRoot));
        } catch (RuntimeException e) {
            safeStop();
            throw new IOException("the embedded MQTT broker did not start on " + settings.uri() + ": " + e.getMessage(), e);
        }
        LOG.info(() -> "embedded MQTT broker on " + settings.uri() + (settings.passwordFile == null
                ? " (any user name, no password: local processes only)" : " (password file " + settings.passwordFile + ")"));
    }

    String uri() {
        return settings.uri();
    }

    private void safeStop() {
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            LOG.fine(() -> "stopping a half-started broker: " + e);
        }
    }

    @Override
    public void close() {
        safeStop();
        LOG.info(() -> "embedded MQTT broker on " + settings.uri() + " stopped");
    }
}
