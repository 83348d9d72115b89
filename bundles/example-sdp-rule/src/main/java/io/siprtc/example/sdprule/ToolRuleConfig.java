package io.siprtc.example.sdprule;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the example rule (PID {@code io.siprtc.example.sdprule}). */
@ObjectClassDefinition(name = "SIPRTC example SDP rule",
        description = "Names the tool in every description sent to SIP peers and strips attributes they reject")
@interface ToolRuleConfig {

    @AttributeDefinition(name = "Tool", description = "Value of a=tool (RFC 8866 section 6.3); empty adds none")
    String tool() default "SIPRTC";

    @AttributeDefinition(name = "Strip", required = false,
            description = "Attribute names to remove from every description sent to SIP peers, e.g. rtcp-rsize")
    String[] strip() default {};

    @AttributeDefinition(name = "Service ranking", description = "Order among SDP rules: highest runs first")
    int service_ranking() default 0;

    @AttributeDefinition(name = "Profiles", required = false,
            description = "Peer profiles the rule applies to (webrtc, sip-dtls, rtp); empty for all")
    String[] siprtc_sdp_profiles() default {};
}
