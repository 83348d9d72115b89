package io.siprtc.chat.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One chat account on an MQTT 5 broker; a factory configuration per account (factory PID {@code io.siprtc.chat.mqtt}). */
@ObjectClassDefinition(name = "SIPRTC chat account (MQTT)",
        description = "A chat account of SIPRTC on an MQTT 5 broker; see bundles/chat-mqtt/README.md")
@interface ChatAccountConfig {

    @AttributeDefinition(name = "User", description = "The chat user name; also the MQTT user name the broker's ACL knows")
    String user();

    @AttributeDefinition(name = "Broker URI", description = "tcp://host:port, or ssl://host:port for TLS")
    String broker_uri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(name = "Client id", description = "MQTT client id, stable across restarts (the broker keeps the "
            + "session under it); empty: siprtc-<user>", required = false)
    String client_id() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String _password() default "";

    @AttributeDefinition(name = "TLS trust store", description = "A PKCS12 (or JKS) file with the CA certificates to trust "
            + "for ssl:// URIs; empty: the JVM's default trust", required = false)
    String trust_store() default "";

    @AttributeDefinition(name = "TLS trust store password", type = AttributeType.PASSWORD, required = false)
    String _trust_store_password() default "";

    @AttributeDefinition(name = "TLS trust store type", description = "PKCS12 or JKS")
    String trust_store_type() default "PKCS12";

    @AttributeDefinition(name = "Data directory", description = "Where the outbox, history and groups are kept (one "
            + "sub-directory per user); empty: the bundle's data area", required = false)
    String data_directory() default "";

    @AttributeDefinition(name = "Topic root", description = "First topic level(s) of the layout, e.g. siprtc")
    String topic_root() default "siprtc";

    @AttributeDefinition(name = "Keep-alive (s)")
    int keep_alive_seconds() default 30;

    @AttributeDefinition(name = "Connect timeout (s)")
    int connect_timeout_seconds() default 10;

    @AttributeDefinition(name = "Session expiry (s)", description = "How long the broker keeps the session and queues "
            + "messages while this client is away")
    long session_expiry_seconds() default 604800;

    @AttributeDefinition(name = "Reconnect minimum delay (ms)")
    long reconnect_min_millis() default 500;

    @AttributeDefinition(name = "Reconnect maximum delay (ms)")
    long reconnect_max_millis() default 30000;

    @AttributeDefinition(name = "Largest message (bytes)", description = "Larger payloads are refused when sending and "
            + "skipped (and logged) when received")
    int max_message_bytes() default 65536;

    @AttributeDefinition(name = "Messages in flight", description = "Unacknowledged publishes at a time")
    int max_inflight() default 16;

    @AttributeDefinition(name = "Sync writes", description = "Force outbox and history to the disk before a message "
            + "counts as queued or received (survives a power cut, not only a crash)")
    boolean sync_writes() default true;

    @AttributeDefinition(name = "Resend after (s)", description = "When a peer announces itself (comes online or "
            + "reconnects), messages to it still without a delivery receipt this long after are sent again (its client "
            + "drops duplicates); this recovers messages a broker lost in a crash")
    int resend_after_seconds() default 10;

    @AttributeDefinition(name = "Reorder wait (s)", description = "A message whose predecessor from the same sender "
            + "has not arrived waits this long for it (the sender resends it) before it is shown anyway")
    int reorder_wait_seconds() default 60;
}
