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

    @AttributeDefinition(name = "Domain",
            description = "Host part of the address of record and the registrar (host or host:port); "
                    + "for peer-to-peer use, the listening address")
    String domain() default "127.0.0.1";

    @AttributeDefinition(name = "Display name")
    String display_name() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Digest password (property .password: private, never a service property, never logged)")
    String _password() default "";

    @AttributeDefinition(name = "Authentication user", required = false,
            description = "User name for digest authentication; empty uses the user")
    String auth_user() default "";

    @AttributeDefinition(name = "Outbound proxy", required = false,
            description = "Where requests outside a dialog go (host, host:port or SIP URI); empty sends them to the registrar")
    String outbound_proxy() default "";

    @AttributeDefinition(name = "Register", description = "Keep a binding at the registrar (the domain). "
            + "A peer-to-peer account (domain = listening address, no outbound proxy) never registers.")
    boolean register() default true;

    @AttributeDefinition(name = "Registration expiry (s)", min = "1",
            description = "Expiry asked for in REGISTER; the registrar's granted value is honoured")
    int expires() default 600;

    @AttributeDefinition(name = "Keep-alive interval (s)", min = "0",
            description = "OPTIONS to the outbound proxy or registrar while registered; 0 turns it off")
    int keep_alive_interval() default 0;

    @AttributeDefinition(name = "Listening address", description = "Local address SIP listens on")
    String listen_address() default "127.0.0.1";

    @AttributeDefinition(name = "Listening port", description = "0 picks a free port")
    int listen_port() default 0;

    @AttributeDefinition(name = "Transport",
            description = "udp or tcp: towards the registrar and outbound proxy (the account listens on both)")
    String transport() default "udp";

    @AttributeDefinition(name = "Media address",
            description = "The one address media is offered on; empty offers every interface")
    String media_address() default "127.0.0.1";

    @AttributeDefinition(name = "SDP profile",
            description = "What the SIP peers of this account do: auto (detected from their SDP; offers are webrtc ones), "
                    + "webrtc (ICE + DTLS-SRTP, BUNDLE, rtcp-mux), sip-dtls (DTLS-SRTP without BUNDLE or rtcp-mux), "
                    + "rtp (plain RTP/AVP: needs a media relay or a plain-RTP media engine)",
            options = {
                @org.osgi.service.metatype.annotations.Option(label = "auto", value = "auto"),
                @org.osgi.service.metatype.annotations.Option(label = "webrtc", value = "webrtc"),
                @org.osgi.service.metatype.annotations.Option(label = "sip-dtls", value = "sip-dtls"),
                @org.osgi.service.metatype.annotations.Option(label = "rtp", value = "rtp")})
    String sdp_profile() default "auto";

    @AttributeDefinition(name = "Codec policy", required = false,
            description = "Codecs instead of SDP munging, e.g. codecs=opus,PCMU;ptime=20;telephone-event=on;"
                    + "h264-profile-level-id=42e01f;h264-packetization-mode=1 (empty: the engine's choice)")
    String codec_policy() default "";

    @AttributeDefinition(name = "Answer automatically", description = "Answer incoming calls without a user")
    boolean auto_answer() default false;

    @AttributeDefinition(name = "Tone (Hz)", description = "Synthetic tone sent while no audio device is used; 0 for silence")
    double tone_hz() default 440;
}
