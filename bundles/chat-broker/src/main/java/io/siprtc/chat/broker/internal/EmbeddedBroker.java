package io.siprtc.chat.broker.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The embedded MQTT broker as a component: it exists only while its configuration (PID
 * {@code io.siprtc.chat.broker}) exists and is enabled, so a host with a broker of its own
 * simply has no such configuration. A changed configuration restarts it.
 */
@Component(service = {}, immediate = true, configurationPid = EmbeddedBroker.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = BrokerConfig.class)
public class EmbeddedBroker {

    static final String PID = "io.siprtc.chat.broker";
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());

    private final MoquetteBroker broker;

    @Activate
    public EmbeddedBroker(BundleContext context, BrokerConfig config) throws IOException {
        if (!config.enabled()) {
            LOG.info("embedded MQTT broker configured but not enabled");
            broker = null;
            return;
        }
        BrokerSettings settings;
        try {
            settings = new BrokerSettings(config.port(), dataDirectory(context, config), config.persistence(),
                    blank(config.password_file()) ? null : Path.of(config.password_file().trim()), config.topic_root(),
                    config.max_message_bytes());
        } catch (IllegalArgumentException e) {
            LOG.severe(() -> "embedded MQTT broker not started: " + e.getMessage());
            throw e;
        }
        try {
            broker = new MoquetteBroker(settings);
        } catch (IOException e) {
            LOG.severe(() -> "embedded MQTT broker not started: " + e.getMessage());
            throw e;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Path dataDirectory(BundleContext context, BrokerConfig config) {
        if (!blank(config.data_directory())) {
            return Path.of(config.data_directory().trim());
        }
        File area = context.getDataFile("broker");
        if (area == null) {
            throw new IllegalArgumentException("no data directory configured and the framework gives this bundle no "
                    + "data area (set data.directory)");
        }
        return area.toPath();
    }

    @Deactivate
    void deactivate() {
        if (broker != null) {
            broker.close();
        }
    }
}
