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
import dev.onvoid.webrtc.RTCPeerConnectionIceErrorEvent;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCDtmfSender;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import io.siprtc.api.media.MediaDirection;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaSessionListener;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.SessionDescription;

/**
 * One call's RTCPeerConnection with an audio track from its {@link AudioEndpoint}. Every native
 * call goes through a {@link NativeGuard}: none reaches libwebrtc once {@link #close()} began.
 */
final class WebRtcMediaSession implements MediaSession {

    private static final Logger LOG = Logger.getLogger(WebRtcMediaSession.class.getName());

    private final String id;
    private final AudioEndpoint endpoint;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final long gatherTimeoutMs;
    private final MediaSessionConfig config;
    /** The candidates of the current ICE generation: a new one with every ICE restart, ours or the far end's. */
    private volatile CandidateGate gate;
    /** The far end's ice-ufrag as last applied: a new one in an offer is its ICE restart. */
    private volatile String remoteUfrag;
    private final LocalCandidates localCandidates;
    private final IceSettings iceSettings;
    private final List<String> keptCandidates = new CopyOnWriteArrayList<>();
    private final List<String> iceErrors = new CopyOnWriteArrayList<>();
    private final ToneAnalyzer analyzer = new ToneAnalyzer();
    private final StatsCollector stats;
    private final List<MediaSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<WebRtcMediaSession> onClose;
    private final RTCPeerConnection pc;
    private final AudioTrack localTrack;
    private final RTCRtpSender sender;
    private final RTCRtpTransceiver transceiver;
    private final DtmfSender dtmf;
    private final NativeGuard guard = new NativeGuard();

    private volatile MediaState.Ice ice = MediaState.Ice.NEW;
    private volatile MediaState.Dtls dtls = MediaState.Dtls.NEW;
    private volatile MediaState.Connection connection = MediaState.Connection.NEW;
    private volatile AudioTrack remoteTrack;
    private volatile AudioTrackSink remoteSink;
    private volatile boolean dtlsObserved;

