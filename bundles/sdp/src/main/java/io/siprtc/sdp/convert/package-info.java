/**
 * Rewrites of session descriptions between peers, for now WebRTC (libwebrtc) to plain SIP.
 *
 * <p>An {@link io.siprtc.sdp.convert.SdpConverter} applies an ordered list of
 * {@link io.siprtc.sdp.convert.SdpRule}s to a copy of a description;
 * {@link io.siprtc.sdp.convert.SdpConverter#webRtcToSip()} is the standard WebRTC-to-SIP chain.
 */
@Version("1.0.0")
@Export
package io.siprtc.sdp.convert;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
