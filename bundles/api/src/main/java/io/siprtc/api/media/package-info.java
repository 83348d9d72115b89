/**
 * The media engine SPI: a {@link io.siprtc.api.media.MediaEngine} creates
 * {@link io.siprtc.api.media.MediaSession}s that make offers and answers (SDP text), apply the
 * remote description, report ICE/DTLS/connection state and statistics, and close. An engine
 * names the SDP peer profiles it can serve ({@link io.siprtc.api.media.MediaEngine#sdpProfiles()}).
 * A session sends audio from an {@link io.siprtc.api.media.AudioSource} (a tone, a WAV file, PCM
 * the host writes into a {@link io.siprtc.api.media.PcmInput}, a capture device), can be muted,
 * and hands the received audio to a WAV recording, a level meter in its
 * {@link io.siprtc.api.media.MediaStats}, {@link io.siprtc.api.media.AudioFrameListener}s and a
 * playout device. With a {@link io.siprtc.api.media.VideoSource} it also has video (a synthetic
 * pattern, a camera, or receive-only): the decoded pictures go to
 * {@link io.siprtc.api.media.VideoFrameListener}s as {@link io.siprtc.api.media.VideoFrame}s, and
 * {@link io.siprtc.api.media.VideoStats} count them.
 */
@Version("1.4.0")
@Export
package io.siprtc.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
