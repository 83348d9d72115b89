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
 */
@Version("1.0.0")
@Export
package io.siprtc.sdp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
