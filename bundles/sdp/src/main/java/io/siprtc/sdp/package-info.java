/**
 * A lossless SDP (RFC 8866) model with a bounded parser and a writer.
 *
 * <p>{@link io.siprtc.sdp.SdpParser#parse(String)} turns text into a
 * {@link io.siprtc.sdp.SessionDescription}: its ordered session-level {@link io.siprtc.sdp.SdpLine}s
 * and its {@link io.siprtc.sdp.MediaDescription}s, each an m= line and its own ordered lines.
 * Lines the model does not interpret are kept as {@link io.siprtc.sdp.RawLine}s in place, so
 * {@link io.siprtc.sdp.SdpWriter#write(SessionDescription)} gives back exactly the parsed text
 * for well-formed CRLF input. Line values are immutable; descriptions are mutable and offer a
 * deep {@code copy()}.
 *
 * <p>Typed views read the WebRTC attributes in place: {@link io.siprtc.sdp.RtpMap},
 * {@link io.siprtc.sdp.Fmtp}, {@link io.siprtc.sdp.RtcpFb} (RFC 4585), {@link io.siprtc.sdp.ExtMap}
 * (RFC 8285), {@link io.siprtc.sdp.Msid} (RFC 8830), {@link io.siprtc.sdp.Ssrc} and
 * {@link io.siprtc.sdp.SsrcGroup} (RFC 5576), {@link io.siprtc.sdp.Group} (BUNDLE, RFC 8843),
 * {@link io.siprtc.sdp.Fingerprint} and {@link io.siprtc.sdp.Setup} (DTLS, RFC 8842),
 * {@link io.siprtc.sdp.Candidate} (ICE, RFC 8839), {@link io.siprtc.sdp.Rtcp} (RFC 3605),
 * {@link io.siprtc.sdp.Rid} and {@link io.siprtc.sdp.Simulcast} (RFC 8851, RFC 8853),
 * {@link io.siprtc.sdp.Crypto} (SDES, RFC 4568, recognised to be refused) and
 * {@link io.siprtc.sdp.MediaDirection}. The parser checks the line order of RFC 8866 and these
 * attributes' syntax (JSEP, RFC 8829 section 5.8), and reads bytes as strict UTF-8
 * ({@link io.siprtc.sdp.SdpParser#parse(byte[])}); every refusal names the line.
 */
@Version("1.1.0")
@Export
package io.siprtc.sdp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
