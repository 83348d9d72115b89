package io.siprtc.chat.broker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The embedded broker (PID {@code io.siprtc.chat.broker}); without this configuration it does not run. */
@ObjectClassDefinition(name = "SIPRTC embedded MQTT broker",
        description = "An MQTT 5 broker (Moquette) inside the host, on 127.0.0.1 only, for hosts without a broker "
                + "of their own; see bundles/chat-mqtt/README.md")
@interface BrokerConfig {

    @AttributeDefinition(name = "Enabled", description = "false keeps the broker stopped although configured")
    boolean enabled() default true;

    @AttributeDefinition(name = "Port", description = "TCP port on 127.0.0.1 (the broker never listens elsewhere)")
    int port() default 1883;

    @AttributeDefinition(name = "Data directory", description = "Sessions, queued messages and retained messages; "
            + "empty: the bundle's data area", required = false)
    String data_directory() default "";

    @AttributeDefinition(name = "Persistence", description = "Keep sessions and queued messages across restarts")
    boolean persistence() default true;

    @AttributeDefinition(name = "Password file", description = "Lines user:sha256-hex-of-password; empty: any user "
            + "name is accepted without a password (only local processes can connect)", required = false)
    String password_file() default "";

    @AttributeDefinition(name = "Topic root", description = "The chat topic layout's root; the ACL lets each user read "
            + "only its own inbox below it")
    String topic_root() default "siprtc";

    @AttributeDefinition(name = "Largest message (bytes)")
    int max_message_bytes() default 262144;
}