    WebRtcMediaSession(String id, AudioEndpoint endpoint, RTCConfiguration rtcConfig, MediaSessionConfig config,
            IceSettings iceSettings, Executor executor, ScheduledExecutorService timer, long gatherTimeoutMs,
            Consumer<WebRtcMediaSession> onClose) {
        this.id = id;
        this.endpoint = endpoint;
        this.executor = executor;
        this.timer = timer;
        this.gatherTimeoutMs = gatherTimeoutMs;
        this.iceSettings = iceSettings;
        this.localCandidates = new LocalCandidates(config.address());
        this.config = config;
        this.gate = newGate();
        this.onClose = onClose;
        this.pc = endpoint.factory().createPeerConnection(rtcConfig, new Observer());
        this.localTrack = endpoint.factory().createAudioTrack("audio-" + id, endpoint.source());
        this.sender = pc.addTrack(localTrack, List.of("siprtc-" + id));
        // addTrack made the one transceiver; a remote offer's audio m-line takes it over
        this.transceiver = pc.getTransceivers()[0];
        RTCDtmfSender nativeDtmf = sender.getDtmfSender();
        this.dtmf = nativeDtmf == null ? null : new DtmfSender(nativeDtmf, guard, executor, id);
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

    private CandidateGate newGate() {
        return new CandidateGate(config.address(), iceSettings.need(), iceSettings.srflxWaitMs(), (task, ms) -> {
            try {
                timer.schedule(task, ms, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                task.run(); // the engine is stopping: no reason to wait
            }
        });
    }

    /**
     * The next offer restarts ICE: libwebrtc gives it new credentials and gathers again, and the
     * offer waits for the new generation's candidates as the first one did.
     */
    @Override
    public CompletionStage<Void> restartIce() {
        try {
            guard.run(pc::restartIce, 500);
            gate = newGate();
            return CompletableFuture.completedFuture(null);
        } catch (MediaException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Void> setRemoteDescription(SessionDescription remote) {
        String ufrag = iceUfrag(remote.sdp());
        if (remote.type() == SessionDescription.Type.OFFER && ufrag != null && remoteUfrag != null
                && !ufrag.equals(remoteUfrag)) {
            gate = newGate(); // the far end restarts ICE: our answer gathers anew
        }
        if (ufrag != null) {
            remoteUfrag = ufrag;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        RTCSdpType type = remote.type() == SessionDescription.Type.OFFER ? RTCSdpType.OFFER
                : remote.type() == SessionDescription.Type.PRANSWER ? RTCSdpType.PR_ANSWER : RTCSdpType.ANSWER;
        guard(() -> pc.setRemoteDescription(new RTCSessionDescription(type, remote.sdp()),
                Observers.set(done, executor, "setRemoteDescription")), done, 488);
        return done.thenRun(this::observeDtlsQuietly);
    }

    @Override
    public CompletionStage<Void> setDirection(MediaDirection direction) {
        if (direction == null) {
            return CompletableFuture.failedFuture(new MediaException("no media direction given", 500, null));
        }
        try {
            guard.run(() -> transceiver.setDirection(toNative(direction)), 500);
            return CompletableFuture.completedFuture(null);
        } catch (MediaException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Discards the local offer the far end refused (JSEP rollback, RFC 8829 section 4.1.10.2).
     * libwebrtc 0.14 then stops playing out received audio (packets still arrive) until the
     * next completed offer/answer: the gateway follows a refused re-INVITE with one that offers
     * the last agreed direction again.
     */
    @Override
    public CompletionStage<Void> rollback() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        guard(() -> pc.setLocalDescription(new RTCSessionDescription(RTCSdpType.ROLLBACK, ""),
                Observers.set(done, executor, "rollback")), done, 500);
        return done;
    }

    private static RTCRtpTransceiverDirection toNative(MediaDirection direction) {
        switch (direction) {
            case SENDONLY: return RTCRtpTransceiverDirection.SEND_ONLY;
            case RECVONLY: return RTCRtpTransceiverDirection.RECV_ONLY;
            case INACTIVE: return RTCRtpTransceiverDirection.INACTIVE;
            default: return RTCRtpTransceiverDirection.SEND_RECV;
        }
    }

    @Override
    public boolean canInsertDtmf() {
        return dtmf != null && !guard.isClosed() && dtmf.canInsert();
    }

    @Override
    public CompletionStage<Void> insertDtmf(String tones, int toneMs, int gapMs) {
        try {
            if (guard.isClosed()) {
                throw NativeGuard.closedException();
            }
            DtmfRequest request = DtmfRequest.of(tones, toneMs, gapMs);
            if (dtmf == null) {
                throw new MediaException("this session's audio sender has no DTMF sender", 500, null);
            }
            dtmf.insert(request);
            return CompletableFuture.completedFuture(null);
        } catch (MediaException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The DTMF sender (for tests: its tone reports), null when the audio sender has none. */
    DtmfSender dtmf() {
        return dtmf;
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
        if (guard.isClosed()) {
            return CompletableFuture.failedFuture(NativeGuard.closedException());
        }
        if (gate.count() == 0) {
            return CompletableFuture.failedFuture(new MediaException(noCandidates(), 500, null));
        }
        try {
            return CompletableFuture.completedFuture(
                    localCandidates.filterSdp(guard.call(() -> pc.getLocalDescription().sdp, 500)));
        } catch (MediaException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Why there is no candidate to offer: the wait, the policy, what STUN/TURN servers answered. */
    private String noCandidates() {
        StringBuilder b = new StringBuilder(iceSettings.relayOnly()
                ? "relay-only ICE: no TURN relay candidate" : "no ICE candidates");
        if (localCandidates.filters()) {
            b.append(" on the media address");
        }
        b.append(" within ").append(gatherTimeoutMs).append(" ms");
        if (!iceErrors.isEmpty()) {
            b.append(" (").append(String.join("; ", iceErrors)).append(')');
        } else if (iceSettings.relayOnly()) {
            b.append(" (no answer from the TURN server)");
        }
        return b.toString();
    }

    /** The local candidates this session kept (and would trickle), in the order they came. */
    List<String> keptCandidates() {
        return List.copyOf(keptCandidates);
    }

    private static String iceUfrag(String sdp) {
        int at = sdp.indexOf("a=ice-ufrag:");
        if (at < 0) {
            return null;
        }
        int end = at + "a=ice-ufrag:".length();
        while (end < sdp.length() && !Character.isWhitespace(sdp.charAt(end))) {
            end++;
        }
        return sdp.substring(at + "a=ice-ufrag:".length(), end);
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
            guard.run(this::observeDtls, 500);
        } catch (MediaException e) {
            dtlsObserved = false;
            LOG.log(Level.FINE, "session " + id + ": DTLS transport not observable yet", e);
        }
    }

    private void observeDtls() {
        if (dtlsObserved) {
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
        try {
            guard.run(stats::refresh, 500);
        } catch (MediaException e) {
            // closed: the last figures stand
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
        if (!guard.close(this::closeNative)) {
            return;
        }
        connection = MediaState.Connection.CLOSED;
        onClose.accept(this);
        fire(l -> l.onConnectionStateChanged(MediaState.Connection.CLOSED));
    }

    /** Under the guard's write lock: no other native call is under way. */
    private void closeNative() {
        try {
            if (dtmf != null) {
                dtmf.close();
            }
            AudioTrack remote = remoteTrack;
            AudioTrackSink sink = remoteSink;
            if (remote != null && sink != null) {
                remote.removeSink(sink);
            }
            pc.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + id + ": close failed", e);
        }
    }

    boolean isClosed() {
        return guard.isClosed();
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

    /** Runs a native call whose outcome arrives in {@code result}; a synchronous failure fails it. */
    private <T> void guard(Runnable nativeCall, CompletableFuture<T> result, int failureStatus) {
        try {
            guard.run(nativeCall, failureStatus);
        } catch (MediaException e) {
            result.completeExceptionally(e);
        }
    }

    /**
     * On libwebrtc's signaling thread. onTrack comes again for the same track whenever receiving
     * resumes (after hold): the track keeps its one sink, or the analyzer would see each frame twice.
     */
    private void onRemoteAudio(AudioTrack track) {
        AudioTrack previous = remoteTrack;
        if (previous != null) {
            if (previous.getId().equals(track.getId())) {
                return;
            }
            previous.removeSink(remoteSink);
        }
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
            String kept = localCandidates.accept(candidate.sdp);
            if (kept != null) {
                keptCandidates.add(kept);
                gate.onCandidate(candidate.sdpMLineIndex, kept);
            }
        }

        @Override
        public void onIceCandidateError(RTCPeerConnectionIceErrorEvent event) {
            // e.g. "turn:127.0.0.1:3478?transport=udp: 401 Unauthorized"; never holds a credential
            String error = IceSettings.redacted(String.valueOf(event.getUrl())) + ": " + event.getErrorCode() + " "
                    + event.getErrorText();
            if (iceErrors.size() < 8 && !iceErrors.contains(error)) {
                iceErrors.add(error);
            }
            LOG.fine(() -> "session " + id + ": ICE server error " + IceSettings.redacted(String.valueOf(event.getUrl()))
                    + " " + event.getErrorCode() + " " + event.getErrorText());
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
            if (!guard.isClosed() && track instanceof AudioTrack) {
                onRemoteAudio((AudioTrack) track);
            }
        }
    }
}
