package io.siprtc.media.webrtc.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDtlsTransportObserver;
import dev.onvoid.webrtc.RTCDtlsTransportState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceConnectionState;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnectionIceErrorEvent;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpReceiver;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.media.MediaStream;
import dev.onvoid.webrtc.media.audio.AudioSource;

/**
 * The engine's callbacks as handed to native code. webrtc-java calls them on libwebrtc's own
 * threads and turns a Java exception escaping one into a C++ exception there (its
 * {@code ExceptionCheck}): nothing catches it, {@code std::terminate} aborts the JVM (measured:
 * exit code 134 from an {@code onIceCandidate} that throws). So every callback the engine gives
 * libwebrtc runs through {@link #run}: a failure is logged, never thrown back.
 */
final class NativeCallbacks {

    private static final Logger LOG = Logger.getLogger(NativeCallbacks.class.getName());

    private NativeCallbacks() {
    }

    /** Runs a callback body; whatever it throws is logged and stays here (except the JVM's own errors). */
    static void run(String what, Runnable body) {
        try {
            body.run();
        } catch (VirtualMachineError e) {
            throw e; // out of memory or a stack overflow: the JVM is in trouble anyway
        } catch (Throwable e) {
            try {
                LOG.log(Level.WARNING, what + " failed (kept from libwebrtc's thread)", e);
            } catch (Throwable ignored) {
                // a logging failure must not escape either
            }
        }
    }

    /**
     * The audio source the device module pulls 10 ms frames from, on its capture thread: a frame
     * whose source fails goes out as silence (the failure logged, once per source), never as an
     * exception into native code.
     */
    static AudioSource audioSource(AudioSource s) {
        return new AudioSource() {
            private volatile boolean logged;

            @Override
            public int onPlaybackData(byte[] audioSamples, int nSamples, int nBytesPerSample, int nChannels,
                    int samplesPerSec) {
                try {
                    return s.onPlaybackData(audioSamples, nSamples, nBytesPerSample, nChannels, samplesPerSec);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    java.util.Arrays.fill(audioSamples, 0, Math.min(audioSamples.length,
                            Math.max(0, nSamples * nBytesPerSample)), (byte) 0);
                    if (!logged) {
                        logged = true;
                        run("the audio source", () -> LOG.log(Level.WARNING,
                                "the audio source failed; silence is sent instead (kept from libwebrtc's thread)", e));
                    }
                    return nSamples;
                }
            }
        };
    }

    /** The observer, each of its callbacks through {@link #run}. */
    static PeerConnectionObserver peerConnection(String sessionId, PeerConnectionObserver o) {
        String at = "session " + sessionId + ": ";
        return new PeerConnectionObserver() {
            @Override
            public void onSignalingChange(RTCSignalingState state) {
                run(at + "onSignalingChange", () -> o.onSignalingChange(state));
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                run(at + "onConnectionChange", () -> o.onConnectionChange(state));
            }

            @Override
            public void onIceConnectionChange(RTCIceConnectionState state) {
                run(at + "onIceConnectionChange", () -> o.onIceConnectionChange(state));
            }

            @Override
            public void onStandardizedIceConnectionChange(RTCIceConnectionState state) {
                run(at + "onStandardizedIceConnectionChange", () -> o.onStandardizedIceConnectionChange(state));
            }

            @Override
            public void onIceConnectionReceivingChange(boolean receiving) {
                run(at + "onIceConnectionReceivingChange", () -> o.onIceConnectionReceivingChange(receiving));
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                run(at + "onIceGatheringChange", () -> o.onIceGatheringChange(state));
            }

            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                run(at + "onIceCandidate", () -> o.onIceCandidate(candidate));
            }

            @Override
            public void onIceCandidateError(RTCPeerConnectionIceErrorEvent event) {
                run(at + "onIceCandidateError", () -> o.onIceCandidateError(event));
            }

            @Override
            public void onIceCandidatesRemoved(RTCIceCandidate[] candidates) {
                run(at + "onIceCandidatesRemoved", () -> o.onIceCandidatesRemoved(candidates));
            }

            @Override
            public void onAddStream(MediaStream stream) {
                run(at + "onAddStream", () -> o.onAddStream(stream));
            }

            @Override
            public void onRemoveStream(MediaStream stream) {
                run(at + "onRemoveStream", () -> o.onRemoveStream(stream));
            }

            @Override
            public void onDataChannel(RTCDataChannel dataChannel) {
                run(at + "onDataChannel", () -> o.onDataChannel(dataChannel));
            }

            @Override
            public void onRenegotiationNeeded() {
                run(at + "onRenegotiationNeeded", o::onRenegotiationNeeded);
            }

            @Override
            public void onAddTrack(RTCRtpReceiver receiver, MediaStream[] mediaStreams) {
                run(at + "onAddTrack", () -> o.onAddTrack(receiver, mediaStreams));
            }

            @Override
            public void onRemoveTrack(RTCRtpReceiver receiver) {
                run(at + "onRemoveTrack", () -> o.onRemoveTrack(receiver));
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                run(at + "onTrack", () -> o.onTrack(transceiver));
            }
        };
    }

    /**
     * A DTLS transport observer for native code. webrtc-java never frees the native observer of
     * {@code registerObserver} nor its global reference to this object, so it refers to the
     * session's observer only until {@link #detach()} (at close): otherwise every closed session,
     * its listeners included, would stay reachable for the life of the process (measured: all of
     * them did).
     */
    static final class DtlsRelay implements RTCDtlsTransportObserver {

        private final String sessionId;
        private volatile RTCDtlsTransportObserver target;

        DtlsRelay(String sessionId, RTCDtlsTransportObserver target) {
            this.sessionId = sessionId;
            this.target = target;
        }

        void detach() {
            target = null;
        }

        @Override
        public void onStateChange(RTCDtlsTransportState state) {
            RTCDtlsTransportObserver t = target;
            if (t != null) {
                run("session " + sessionId + ": DTLS onStateChange", () -> t.onStateChange(state));
            }
        }

        @Override
        public void onError(String error) {
            RTCDtlsTransportObserver t = target;
            if (t != null) {
                run("session " + sessionId + ": DTLS onError", () -> t.onError(error));
            }
        }
    }
}
