package io.siprtc.chat.mqtt.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One chat account, made from a factory configuration (factory PID {@code io.siprtc.chat.mqtt}):
 * its {@link ChatClient} connects on activation and says goodbye on deactivation. A changed
 * configuration restarts it. Immediate: an account is online (receives, shows presence) as soon
 * as it is configured, whether or not anything uses the chat service yet.
 */
@Component(service = MqttChatAccount.class, immediate = true, configurationPid = MqttChatAccount.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ChatAccountConfig.class, factory = true)
public class MqttChatAccount {

    static final String PID = "io.siprtc.chat.mqtt";
    private static final Logger LOG = Logger.getLogger(MqttChatAccount.class.getName());

    private final ChatClient client;

    @Activate
    public MqttChatAccount(BundleContext context, ChatAccountConfig config, @Reference ChatEventBus events)
            throws IOException {
        Settings settings;
        try {
            settings = Settings.of(config, dataDirectory(context, config));
        } catch (IllegalArgumentException e) {
            LOG.severe(() -> "chat account '" + config.user() + "' not started: " + e.getMessage());
            throw e;
        }
        try {
            client = new ChatClient(settings, events);
        } catch (IOException e) {
            LOG.severe(() -> "chat account '" + config.user() + "' not started: " + e.getMessage());
            throw e;
        }
        client.start();
    }

    private static Path dataDirectory(BundleContext context, ChatAccountConfig config) {
        String dir = config.data_directory();
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir.trim());
        }
        File area = context.getDataFile("chat");
        if (area == null) {
            throw new IllegalArgumentException("no data directory configured and the framework gives this bundle "
                    + "no data area (set data.directory)");
        }
        return area.toPath();
    }

    ChatClient client() {
        return client;
    }

    @Deactivate
    void deactivate() {
        client.close();
    }
}
