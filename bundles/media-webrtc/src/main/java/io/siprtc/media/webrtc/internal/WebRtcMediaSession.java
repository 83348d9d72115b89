package io.siprtc.media.webrtc.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.video.VideoTrack;
import io.siprtc.api.media.AudioFrameListener;
import io.siprtc.api.media.MediaDirection;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaSessionListener;
import io.siprtc.api.media.MediaState;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.PcmInput;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.media.VideoFrameListener;

/**
 * One call's RTCPeerConnection with an audio track from its {@link AudioEndpoint} (shared by
 * tone sessions, or the session's alone while it lasts). The received audio goes to a
 * {@link ReceivedAudio} sink. Every native call goes through a {@link NativeGuard}: none reaches
 * libwebrtc once {@link #close()} began.
 */
final class WebRtcMediaSession implements MediaSession {

    private static final Logger LOG = Logger.getLogger(WebRtcMediaSession.class.getName());

    private final String id;
    private final AudioEndpoint endpoint;
    private final Runnable releaseEndpoint;
    private final HostPcmInput pcmInput;
    private final ReceivedAudio received;
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
    /** The session's video beside the audio; without native objects for an audio-only session. */
    private final SessionVideo video;

    private volatile MediaState.Ice ice = MediaState.Ice.NEW;
    private volatile MediaState.Dtls dtls = MediaState.Dtls.NEW;
    private volatile MediaState.Connection connection = MediaState.Connection.NEW;
    private volatile AudioTrack remoteTrack;
    private volatile AudioTrackSink remoteSink;
    private volatile boolean dtlsObserved;
    /** The observer native code keeps for good; detached at close so it keeps nothing of this session. */
    private volatile NativeCallbacks.DtlsRelay dtlsRelay;
    private volatile boolean muted;
    private volatile boolean videoMuted;

    /**
     * @param releaseEndpoint gives the endpoint back when the session closes (it is the
     *        session's alone while it lasts); null for a shared endpoint
     * @param pcmInput the host's PCM input when the endpoint pulls it, else null
     * @throws MediaException when the recording file cannot be created
     */
    WebRtcMediaSession(String id, AudioEndpoint endpoint, Runnable releaseEndpoint, HostPcmInput pcmInput,
            RTCConfiguration rtcConfig, MediaSessionConfig config, IceSettings iceSettings, Executor executor,
            ScheduledExecutorService timer, long gatherTimeoutMs, Consumer<WebRtcMediaSession> onClose)
            throws MediaException {
        this.id = id;
        this.video = SessionVideo.open(id, config.video()); // a missing camera fails here, before anything native
        this.endpoint = endpoint;
        this.releaseEndpoint = releaseEndpoint;
        this.pcmInput = pcmInput;
        this.received = new ReceivedAudio(id, analyzer, () -> {
            long at = analyzer.firstSignalNanos();
            fire(l -> l.onFirstAudio(at));
        }, config.recording().orElse(null), executor);
        this.executor = executor;
        this.timer = timer;
        this.gatherTimeoutMs = gatherTimeoutMs;
        this.iceSettings = iceSettings;
        this.localCandidates = new LocalCandidates(config.address());
        this.config = config;
        this.gate = newGate();
        this.onClose = onClose;
        // a Java exception thrown back into libwebrtc's thread aborts the JVM: NativeCallbacks keeps it here
        this.pc = endpoint.factory().createPeerConnection(rtcConfig, NativeCallbacks.peerConnection(id, new Observer()));
        this.localTrack = endpoint.factory().createAudioTrack("audio-" + id, endpoint.source());
        this.sender = pc.addTrack(localTrack, List.of("siprtc-" + id));
        // addTrack made the one transceiver; a remote offer's audio m-line takes it over
        this.transceiver = pc.getTransceivers()[0];
        video.attach(endpoint.factory(), pc); // a second transceiver, for video sessions only
        RTCDtmfSender nativeDtmf = sender.getDtmfSender();
        this.dtmf = nativeDtmf == null ? null : new DtmfSender(nativeDtmf, guard, executor, id);
        this.stats = new StatsCollector(pc, endpoint.toneHz(), analyzer, received.meter());
        if (video.hasVideo()) {
            stats.video(video.received());
        }
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
        return applied(() -> {
            pc.restartIce();
            gate = newGate();
        });
    }

