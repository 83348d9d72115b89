package io.siprtc.api.sip;

import org.osgi.annotation.versioning.ProviderType;

/** A request on its way and its responses (RFC 3261 section 17.1). */
@ProviderType
public interface ClientTransaction {

    SipRequest request();

    /**
     * Cancels an INVITE (RFC 3261 section 9): sends CANCEL once a provisional response arrived,
     * or as soon as one does. The INVITE then ends with 487 through its handler.
     */
    void cancel() throws SipException;
}
