package io.siprtc.media.webrtc.internal;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import io.siprtc.api.media.MediaDirection;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.VideoFrameListener;
import io.siprtc.api.media.VideoSource;

/**
 * A session's video, beside its audio: the local source and track on a second transceiver (the
 * audio's stays the first; both made by {@code addTrack}), and the received track's sink. For an audio-only session there is
 * no native object at all, and a far end's video is left as libwebrtc handles it
 * without a local track (answered {@code recvonly}, never looked at), as before video existed.
 *
 * <p>The session calls it under its {@link NativeGuard}: {@link #attach} in its constructor,
 * {@link #setDirection} with the audio's, {@link #onRemoteTrack} from {@code onTrack}, then
 * {@link #close()} before the peer connection closes and {@link #dispose()} after.
 */
final class SessionVideo {

    private static final Logger LOG = Logger.getLogger(SessionVideo.class.getName());

    private final String sessionId;
    private final VideoSource config;
    private final LocalVideo local;
    private final ReceivedVideo received;
    private volatile VideoTrack localTrack;
    private volatile RTCRtpTransceiver transceiver;
    private volatile VideoTrack remoteTrack;

    private SessionVideo(String sessionId, VideoSource config, LocalVideo local) {
        this.sessionId = sessionId;
        this.config = config;
        this.local = local;
        this.received = new ReceivedVideo(sessionId);
    }

    /**
     * The session's video as configured; opens a camera (before any peer connection exists, so
     * a missing camera fails the session cleanly).
     *
     * @throws MediaException when the camera cannot be opened
     */
    static SessionVideo open(String sessionId, VideoSource config) throws MediaException {
        if (!config.hasVideo()) {
            return new SessionVideo(sessionId, config, null); // its listeners never hear of a frame
        }
        return new SessionVideo(sessionId, config, LocalVideo.open(sessionId, config));
    }

    boolean hasVideo() {
        return local != null;
    }

    VideoSource config() {
        return config;
    }

    ReceivedVideo received() {
        return received;
    }

    LocalVideo local() {
        return local;
    }

    /**
     * Adds the video track on its own transceiver (after the audio's) and starts its frames.
     *
     * @throws MediaException when the camera does not start
     */
    void attach(PeerConnectionFactory factory, RTCPeerConnection pc) throws MediaException {
        if (local == null) {
            return;
        }
        VideoTrack track = factory.createVideoTrack("video-" + sessionId, local.source());
        localTrack = track;
        // addTrack, not addTransceiver: only a transceiver made by addTrack takes over a remote
        // offer's m-line (JSEP 5.10); one from addTransceiver stays apart and the answer would
        // get a new receive-only one (measured: bob then sent no video)
        pc.addTrack(track, List.of("siprtc-" + sessionId));
        RTCRtpTransceiver[] all = pc.getTransceivers();
        RTCRtpTransceiver t = all[all.length - 1];
        if (!config.sends()) {
            t.setDirection(RTCRtpTransceiverDirection.RECV_ONLY);
        }
        transceiver = t;
        if (config.sends()) {
            local.start();
        }
    }

    /**
     * Video off. The pattern paints black pictures instead of its own (measured: the far end's
     * pictures go black and keep coming). A camera's pictures do not pass through us: its track
     * is disabled instead, after which libwebrtc 0.14 hands the encoder nothing (measured with the
     * pattern: the far end's last picture stayed as it was), so the far end's picture stops.
     * Nothing for a session without video.
     */
    void setMuted(boolean muted) {
        if (local == null) {
            return;
        }
        if (local.paintsItself()) {
            local.setBlack(muted);
        } else {
            VideoTrack t = localTrack;
            if (t != null) {
                t.setEnabled(!muted);
            }
        }
    }

    /**
     * Stops the peer connection's video transceivers: those libwebrtc made for a far end's video
     * offered to an audio-only session. The answer then refuses them ({@code a=inactive}).
     * After a remote offer, before the answer.
     */
    static void stopVideoTransceivers(RTCPeerConnection pc) {
        for (RTCRtpTransceiver t : pc.getTransceivers()) {
            if (!t.stopped() && MediaStreamTrack.VIDEO_TRACK_KIND.equals(t.getReceiver().getTrack().getKind())) {
                t.stop();
            }
        }
    }

    /** The video follows the audio's direction (hold, resume); receive-only never sends. */
    void setDirection(MediaDirection direction) {
        RTCRtpTransceiver t = transceiver;
        if (t == null) {
            return;
        }
        MediaDirection d = direction;
        if (!config.sends()) {
            d = direction == MediaDirection.SENDRECV || direction == MediaDirection.RECVONLY ? MediaDirection.RECVONLY
                    : MediaDirection.INACTIVE;
        }
        switch (d) {
            case SENDONLY:
                t.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
                break;
            case RECVONLY:
                t.setDirection(RTCRtpTransceiverDirection.RECV_ONLY);
                break;
            case INACTIVE:
                t.setDirection(RTCRtpTransceiverDirection.INACTIVE);
                break;
            default:
                t.setDirection(RTCRtpTransceiverDirection.SEND_RECV);
        }
    }

    /**
     * On libwebrtc's signalling thread: the far end's video track gets the sink (once; onTrack
     * comes again after a hold). Ignored for an audio-only session.
     */
    void onRemoteTrack(VideoTrack track) {
        if (local == null) {
            return;
        }
        VideoTrack previous = remoteTrack;
        if (previous != null) {
            if (previous.getId().equals(track.getId())) {
                return;
            }
            previous.removeSink(received);
        }
        remoteTrack = track;
        track.addSink(received);
    }

    void addListener(VideoFrameListener listener) {
        received.addListener(listener);
    }

    void removeListener(VideoFrameListener listener) {
        received.removeListener(listener);
    }

    /** Stops the sent frames (waiting for one under way) and detaches the sink: before the peer connection closes. */
    void close() {
        if (local == null) {
            return;
        }
        local.close();
        VideoTrack remote = remoteTrack;
        if (remote != null) {
            try {
                remote.removeSink(received);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "session " + sessionId + ": video sink removal", e);
            }
        }
    }

    /** Gives up the native source: after the peer connection closed. */
    void dispose() {
        if (local != null) {
            local.dispose();
        }
    }
}
