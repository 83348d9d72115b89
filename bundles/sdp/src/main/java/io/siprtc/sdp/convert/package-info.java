/**
 * Rewrites of session descriptions between a WebRTC media engine and SIP peers of every kind.
 *
 * <p>An {@link io.siprtc.sdp.convert.SdpConverter} applies an ordered list of small
 * {@link io.siprtc.sdp.convert.SdpRule}s to a copy of a description, each documented with the RFC
 * or peer behaviour it serves. A peer's {@link io.siprtc.sdp.convert.SdpProfile} ({@code webrtc},
 * {@code sip-dtls}, {@code rtp}), configured or found by
 * {@link io.siprtc.sdp.convert.ProfileDetector}, selects the built-in rules
 * ({@link io.siprtc.sdp.convert.SdpRules}); a {@link io.siprtc.sdp.convert.ConversionContext}
 * says which way the description flows and what the rules need to know. Further rules are
 * {@code SdpRule} services ({@link io.siprtc.sdp.convert.SdpRuleProperties}).
 */
@Version("1.1.0")
@Export
package io.siprtc.sdp.convert;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
