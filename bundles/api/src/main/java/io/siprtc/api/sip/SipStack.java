package io.siprtc.api.sip;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A SIP stack, registered as an OSGi service by a stack bundle. The gateway opens one
 * {@link SipEndpoint} per account on it. Service property {@link #NAME} names the stack.
 */
@ProviderType
public interface SipStack {

    /** Service property: the stack's name, e.g. {@code jain-sip}. */
    String NAME = "siprtc.sip.stack";

    /**
     * Listens on the configured address and transports and hands incoming requests to the handler.
     *
     * @throws SipException when the address cannot be bound (the message names it)
     */
    SipEndpoint open(SipEndpointConfig config, SipRequestHandler handler) throws SipException;
}
