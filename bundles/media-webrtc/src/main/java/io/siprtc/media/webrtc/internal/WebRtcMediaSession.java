package io.siprtc.media.webrtc.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDtlsTransport;
import dev.onvoid.webrtc.RTCDtlsTransportObserver;
import dev.onvoid.webrtc.RTCDtlsTransportState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceConnectionState;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaSessionListener;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;

/** One call's RTCPeerConnection with an audio track from its {@link AudioEndpoint}. */
final class WebRtcMediaSession implements MediaSession {

    private static final Logger LOG = Logger.getLogger(WebRtcMediaSession.class.getName());

    private final String id;
    private final AudioEndpoint endpoint;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final long gatherTimeoutMs;
    private final CandidateGate gate;
    private final ToneAnalyzer analyzer = new ToneAnalyzer();
    private final StatsCollector stats;
    private final List<MediaSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<WebRtcMediaSession> onClose;
    private final RTCPeerConnection pc;
    private final AudioTrack localTrack;
    private final RTCRtpSender sender;

    private volatile MediaState.Ice ice = MediaState.Ice.NEW;
    private volatile MediaState.Dtls dtls = MediaState.Dtls.NEW;
    private volatile MediaState.Connection connection = MediaState.Connection.NEW;
    private volatile AudioTrack remoteTrack;
    private volatile AudioTrackSink remoteSink;
    private volatile boolean dtlsObserved;
    private volatile boolean closed;

    WebRtcMediaSession(String id, AudioEndpoint endpoint, RTCConfiguration rtcConfig, MediaSessionConfig config,
            Executor executor, ScheduledExecutorService timer, long gatherTimeoutMs,
            Consumer<WebRtcMediaSession> onClose) {
        this.id = id;
        this.endpoint = endpoint;
        this.executor = executor;
        this.timer = timer;
        this.gatherTimeoutMs = gatherTimeoutMs;
        this.gate = new CandidateGate(config.address());
        this.onClose = onClose;
        this.pc = endpoint.factory().createPeerConnection(rtcConfig, new Observer());
        this.localTrack = endpoint.factory().createAudioTrack("audio-" + id, endpoint.source());
        this.sender = pc.addTrack(localTrack, List.of("siprtc-" + id));
        this.stats = new StatsCollector(pc, endpoint.toneHz(), analyzer);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletionStage<SessionDescription> createOffer() {
        CompletableFuture<RTCSessionDescription> made = new CompletableFuture<>();
        guard(() -> pc.createOffer(new RTCOfferOptions(), Observers.create(made, executor, "createOffer")), made, 500);
        return made.thenCompose(this::applyLocal).thenApply(sdp -> SessionDescription.offer(sdp));
    }

    @Override
    public CompletionStage<SessionDescription> createAnswer() {
        CompletableFuture<RTCSessionDescription> made = new CompletableFuture<>();
        guard(() -> pc.createAnswer(new RTCAnswerOptions(), Observers.create(made, executor, "createAnswer")), made, 500);
        return made.thenCompose(this::applyLocal).thenApply(sdp -> SessionDescription.answer(sdp));
    }

    @Override
    public CompletionStage<Void> setRemoteDescription(SessionDescription remote) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        RTCSdpType type = remote.type() == SessionDescription.Type.OFFER ? RTCSdpType.OFFER
                : remote.type() == SessionDescription.Type.PRANSWER ? RTCSdpType.PR_ANSWER : RTCSdpType.ANSWER;
        guard(() -> pc.setRemoteDescription(new RTCSessionDescription(type, remote.sdp()),
                Observers.set(done, executor, "setRemoteDescription")), done, 488);
        return done.thenRun(this::observeDtlsQuietly);
    }

    /** setLocalDescription, then wait (bounded) for the candidates worth sending. */
    private CompletableFuture<String> applyLocal(RTCSessionDescription description) {
        CompletableFuture<Void> set = new CompletableFuture<>();
        guard(() -> pc.setLocalDescription(description, Observers.set(set, executor, "setLocalDescription")), set, 500);
        return set.thenCompose(v -> {
            observeDtlsQuietly();
            gate.expect(countMLines(description.sdp));
            CompletableFuture<Void> bounded = gate.ready().copy();
            timer.schedule(() -> bounded.complete(null), gatherTimeoutMs, TimeUnit.MILLISECONDS);
            return bounded.thenComposeAsync(x -> localSdpWithCandidates(), executor);
        });
    }