    /**
     * A quick native change made now under the guard: a completed stage, or one failed with the
     * guard's {@link MediaException} (487 closed, 503 engine stopped, 500 the call failed).
     */
    private CompletionStage<Void> applied(Runnable nativeChange) {
        try {
            guard.run(nativeChange, 500);
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
        String sdp = TelephoneEvents.atSendRate(remote.sdp());
        guard(() -> pc.setRemoteDescription(new RTCSessionDescription(type, sdp),
                Observers.set(done, executor, "setRemoteDescription")), done, 488);
        return done.thenRun(() -> {
            if (dtmf != null) {
                dtmf.durationFactor(TelephoneEvents.durationFactor(sdp));
            }
            if (type == RTCSdpType.OFFER && !video.hasVideo()) {
                refuseOfferedVideo();
            }
            observeDtlsQuietly();
        });
    }

    @Override
    public CompletionStage<Void> setDirection(MediaDirection direction) {
        if (direction == null) {
            return CompletableFuture.failedFuture(new MediaException("no media direction given", 500, null));
        }
        return applied(() -> {
            transceiver.setDirection(toNative(direction));
            video.setDirection(direction);
        });
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
            CandidateGate g = gate; // this description's ICE generation
            // without rtcp-mux (a peer declined it) RTCP has candidates of its own to wait for
            g.expect(countMLines(description.sdp), !description.sdp.contains("a=rtcp-mux"));
            CompletableFuture<Void> bounded = g.ready().copy();
            try {
                timer.schedule(() -> bounded.complete(null), gatherTimeoutMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                bounded.complete(null); // the engine is stopping: no reason to wait
            }
            return bounded.thenApplyAsync(x -> localSdpWithCandidates(description, g), executor);
        });
    }

    /**
     * The applied local description with its candidates, written here (see
     * {@link GatheredDescription}), not read back: webrtc-java's getLocalDescription() asks
     * libwebrtc's signaling thread twice (is there one? then: give it) and converts it on the
     * calling thread, so an offer rolled back between the two (null) or a description replaced
     * meanwhile (freed) crashes the JVM (measured: SIGSEGV in {@code RTCSessionDescription::toJava}
     * with createOffer racing rollback); reading it safely, in a stats callback on the signaling
     * thread, cost 1 to 5 ms of every call's set-up.
     */
    private String localSdpWithCandidates(RTCSessionDescription applied, CandidateGate g) {
        if (g.count() == 0 && !guard.isClosed()) {
            throw new CompletionException(new MediaException(noCandidates(), 500, null));
        }
        String sdp;
        try {
            // under the guard: a close() already begun (or waiting for its lock) fails this with
            // 487 instead of letting the description out of a closed session
            sdp = guard.call(() -> applied.sdpType == RTCSdpType.OFFER
                    && pc.getSignalingState() != RTCSignalingState.HAVE_LOCAL_OFFER
                            ? null : GatheredDescription.write(applied.sdp, g.candidates()), 500);
        } catch (MediaException e) {
            throw new CompletionException(e);
        }
        if (sdp == null) {
            throw new CompletionException(new MediaException(
                    "the offer was rolled back before its candidates were in", 500, null));
        }
        return localCandidates.filterSdp(sdp);
    }

