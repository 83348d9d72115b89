package io.siprtc.media.webrtc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "SIPRTC media engine (webrtc-java)",
        description = "Audio over WebRTC (ICE, DTLS-SRTP, Opus) with libwebrtc through webrtc-java.")
@interface WebRtcEngineConfig {

    @AttributeDefinition(name = "Lowest media port", description = "0 lets the system choose")
    int port_min() default 0;

    @AttributeDefinition(name = "Highest media port", description = "0 lets the system choose")
    int port_max() default 0;

    @AttributeDefinition(name = "Candidate wait (ms)",
            description = "Longest wait for ICE candidates before an offer or answer is sent anyway")
    long gather_timeout_ms() default 1000;

    @AttributeDefinition(name = "ICE over TCP", description = "Also gather TCP candidates")
    boolean ice_tcp() default false;
}