    private CompletableFuture<String> localSdpWithCandidates() {
        if (closed) {
            return CompletableFuture.failedFuture(new MediaException("media session closed", 487, null));
        }
        if (gate.count() == 0) {
            return CompletableFuture.failedFuture(new MediaException(
                    "no ICE candidates were gathered within " + gatherTimeoutMs + " ms", 500, null));
        }
        return CompletableFuture.completedFuture(pc.getLocalDescription().sdp);
    }

    private static int countMLines(String sdp) {
        int n = 0;
        for (int i = sdp.indexOf("m="); i >= 0; i = sdp.indexOf("\nm=", i + 1)) {
            n++;
        }
        return n;
    }

    /** DTLS state is reported once the sender has its transport; a failure here must not fail the call. */
    private void observeDtlsQuietly() {
        try {
            observeDtls();
        } catch (RuntimeException e) {
            dtlsObserved = false;
            LOG.log(Level.FINE, "session " + id + ": DTLS transport not observable yet", e);
        }
    }

    private void observeDtls() {
        if (dtlsObserved || closed) {
            return;
        }
        RTCDtlsTransport transport;
        try {
            transport = sender.getTransport();
        } catch (RuntimeException e) {
            return; // no transport yet (before the local description): observed later
        }
        if (transport == null) {
            return;
        }
        dtlsObserved = true;
        transport.registerObserver(new RTCDtlsTransportObserver() {
            @Override
            public void onStateChange(RTCDtlsTransportState state) {
                dtls = MediaState.Dtls.valueOf(state.name());
                fire(l -> l.onDtlsStateChanged(dtls));
            }

            @Override
            public void onError(String error) {
                LOG.warning(() -> "session " + id + ": DTLS error " + error);
            }
        });
    }

    @Override
    public MediaState state() {
        return new MediaState(ice, dtls, connection);
    }

    @Override
    public MediaStats stats() {
        if (!closed) {
            stats.refresh();
        }
        return stats.latest();
    }

    @Override
    public void addListener(MediaSessionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MediaSessionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            AudioTrack remote = remoteTrack;
            AudioTrackSink sink = remoteSink;
            if (remote != null && sink != null) {
                remote.removeSink(sink);
            }
            pc.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + id + ": close failed", e);
        } finally {
            connection = MediaState.Connection.CLOSED;
            onClose.accept(this);
            fire(l -> l.onConnectionStateChanged(MediaState.Connection.CLOSED));
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void fire(Consumer<MediaSessionListener> event) {
        for (MediaSessionListener l : listeners) {
            try {
                executor.execute(() -> {
                    try {
                        event.accept(l);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "media listener failed", e);
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.fine(() -> "session " + id + ": engine stopped, event dropped");
            }
        }
    }

    /**
     * Runs a native call whose outcome arrives in {@code result}; a synchronous failure fails it.
     *
     * @param failureStatus the SIP status a failure suggests: 488 for a remote description we
     *        cannot use, 500 for our own trouble
     */
    private <T> void guard(Runnable nativeCall, CompletableFuture<T> result, int failureStatus) {
        if (closed) {
            result.completeExceptionally(new MediaException("media session closed", 487, null));
            return;
        }
        try {
            nativeCall.run();
        } catch (RuntimeException e) {
            result.completeExceptionally(new MediaException(e.getMessage(), failureStatus, e));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            // webrtc-java reports native failures (e.g. "Create session description failed:
            // Expect line: o=") as java.lang.Error: one call's failure, not the JVM's.
            result.completeExceptionally(new MediaException(e.getMessage(), failureStatus, e));
        }
    }

    private void onRemoteAudio(AudioTrack track) {
        AudioTrackSink sink = (data, bitsPerSample, sampleRate, channels, frames) -> {
            if (analyzer.accept(data, channels, sampleRate, System.nanoTime())) {
                long at = analyzer.firstSignalNanos();
                fire(l -> l.onFirstAudio(at));
            }
        };
        remoteTrack = track;
        remoteSink = sink;
        track.addSink(sink);
    }

    private final class Observer implements PeerConnectionObserver {

        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            gate.onCandidate(candidate.sdpMLineIndex, candidate.sdp);
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState state) {
            if (state == RTCIceGatheringState.COMPLETE) {
                gate.onGatheringComplete();
            }
        }

        @Override
        public void onIceConnectionChange(RTCIceConnectionState state) {
            ice = MediaState.Ice.valueOf(state.name());
            fire(l -> l.onIceStateChanged(ice));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            connection = MediaState.Connection.valueOf(state.name());
            fire(l -> l.onConnectionStateChanged(connection));
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            MediaStreamTrack track = transceiver.getReceiver().getTrack();
            if (!closed && track instanceof AudioTrack) {
                onRemoteAudio((AudioTrack) track);
            }
        }
    }
}