    /**
     * Tests: libwebrtc's own local description, read directly, which is safe only while no
     * description can change (see {@link #localSdpWithCandidates}); null when there is none.
     */
    String nativeLocalDescription() throws MediaException {
        return guard.call(() -> {
            RTCSessionDescription d = pc.getLocalDescription();
            return d == null ? null : d.sdp;
        }, 500);
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
    /**
     * An audio-only session's answer refuses the far end's video, so that none is sent to be
     * thrown away here (libwebrtc 0.14 answers a stopped transceiver {@code a=inactive}, not with
     * port 0); a failure only leaves it received unseen, as before.
     */
    private void refuseOfferedVideo() {
        try {
            guard.run(() -> SessionVideo.stopVideoTransceivers(pc), 500);
        } catch (MediaException | RuntimeException e) {
            LOG.log(Level.FINE, "session " + id + ": the far end's video is answered, not refused", e);
        }
    }

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
        NativeCallbacks.DtlsRelay relay = new NativeCallbacks.DtlsRelay(id, new RTCDtlsTransportObserver() {
            @Override
            public void onStateChange(RTCDtlsTransportState state) {
                MediaState.Dtls now = MediaState.Dtls.valueOf(state.name());
                dtls = now;
                fire(l -> l.onDtlsStateChanged(now)); // this state, not the field's when the listener runs
            }

            @Override
            public void onError(String error) {
                LOG.warning(() -> "session " + id + ": DTLS error " + error);
            }
        });
        dtlsRelay = relay;
        transport.registerObserver(relay);
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

    /**
     * Disables the local track: libwebrtc's sender then encodes silence (RTP goes on) until it is
     * enabled again; no renegotiation. The source keeps running (a host's PCM queue keeps draining).
     */
    @Override
    public CompletionStage<Void> setMuted(boolean muted) {
        return applied(() -> {
            localTrack.setEnabled(!muted);
            this.muted = muted;
        });
    }

    @Override
    public boolean isMuted() {
        return muted;
    }

    /**
     * Video off, no renegotiation: black pictures from the pattern, a camera's track disabled
     * (see {@link SessionVideo#setMuted}). Without video only the state is kept.
     */
    @Override
    public CompletionStage<Void> setVideoMuted(boolean muted) {
        return applied(() -> {
            video.setMuted(muted);
            this.videoMuted = muted;
        });
    }

    @Override
    public boolean isVideoMuted() {
        return videoMuted;
    }

    @Override
    public Optional<PcmInput> pcmInput() {
        return Optional.ofNullable(pcmInput);
    }

    @Override
    public void addAudioFrameListener(AudioFrameListener listener) {
        received.addListener(listener);
    }

    @Override
    public void removeAudioFrameListener(AudioFrameListener listener) {
        received.removeListener(listener);
    }

    /** Decoded pictures of the far end's video; none arrive for an audio-only session. */
    @Override
    public void addVideoFrameListener(VideoFrameListener listener) {
        video.addListener(listener);
    }

    @Override
    public void removeVideoFrameListener(VideoFrameListener listener) {
        video.removeListener(listener);
    }

    /** The session's video (for tests: frames pushed). */
    SessionVideo video() {
        return video;
    }

    @Override
    public void close() {
        if (!guard.close(this::closeNative)) {
            return;
        }
        connection = MediaState.Connection.CLOSED;
        gate.onGatheringComplete(); // an offer or answer waiting for candidates fails now (closed), not after the wait
        onClose.accept(this);
        fire(l -> l.onConnectionStateChanged(MediaState.Connection.CLOSED));
    }

    /** Under the guard's write lock: no other native call is under way. */
    private void closeNative() {
        try {
            if (dtmf != null) {
                dtmf.close();
            }
            NativeCallbacks.DtlsRelay relay = dtlsRelay;
            if (relay != null) {
                relay.detach();
            }
            AudioTrack remote = remoteTrack;
            AudioTrackSink sink = remoteSink;
            if (remote != null && sink != null) {
                remote.removeSink(sink);
            }
            video.close(); // no frame is pushed from now on
            pc.close();
            video.dispose();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + id + ": close failed", e);
        }
        received.close();
        if (pcmInput != null) {
            pcmInput.close();
        }
        if (releaseEndpoint != null) {
            try {
                releaseEndpoint.run();
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw (VirtualMachineError) e;
                }
                LOG.log(Level.WARNING, "session " + id + ": giving its audio endpoint back failed", e);
            }
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
        AudioTrackSink sink = received;
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
            MediaState.Ice now = MediaState.Ice.valueOf(state.name());
            ice = now;
            fire(l -> l.onIceStateChanged(now));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            if (guard.isClosed()) {
                return; // pc.close() reports CLOSED from within close(), which reports it (once) itself
            }
            MediaState.Connection now = MediaState.Connection.valueOf(state.name());
            connection = now;
            fire(l -> l.onConnectionStateChanged(now));
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            MediaStreamTrack track = transceiver.getReceiver().getTrack();
            if (!guard.isClosed() && track instanceof AudioTrack) {
                onRemoteAudio((AudioTrack) track);
            } else if (!guard.isClosed() && track instanceof VideoTrack) {
                video.onRemoteTrack((VideoTrack) track);
            }
        }
    }
}
