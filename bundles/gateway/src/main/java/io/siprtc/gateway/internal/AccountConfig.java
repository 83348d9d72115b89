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

    @AttributeDefinition(name = "Keep-alive method",
            description = "options: an OPTIONS request every interval; crlf: an RFC 5626 double-CRLF ping (TCP/TLS: on the "
                    + "connection to the proxy, which it keeps open; UDP: a datagram, for NAT bindings)",
            options = {
                @org.osgi.service.metatype.annotations.Option(label = "OPTIONS request", value = "options"),
                @org.osgi.service.metatype.annotations.Option(label = "CRLF ping (RFC 5626)", value = "crlf")})
    String keep_alive_method() default "options";

    @AttributeDefinition(name = "DNS servers", required = false,
            description = "Name servers for locating SIP servers (RFC 3263 NAPTR, SRV, A/AAAA), e.g. 127.0.0.1:5353, "
                    + "192.0.2.53 (port 53 when absent); empty uses the system's")
    String dns_servers() default "";

    @AttributeDefinition(name = "Listening address", description = "Local address SIP listens on")
    String listen_address() default "127.0.0.1";

    @AttributeDefinition(name = "Listening port", description = "0 picks a free port")
    int listen_port() default 0;

    @AttributeDefinition(name = "Transport",
            description = "udp, tcp or tls: towards the registrar and outbound proxy (the account listens on UDP and TCP, "
                    + "and on TLS when it uses TLS)")
    String transport() default "udp";

    @AttributeDefinition(name = "TLS listening port", description = "With transport tls: the port TLS listens on "
            + "(TLS cannot share the UDP/TCP port); 0 picks a free one")
    int listen_tls_port() default 0;

    @AttributeDefinition(name = "TLS trust store", required = false,
            description = "PKCS12 file whose certificates check the server's (transport tls); empty uses the JVM's "
                    + "default trust anchors")
    String tls_truststore() default "";

    @AttributeDefinition(name = "TLS trust store password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the trust store (property .tls.truststore.password: private, never logged)")
    String _tls_truststore_password() default "";

    @AttributeDefinition(name = "TLS trust store type", description = "PKCS12 or JKS")
    String tls_truststore_type() default "PKCS12";

    @AttributeDefinition(name = "TLS key store", required = false,
            description = "PKCS12 file with our certificate and key: needed to accept TLS connections (a proxy "
                    + "delivering calls to our TLS Contact) and for servers that ask for a client certificate")
    String tls_keystore() default "";

    @AttributeDefinition(name = "TLS key store password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the key store and its key (property .tls.keystore.password: private, never logged)")
    String _tls_keystore_password() default "";

    @AttributeDefinition(name = "Verify the TLS host name",
            description = "The server certificate must name the host connected to (DNS name or IP address "
                    + "subjectAltName); turn off only for tests")
    boolean tls_verify_hostname() default true;

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
                    + "h264-profile-level-id=42e01f;h264-packetization-mode=1 (empty: the engine's choice). The default "
                    + "asks the far end for 10 ms packets (ptime=10; we send what the far end asks for): our first audio "
                    + "comes about 16 ms sooner, for about 20 kbit/s more packet headers; ptime=20 on slow links")
    String codec_policy() default "ptime=10";

    @AttributeDefinition(name = "Answer automatically", description = "Answer incoming calls without a user")
    boolean auto_answer() default false;

    @AttributeDefinition(name = "Prepare media", description = "Keep a media session with its offer made and one "
            + "for the next incoming call ready, so that a call does not wait for them (about 10 ms less set-up "
            + "time); costs two idle peer connections and their ports per account")
    boolean prepare_media() default true;

    @AttributeDefinition(name = "Early media", description = "Answer incoming calls' SDP at once with 183 Session "
            + "Progress, so media flows while the call rings (announcements, ringback); 200 OK when answered")
    boolean early_media() default false;

    @AttributeDefinition(name = "Session-Expires (s)", min = "0", description = "Session timer (RFC 4028) this account asks "
            + "for and grants: the call is refreshed by UPDATE or re-INVITE at half of it; 0 asks for none (the far "
            + "end's are still honoured)")
    int session_expires() default 1800;

    @AttributeDefinition(name = "Min-SE (s)", min = "90", description = "Smallest session interval accepted: "
            + "a request asking for less gets 422 (RFC 4028 section 8.1)")
    int min_se() default 90;

    @AttributeDefinition(name = "Tone (Hz)", description = "Synthetic tone sent while no audio device is used; 0 for silence")
    double tone_hz() default 440;

    @AttributeDefinition(name = "Video", required = false,
            description = "Video beside the audio: empty or none (audio only), receive (video received, none sent), "
                    + "pattern (a synthetic picture: pattern,color=RRGGBB,size=320x240,fps=15) or camera "
                    + "(camera,device=<name or id>,size=640x480,fps=30); codecs follow the codec policy, e.g. "
                    + "codecs=opus,VP8 or codecs=opus,H264")
    String video() default "";
}
