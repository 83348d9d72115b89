package io.siprtc.api.sip;

import org.osgi.annotation.versioning.ProviderType;

/** A received request waiting for our responses (RFC 3261 section 17.2). */
@ProviderType
public interface ServerTransaction {

    SipRequest request();

    /** The transport the request came over. */
    SipTransport transport();

    /** The source address of the request, {@code host:port}. */
    String source();

    /** Sends a provisional or final response; a final one ends the transaction. */
    void respond(SipResponse response) throws SipException;
}
