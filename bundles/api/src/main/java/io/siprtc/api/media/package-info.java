/**
 * The media engine SPI: a {@link io.siprtc.api.media.MediaEngine} creates
 * {@link io.siprtc.api.media.MediaSession}s that make offers and answers (SDP text), apply the
 * remote description, report ICE/DTLS/connection state and statistics, and close. An engine
 * names the SDP peer profiles it can serve ({@link io.siprtc.api.media.MediaEngine#sdpProfiles()}).
 */
@Version("1.3.0")
@Export
package io.siprtc.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
