package io.siprtc.gateway.internal;

import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.SessionDescription;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Media sessions made before a call needs them, per account (its {@code prepare_media} setting):
 * one whose offer is made, candidates and all, so that the next call we place sends its INVITE
 * at once, and a fresh one for the next incoming call, whose answer then skips making the peer
 * connection. A call takes what is ready; the next ones are made off the signalling thread once
 * the account has no call going, so that making them never competes with a live call's native
 * threads. (The rule came from RFC 4733 digits lost to Chromium while sessions were made during a
 * call; those digits were cut short by libwebrtc itself, see the media engine's TelephoneEvents.)
 *
 * <p>What is ready is used only with the engine and the account configuration it was made for;
 * anything else (another engine bound, a changed account, an offer that failed, an offer older
 * than {@link #OFFER_MAX_AGE_NANOS}, whose host candidates may be out of date) is closed and the
 * call makes its own, as it would without this. Nothing is remade while idle: each remake of a
 * session costs native memory webrtc-java 0.14 never gives back (see the media engine's README).
 */
final class PreparedMedia implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PreparedMedia.class.getName());

    /** An offer older than this is not sent: the machine's addresses may have changed since. */
    static final long OFFER_MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** The pause before making an account's sessions (after its last call ended, or it came). */
    static final long REMAKE_DELAY_MS = 100;

    /** A session made in advance, with its offer when it is an offerer. */
    record Ready(MediaEngine engine, AccountConfig config, MediaSession session,
            CompletionStage<SessionDescription> offer, long madeAt) {
    }

    private final Supplier<MediaEngine> engine;
    private final BiFunction<String, UserAgent, MediaSessionConfig> configs;
    private final Predicate<UserAgent> accounts;
    private final Map<String, Ready> offerers = new ConcurrentHashMap<>();
    private final Map<String, Ready> answerers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService maker;
    private final LongSupplier clock;
    private volatile boolean closed;

    /**
     * @param engine the engine bound now (null: none)
     * @param configs a session configuration for a label and an account
     * @param accounts whether to make an account's sessions now: it is still there and has no call going
     */
    PreparedMedia(Supplier<MediaEngine> engine, BiFunction<String, UserAgent, MediaSessionConfig> configs,
            Predicate<UserAgent> accounts) {
        this(engine, configs, accounts, System::nanoTime);
    }

    /** Tests: a clock of their own for the offers' age. */
    PreparedMedia(Supplier<MediaEngine> engine, BiFunction<String, UserAgent, MediaSessionConfig> configs,
            Predicate<UserAgent> accounts, LongSupplier clock) {
        this.engine = engine;
        this.configs = configs;
        this.accounts = accounts;
        this.clock = clock;
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "siprtc-prepared-media");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.maker = e;
    }

    /** The account's session with its offer made, or null: the call makes its own. */
    Ready takeOfferer(UserAgent ua, MediaEngine current) {
        Ready r = offerers.remove(ua.id());
        if (r == null) {
            return null;
        }
        boolean failed = r.offer().toCompletableFuture().isCompletedExceptionally();
        if (!usable(r, ua, current) || failed || clock.getAsLong() - r.madeAt() > OFFER_MAX_AGE_NANOS) {
            close(r);
            return null;
        }
        return r;
    }

    /** The account's fresh session for an incoming call, or null: the call makes its own. */
    MediaSession takeAnswerer(UserAgent ua, MediaEngine current) {
        Ready r = answerers.remove(ua.id());
        if (r == null) {
            return null;
        }
        if (!usable(r, ua, current)) {
            close(r);
            return null;
        }
        return r.session();
    }

    private static boolean usable(Ready r, UserAgent ua, MediaEngine current) {
        return r.engine() == current && r.config() == ua.config();
    }

    /** Makes the account's sessions soon (an account or engine came, its calls ended). */
    void remakeLater(UserAgent ua) {
        if (closed || !ua.config().prepare_media()) {
            return;
        }
        try {
            maker.schedule(() -> make(ua), REMAKE_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // closed meanwhile
        }
    }

    /** On the maker's thread: whatever the account lacks. */
    private void make(UserAgent ua) {
        MediaEngine e = engine.get();
        AccountConfig config = ua.config();
        if (closed || e == null || !config.prepare_media() || !accounts.test(ua)) {
            return;
        }
        if (!offerers.containsKey(ua.id())) {
            MediaSession s = create(e, ua, "offer");
            if (s != null) {
                keep(offerers, ua, new Ready(e, config, s, CallSession.guarded(s::createOffer), clock.getAsLong()));
            }
        }
        if (!answerers.containsKey(ua.id())) {
            MediaSession s = create(e, ua, "answer");
            if (s != null) {
                keep(answerers, ua, new Ready(e, config, s, null, clock.getAsLong()));
            }
        }
    }

    private MediaSession create(MediaEngine e, UserAgent ua, String role) {
        try {
            return e.createSession(configs.apply(ua.id() + "-next-" + role, ua));
        } catch (MediaException | RuntimeException failed) {
            // the call will make its own session and report what is wrong
            LOG.log(Level.FINE, "account " + ua.id() + ": no session made in advance", failed);
            return null;
        }
    }

    private void keep(Map<String, Ready> ready, UserAgent ua, Ready r) {
        Ready old = ready.put(ua.id(), r);
        if (old != null) {
            close(old);
        }
        if ((closed || !accounts.test(ua)) && ready.remove(ua.id(), r)) {
            close(r); // close() or discard(account) ran meanwhile and may have missed it, or a call began
        }
    }

    /** Tests: whether both of the account's sessions are ready. */
    boolean isReady(String accountId) {
        return offerers.containsKey(accountId) && answerers.containsKey(accountId);
    }

    /** Closes what an account had ready (it went away). */
    void discard(String accountId) {
        close(offerers.remove(accountId));
        close(answerers.remove(accountId));
    }

    /** Closes what was made with an engine (it went away). */
    void discard(MediaEngine gone) {
        for (Map<String, Ready> ready : java.util.List.of(offerers, answerers)) {
            ready.forEach((id, r) -> {
                if (r.engine() == gone && ready.remove(id, r)) {
                    close(r);
                }
            });
        }
    }

    private static void close(Ready r) {
        if (r == null) {
            return;
        }
        try {
            r.session().close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a session made in advance", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        maker.shutdownNow();
        for (Map<String, Ready> ready : java.util.List.of(offerers, answerers)) {
            ready.keySet().forEach(id -> close(ready.remove(id)));
        }
    }
}
