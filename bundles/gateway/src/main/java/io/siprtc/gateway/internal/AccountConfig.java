package io.siprtc.gateway.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One SIP account; a factory configuration per account (factory PID {@code io.siprtc.account}). */
@ObjectClassDefinition(name = "SIPRTC account", description = "A SIP account of the SIPRTC local gateway")
@interface AccountConfig {

    @AttributeDefinition(name = "Account id", description = "Unique name, e.g. alice")
    String id();

    @AttributeDefinition(name = "User", description = "User part of the address of record")
    String user();

    @AttributeDefinition(name = "Domain", description = "Host part of the address of record; for peer-to-peer use, the listening address")
    String domain() default "127.0.0.1";

    @AttributeDefinition(name = "Display name")
    String display_name() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String _password() default "";

    @AttributeDefinition(name = "Listening address", description = "Local address SIP listens on")
    String listen_address() default "127.0.0.1";

    @AttributeDefinition(name = "Listening port", description = "0 picks a free port")
    int listen_port() default 0;

    @AttributeDefinition(name = "Transport", description = "udp or tcp (both are opened)")
    String transport() default "udp";

    @AttributeDefinition(name = "Media address",
            description = "The one address media is offered on; empty offers every interface")
    String media_address() default "127.0.0.1";

    @AttributeDefinition(name = "Answer automatically", description = "Answer incoming calls without a user")
    boolean auto_answer() default false;

    @AttributeDefinition(name = "Tone (Hz)", description = "Synthetic tone sent while no audio device is used; 0 for silence")
    double tone_hz() default 440;
}
