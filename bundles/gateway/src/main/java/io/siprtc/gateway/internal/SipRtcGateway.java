package io.siprtc.gateway.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallListener;
import io.siprtc.api.call.CallService;
import io.siprtc.api.call.CallEvent;
import io.siprtc.api.call.CallState;
import io.siprtc.api.call.InstantMessage;
import io.siprtc.api.call.InstantMessageListener;
import io.siprtc.api.call.InstantMessageService;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipRequestHandler;
import io.siprtc.sdp.convert.SdpRule;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The SIPRTC local gateway: {@link CallService} on top of the SIP stack SPI (through the
 * accounts' {@link UserAgent}s) and the media engine SPI. The media engine and the accounts are
 * bound dynamically; a swapped engine serves the next call. All call state changes run on one
 * signalling thread.
 */
@Component(service = {CallService.class, InstantMessageService.class}, immediate = true)
public class SipRtcGateway implements CallService, InstantMessageService {

    private static final Logger LOG = Logger.getLogger(SipRtcGateway.class.getName());
    private static final int ENDED_CALLS_KEPT = 100;

    private final Map<String, UserAgent> accounts = new ConcurrentHashMap<>();
    private final Map<UserAgent, SipRequestHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, CallSession> calls = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, CallSession> byCallId = new ConcurrentHashMap<>();
    private final AtomicLong callNumbers = new AtomicLong();
    private final Ids ids = new Ids();
    private final SdpRuleWhiteboard sdpRules = new SdpRuleWhiteboard();
    private final SdpBridge sdp = new SdpBridge(sdpRules);
    private final EventBus events = new EventBus();
    /** SIP MESSAGE (RFC 3428), sent and received; its listeners are called on a thread of its own. */
    private final PagerMessages messages = new PagerMessages(ids, this::execute);
    private final ExecutorService signalling = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "siprtc-signalling");
        t.setDaemon(true);
        return t;
    });
    /** The media engine calls that block their caller: {@link CallContext#media}. */
    private final ExecutorService mediaCalls = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "siprtc-media-calls");
        t.setDaemon(true);
        return t;
    });
    private volatile MediaEngine mediaEngine;
    /** Sessions made before the calls that take them. */
    private final PreparedMedia prepared = new PreparedMedia(() -> mediaEngine, this::callMediaConfig,
            ua -> accounts.get(ua.id()) == ua && !inCall(ua));
    /** Call timers (session timers, glare back-off, ACK wait); calls move their tasks onto the signalling thread. */
    private volatile Scheduler callTimers = new ExecutorScheduler("siprtc-call-timers");

    {
        // what a call took is made again once the account's calls are over (see PreparedMedia)
        events.add(e -> {
            if (e.type() == CallEvent.Type.STATE_CHANGED && e.to() == CallState.ENDED) {
                UserAgent ua = accounts.get(e.call().accountId());
                if (ua != null) {
                    prepared.remakeLater(ua);
                }
            }
        });
    }

    /** Whether one of the account's calls is still going. */
    private boolean inCall(UserAgent ua) {
        synchronized (calls) {
            for (CallSession c : calls.values()) {
                if (c.account() == ua && !c.state().isFinal()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Activate
    void activate() {
        LOG.fine("SIPRTC gateway active");
    }

    @Deactivate
    void deactivate() {
        try {
            onSignalling(() -> {
                for (CallSession c : new ArrayList<>(calls.values())) {
                    c.hangup();
                    c.end(CallEndReason.of(CallEndReason.Kind.LOCAL_HANGUP, "gateway stopped"));
                }
                return null;
            });
        } catch (CallException e) {
            LOG.log(Level.WARNING, "hang-up on stop failed", e);
        }
        signalling.shutdown();
        mediaCalls.shutdown();
        events.close();
        if (callTimers instanceof AutoCloseable) {
            try {
                ((AutoCloseable) callTimers).close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "call timers", e);
            }
        }
        messages.close();
        prepared.close();
    }

    // ---- dynamic references ------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMediaEngine(MediaEngine engine) {
        mediaEngine = engine;
        for (UserAgent ua : accounts.values()) {
            engine.prepare(mediaConfig("prepare", ua));
            reportProfile(ua, engine);
            prepared.remakeLater(ua);
        }
    }

    void unbindMediaEngine(MediaEngine engine) {
        if (mediaEngine == engine) {
            mediaEngine = null;
        }
        prepared.discard(engine);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUserAgent(UserAgent ua) {
        SipRequestHandler h = new AccountRequests(ua);
        handlers.put(ua, h);
        accounts.put(ua.id(), ua);
        ua.attach(h);
        MediaEngine engine = mediaEngine;
        if (engine != null) {
            engine.prepare(mediaConfig("prepare", ua));
        }
        reportProfile(ua, engine);
        prepared.remakeLater(ua);
    }

    void unbindUserAgent(UserAgent ua) {
        SipRequestHandler h = handlers.remove(ua);
        if (h != null) {
            ua.detach(h);
        }
        accounts.remove(ua.id(), ua);
        prepared.discard(ua.id());
    }

    /**
     * The {@link SdpRule} whiteboard: every rule service, ordered by service ranking, applies to
     * the descriptions of the next calls; see {@link io.siprtc.sdp.convert.SdpRuleProperties}.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSdpRule(SdpRule rule, Map<String, Object> properties) {
        sdpRules.add(rule, properties);
        LOG.fine(() -> "SDP rule bound: " + rule.name() + " " + properties.get("service.ranking"));
    }

    void updatedSdpRule(SdpRule rule, Map<String, Object> properties) {
        sdpRules.add(rule, properties);
    }

    void unbindSdpRule(SdpRule rule) {
        sdpRules.remove(rule);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindCallListener(CallListener l) {
        events.add(l);
    }

    void unbindCallListener(CallListener l) {
        events.remove(l);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindInstantMessageListener(InstantMessageListener l) {
        messages.addListener(l);
    }

    void unbindInstantMessageListener(InstantMessageListener l) {
        messages.removeListener(l);
    }

    // ---- InstantMessageService -------------------------------------------------------------

    @Override
    public java.util.concurrent.CompletionStage<InstantMessage> send(String accountId, String target, String contentType,
            String body) throws CallException {
        return messages.send(account(accountId), target, contentType, body);
    }

    // ---- CallService ---------------------------------------------------------------------

    @Override
    public Call dial(String accountId, String target) throws CallException {
        UserAgent ua = account(accountId);
        SipUri uri;
        try {
            uri = SipUri.parse(target, ua.config().domain());
        } catch (IllegalArgumentException e) {
            throw new CallException("cannot call '" + target + "': " + e.getMessage());
        }
        return onSignalling(() -> dialNow(ua, uri));
    }

    /** Places a call; on the signalling thread. */
    private Call dialNow(UserAgent ua, SipUri uri) {
        String accountId = ua.id();
        MediaEngine engine = mediaEngine;
        AccountSdp settings = null;
        String badSettings = null;
        try {
            settings = AccountSdp.of(ua.config());
        } catch (IllegalArgumentException e) {
            badSettings = "account " + accountId + ": " + e.getMessage();
        }
        CallSdp callSdp = sdp.newCall(settings == null ? AccountSdp.defaults() : settings, profilesOf(engine));
        CallSession call = CallSession.outgoing(nextId(), ua, uri.toString(), callContext(), callSdp);
        register(call);
        if (badSettings != null) {
            call.end(CallEndReason.of(CallEndReason.Kind.ERROR, badSettings));
            return call;
        }
        if (engine == null) {
            call.end(CallEndReason.of(CallEndReason.Kind.NO_MEDIA_ENGINE, "no media engine is installed"));
            return call;
        }
        if (!ua.isReady()) {
            call.end(CallEndReason.of(CallEndReason.Kind.NO_SIP_STACK, "account " + accountId + ": " + ua.info().state()));
            return call;
        }
        try {
            callSdp.startOutgoing();
        } catch (SdpRejection e) {
            call.end(CallEndReason.of(CallEndReason.Kind.NOT_ACCEPTABLE, e.getMessage()));
            return call;
        }
        PreparedMedia.Ready ready = prepared.takeOfferer(ua, engine);
        if (ready != null) {
            call.start(ready.session(), ready.offer());
            return call;
        }
        try {
            call.start(engine.createSession(callMediaConfig(call.id(), ua)));
        } catch (MediaException | RuntimeException e) {
            call.end(CallEndReason.of(CallEndReason.Kind.MEDIA_FAILED, "media engine failed: " + e.getMessage()));
        }
        return call;
    }

    /** What a call borrows from the gateway; its dialler runs on the signalling thread (a REFER we received). */
    private CallContext callContext() {
        return new CallContext(this::execute, mediaCalls, callTimers, events, ids, (accountId, target) -> {
            UserAgent ua = account(accountId);
            try {
                return dialNow(ua, SipUri.parse(target, ua.config().domain()));
            } catch (IllegalArgumentException e) {
                throw new CallException("cannot call '" + target + "': " + e.getMessage());
            }
        });
    }

    /** Tests: timers with virtual time. */
    void useCallTimers(Scheduler timers) {
        callTimers = timers;
    }

    @Override
    public void answer(String callId) throws CallException {
        CallSession c = existing(callId);
        onSignalling(() -> {
            if (c.state() != CallState.INCOMING) {
                throw new CallException("call " + callId + " is " + c.state() + ", not INCOMING");
            }
            c.answer();
            return null;
        });
    }

    @Override
    public void reject(String callId, int sipStatus) throws CallException {
        if (sipStatus < 400 || sipStatus > 699) {
            throw new CallException("a rejection needs a 4xx, 5xx or 6xx status, not " + sipStatus);
        }
        CallSession c = existing(callId);
        onSignalling(() -> {
            if (c.state() != CallState.INCOMING) {
                throw new CallException("call " + callId + " is " + c.state() + ", not INCOMING");
            }
            c.reject(sipStatus, null, sipStatus == 486 ? CallEndReason.Kind.BUSY : CallEndReason.Kind.REJECTED);
            return null;
        });
    }

    @Override
    public void hangup(String callId) throws CallException {
        CallSession c = existing(callId);
        onSignalling(() -> {
            c.hangup();
            return null;
        });
    }

    @Override
    public void hold(String callId) throws CallException {
        CallSession c = existing(callId);
        onSignalling(() -> {
            requireConnected(c);
            c.hold(true);
            return null;
        });
    }

    @Override
    public void resume(String callId) throws CallException {
        CallSession c = existing(callId);
        onSignalling(() -> {
            requireConnected(c);
            c.hold(false);
            return null;
        });
    }

    @Override
    public void sendDtmf(String callId, String tones) throws CallException {
        String valid;
        try {
            valid = Dtmf.validate(tones);
        } catch (IllegalArgumentException e) {
            throw new CallException(e.getMessage());
        }
        CallSession c = existing(callId);
        onSignalling(() -> {
            requireConnected(c);
            c.sendDtmf(valid);
            return null;
        });
    }

    @Override
    public void setMuted(String callId, boolean muted) throws CallException {
        mute(callId, false, muted);
    }

    @Override
    public void setVideoMuted(String callId, boolean muted) throws CallException {
        mute(callId, true, muted);
    }

    private void mute(String callId, boolean video, boolean on) throws CallException {
        CallSession c = existing(callId);
        onSignalling(() -> {
            if (c.state().isFinal()) {
                throw new CallException("call " + callId + " has ended");
            }
            c.setMuted(video, on);
            return null;
        });
    }

    @Override
    public void transfer(String callId, String target) throws CallException {
        CallSession c = existing(callId);
        SipUri uri;
        try {
            uri = SipUri.parse(target, c.account().config().domain());
        } catch (IllegalArgumentException e) {
            throw new CallException("cannot transfer to '" + target + "': " + e.getMessage());
        }
        onSignalling(() -> {
            requireConnected(c);
            if (!c.transfer(uri.toString())) {
                throw new CallException("call " + callId + " is already being transferred");
            }
            return null;
        });
    }

    private static void requireConnected(CallSession c) throws CallException {
        if (c.state() != CallState.CONNECTED) {
            throw new CallException("call " + c.id() + " is " + c.state() + ", not CONNECTED");
        }
    }

    @Override
    public List<Call> calls() {
        synchronized (calls) {
            return calls.values().stream().filter(c -> !c.state().isFinal()).collect(Collectors.toList());
        }
    }

    @Override
    public Optional<Call> call(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    @Override
    public List<AccountInfo> accounts() {
        return accounts.values().stream().map(UserAgent::info)
                .sorted((a, b) -> a.id().compareTo(b.id())).collect(Collectors.toList());
    }

    // ---- internals ----------------------------------------------------------------------

    /** Returns once every signalling task queued before this call has run (a seam for tests). */
    /** Tests: whether the account's sessions for its next calls are made. */
    boolean mediaPrepared(String accountId) {
        return prepared.isReady(accountId);
    }

    void awaitSignalling() throws CallException {
        onSignalling(() -> null);
    }

    private UserAgent account(String accountId) throws CallException {
        UserAgent ua = accountId == null ? null : accounts.get(accountId);
        if (ua == null) {
            throw new CallException("unknown account '" + accountId + "' (configured: " + accounts.keySet() + ")");
        }
        return ua;
    }

    private CallSession existing(String callId) throws CallException {
        CallSession c = calls.get(callId);
        if (c == null) {
            throw new CallException("no call with id '" + callId + "'");
        }
        return c;
    }

    private String nextId() {
        return "c" + callNumbers.incrementAndGet();
    }

    private static java.util.Set<String> profilesOf(MediaEngine engine) {
        if (engine == null) {
            return CallSdp.DEFAULT_ENGINE_PROFILES;
        }
        try {
            java.util.Set<String> p = engine.sdpProfiles();
            return p == null ? CallSdp.DEFAULT_ENGINE_PROFILES : p;
        } catch (RuntimeException | AbstractMethodError e) {
            return CallSdp.DEFAULT_ENGINE_PROFILES; // an engine built against the 1.0 API
        }
    }

    /** Says once, at binding time, when an account's fixed profile needs what the engine lacks. */
    private static void reportProfile(UserAgent ua, MediaEngine engine) {
        AccountSdp settings;
        try {
            settings = AccountSdp.of(ua.config());
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "account " + ua.id() + ": " + e.getMessage() + "; its calls fail until it is fixed");
            return;
        }
        if (engine != null && !CallSdp.serves(profilesOf(engine), settings)) {
            String p = settings.profile().orElseThrow().id();
            LOG.warning(() -> "account " + ua.id() + " uses SDP profile " + p + ", which the media engine does not serve ("
                    + profilesOf(engine) + ")" + ("rtp".equals(p) ? ": plain RTP needs a media relay or a plain-RTP media engine" : "")
                    + "; its calls get 488 until one is installed");
        }
    }

    private MediaSessionConfig mediaConfig(String label, UserAgent ua) {
        return new MediaSessionConfig(label, ua.config().tone_hz(), ua.config().media_address());
    }

    /**
     * A call's media: the account's audio and its video setting.
     *
     * @throws IllegalArgumentException when the video setting is unusable (the call then fails, saying so)
     */
    private MediaSessionConfig callMediaConfig(String label, UserAgent ua) {
        return mediaConfig(label, ua).withVideo(AccountVideo.parse(ua.config().video()));
    }

    private void register(CallSession call) {
        synchronized (calls) {
            calls.put(call.id(), call);
            for (Iterator<CallSession> it = calls.values().iterator(); calls.size() > ENDED_CALLS_KEPT && it.hasNext();) {
                CallSession old = it.next();
                if (old.state().isFinal()) {
                    it.remove();
                    byCallId.remove(key(old.account(), old.dialog().callId()), old);
                }
            }
        }
        byCallId.put(key(call.account(), call.dialog().callId()), call);
    }

    private static String key(UserAgent ua, String callId) {
        return ua.id() + "|" + callId;
    }

    private <T> T onSignalling(Callable<T> work) throws CallException {
        try {
            return signalling.submit(work).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CallException) {
                throw (CallException) e.getCause();
            }
            throw new CallException("call control failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new CallException("call control timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallException("interrupted");
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new CallException("the gateway is stopping");
        }
    }

    private void execute(Runnable r) {
        try {
            signalling.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "signalling task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.fine("gateway stopping: request dropped");
        }
    }

    /** Requests arriving at one account, moved onto the signalling thread. */
    private final class AccountRequests implements SipRequestHandler {

        private final UserAgent ua;

        AccountRequests(UserAgent ua) {
            this.ua = ua;
        }

        @Override
        public void onRequest(ServerTransaction tx) {
            execute(() -> dispatch(ua, tx));
        }

        @Override
        public void onAck(SipRequest ack) {
            execute(() -> {
                CallSession c = byCallId.get(key(ua, ack.callId()));
                if (c != null) {
                    c.onAck(ack);
                }
            });
        }

        @Override
        public void onCancel(ServerTransaction invite) {
            execute(() -> {
                CallSession c = byCallId.get(key(ua, invite.request().callId()));
                if (c != null) {
                    c.onCancel();
                } else {
                    respond(invite, 487);
                }
            });
        }
    }

    private void dispatch(UserAgent ua, ServerTransaction tx) {
        SipRequest req = tx.request();
        CallSession existing = byCallId.get(key(ua, req.callId()));
        String method = req.method();
        if (SipRequestUris.toTag(req) == null && "INVITE".equals(method)) {
            if (existing != null) {
                respond(tx, 482); // a second INVITE with the same Call-ID and no To tag: loop or merge
                return;
            }
            incoming(ua, tx);
            return;
        }
        switch (method) {
            case "BYE":
                if (existing == null || existing.state().isFinal()) {
                    respond(tx, 481);
                } else {
                    existing.onBye(tx);
                }
                return;
            case "MESSAGE":
                if (SipRequestUris.toTag(req) != null && (existing == null || existing.state().isFinal())) {
                    respond(tx, 481); // in a dialog we do not know
                } else {
                    messages.receive(ua, tx);
                }
                return;
            case "OPTIONS":
                respond(tx, 200);
                return;
            case "ACK":
            case "CANCEL":
                return;
            case "INVITE":
            case "UPDATE":
            case "INFO":
            case "REFER":
            case "NOTIFY":
                if (existing == null || existing.state().isFinal() || SipRequestUris.toTag(req) == null) {
                    respond(tx, 481);
                } else {
                    existing.onInDialogRequest(tx);
                }
                return;
            default:
                respond(tx, 501);
        }
    }

    private void incoming(UserAgent ua, ServerTransaction tx) {
        MediaEngine engine = mediaEngine;
        AccountSdp settings;
        try {
            settings = AccountSdp.of(ua.config());
        } catch (IllegalArgumentException e) {
            CallSession call = CallSession.incoming(nextId(), ua, tx, callContext(),
                    sdp.newCall(AccountSdp.defaults(), profilesOf(engine)));
            register(call);
            call.reject(500, "account " + ua.id() + ": " + e.getMessage(), CallEndReason.Kind.ERROR);
            return;
        }
        CallSession call = CallSession.incoming(nextId(), ua, tx, callContext(),
                sdp.newCall(settings, profilesOf(engine)));
        if (engine == null) {
            register(call);
            call.reject(503, "no media engine is installed", CallEndReason.Kind.NO_MEDIA_ENGINE);
            return;
        }
        MediaSession session = prepared.takeAnswerer(ua, engine);
        try {
            if (session == null) {
                session = engine.createSession(callMediaConfig(call.id(), ua));
            }
        } catch (MediaException | RuntimeException e) {
            register(call);
            call.reject(503, "media engine failed: " + e.getMessage(), CallEndReason.Kind.MEDIA_FAILED);
            return;
        }
        register(call);
        call.receive(session, ua.config().auto_answer());
    }

    private static void respond(ServerTransaction tx, int status) {
        try {
            SipResponse r = SipResponse.to(tx.request(), status);
            if (status == 200 || status == 405 || status == 501) {
                r = r.withHeader("Allow", SipCapabilities.ALLOW);
            }
            tx.respond(r);
        } catch (SipException e) {
            LOG.fine(() -> "response " + status + " not sent: " + e.getMessage());
        }
    }
}
