package io.siprtc.sdp.convert;

import io.siprtc.sdp.SessionDescription;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One rewrite of a session description, applied in place by an {@link SdpConverter} to its own
 * copy. Implementations say in their Javadoc which RFC or peer behaviour they serve, and must be
 * stateless (one instance serves concurrent conversions).
 */
@ConsumerType
public interface SdpRule {

    /** A short name for logs, e.g. {@code no-trickle}. */
    String name();

    /** Rewrites {@code sdp} in place. */
    void apply(SessionDescription sdp, ConversionContext ctx);
}
