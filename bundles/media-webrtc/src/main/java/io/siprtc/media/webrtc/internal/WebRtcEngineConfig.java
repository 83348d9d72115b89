package io.siprtc.media.webrtc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "SIPRTC media engine (webrtc-java)",
        description = "Audio over WebRTC (ICE, DTLS-SRTP, Opus) with libwebrtc through webrtc-java.")
@interface WebRtcEngineConfig {

    @AttributeDefinition(name = "Lowest media port", description = "0 lets the system choose (set both or neither). "
            + "Applies to the UDP/TCP host sockets; libwebrtc takes the TURN client socket outside it.")
    int port_min() default 0;

    @AttributeDefinition(name = "Highest media port", description = "0 lets the system choose (set both or neither)")
    int port_max() default 0;

    @AttributeDefinition(name = "Candidate wait (ms)",
            description = "Longest wait for ICE candidates before an offer or answer is sent anyway "
                    + "(relay-only: the longest wait for the TURN relay candidate)")
    long gather_timeout_ms() default 1000;

    @AttributeDefinition(name = "ICE over TCP", description = "Also gather TCP candidates")
    boolean ice_tcp() default false;

    @AttributeDefinition(name = "STUN and TURN servers", required = false,
            description = "ICE server URIs (property ice.servers), e.g. stun:stun.example.org:3478, "
                    + "turn:turn.example.org:3478?transport=udp, turn:turn.example.org:3478?transport=tcp; "
                    + "TURN URIs use the TURN user name and password below")
    String[] ice_servers() default {};

    @AttributeDefinition(name = "TURN user name", required = false,
            description = "Long-term credential user name for every TURN URI (property ice.username)")
    String ice_username() default "";

    @AttributeDefinition(name = "TURN password", type = AttributeType.PASSWORD, required = false,
            description = "Long-term credential password for every TURN URI (property .ice.credential: private, "
                    + "never a service property, never logged)")
    String _ice_credential() default "";

    @AttributeDefinition(name = "Relay only",
            description = "Gather and use only TURN relay candidates (ICE transport policy 'relay'): "
                    + "needs a TURN URI; hides every local address from the far end")
    boolean ice_relay_only() default false;

    @AttributeDefinition(name = "Server-reflexive wait (ms)", min = "0",
            description = "With STUN/TURN servers and one media address: how much longer than the host "
                    + "candidates an offer or answer waits for a server-reflexive (or relay) candidate")
    long srflx_wait_ms() default 300;

    @AttributeDefinition(name = "Audio devices",
            description = "Let sessions capture from and play out on audio devices (property audio.devices). "
                    + "Off (headless, the default): the engine never touches the audio system, lists no device "
                    + "and refuses device sources and playout devices")
    boolean audio_devices() default false;
}
