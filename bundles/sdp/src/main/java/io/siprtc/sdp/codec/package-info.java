/**
 * Codec choices stated as policy instead of SDP munging: which codecs, in which order, with
 * which packet time, telephone-event (RFC 4733) and H.264 profile and packetization mode
 * (RFC 6184). A {@link io.siprtc.sdp.codec.CodecPolicy} is a value; the conversion rule
 * {@code CodecPolicyRule} of {@code io.siprtc.sdp.convert} applies it to descriptions.
 */
@Version("1.0.0")
@Export
package io.siprtc.sdp.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
