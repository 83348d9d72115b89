package io.siprtc.gateway.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.siprtc.api.call.AccountEvent;
import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.sip.ClientTransaction;
import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.ServerTransaction;
import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipRequestHandler;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipStack;
import io.siprtc.api.sip.SipTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One account: its listening point on whichever SIP stack is bound now, and its
 * {@link Registration} when it registers. When the stack is swapped, the endpoint is reopened on
 * the same address and port and the binding refreshed; dialogs live in the gateway and are not
 * touched. A changed configuration re-registers (or reopens the endpoint when the listening
 * address changed); deactivation unregisters, waiting at most {@link #UNREGISTER_WAIT_MS}.
 */
@Component(service = UserAgent.class, configurationPid = "io.siprtc.account",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AccountConfig.class, factory = true)
public class UserAgent implements SipRequestHandler {

    private static final Logger LOG = Logger.getLogger(UserAgent.class.getName());

    private volatile AccountConfig config;
    private volatile SipStack stack;
    private volatile SipEndpoint endpoint;
    private volatile SipRequestHandler handler;
    private volatile String problem = "no SIP stack";
    private volatile int boundPort;

    /** How long stopping waits for the registrar to confirm the unregistration. */
    static final long UNREGISTER_WAIT_MS = 2000;
    private final Ids ids = new Ids();
    private volatile String id;
    private volatile AccountEventBus accountEvents;
    private volatile ExecutorScheduler scheduler;
    private volatile Registration registration;
    private volatile RegistrationState registrationState = RegistrationState.NONE;
    private volatile String registrationDetail = "";

    @Activate
    void activate(AccountConfig config) {
        this.config = config;
        this.id = config.id();
        this.boundPort = config.listen_port();
        this.scheduler = new ExecutorScheduler("siprtc-register-" + config.id());
        reopen();
    }

    /**
     * A changed configuration: a new listening address, port or transport reopens the endpoint;
     * anything else registration uses (user, domain, password, proxy, expiry, ...) unregisters the
     * old binding and registers the new one; other changes (display name, tone, ...) just apply.
     * The id stays: a new id needs a new configuration.
     */
    @Modified
    synchronized void modified(AccountConfig next) {
        AccountConfig prev = config;
        if (!next.id().equals(id)) {
            LOG.warning(() -> "account " + id + ": the id cannot change while the account runs; '" + next.id()
                    + "' ignored (delete the configuration and create a new one)");
        }
        boolean relisten = !prev.listen_address().equals(next.listen_address())
                || prev.listen_port() != next.listen_port() || !prev.transport().equalsIgnoreCase(next.transport());
        AccountSettings before = settings();
        config = next;
        if (relisten) {
            stopRegistration();
            boundPort = next.listen_port();
            reopen();
        } else if (!before.sameRegistration(settings())) {
            stopRegistration();
            if (endpoint != null) {
                startRegistration();
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stopRegistration();
        closeEndpoint();
        ExecutorScheduler s = scheduler;
        if (s != null) {
            s.close();
        }
    }

    @Reference
    void bindAccountEvents(AccountEventBus bus) {
        accountEvents = bus;
    }

    void unbindAccountEvents(AccountEventBus bus) {
        if (accountEvents == bus) {
            accountEvents = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSipStack(SipStack s) {
        this.stack = s;
        if (config != null) {
            reopen();
        }
    }

    void unbindSipStack(SipStack s) {
        if (stack == s) {
            stack = null;
            synchronized (this) {
                stopRegistration(); // the endpoint still works while its stack unregisters
                closeEndpoint();
                problem = "no SIP stack";
            }
        }
    }

    private synchronized void reopen() {
        closeEndpoint();
        SipStack s = stack;
        if (s == null) {
            problem = "no SIP stack";
            return;
        }
        Set<SipTransport> transports = EnumSet.of(SipTransport.UDP, SipTransport.TCP);
        try {
            transports.add(SipTransport.parse(config.transport()));
            SipEndpoint e = s.open(new SipEndpointConfig(config.id(), config.listen_address(), boundPort, transports), this);
            boundPort = e.port(SipTransport.UDP);
            endpoint = e;
            problem = null;
            LOG.info(() -> "account " + config.id() + " listening on " + contact());
            Registration r = registration;
            if (r == null) {
                startRegistration();
            } else {
                r.refreshNow("SIP endpoint reopened");
            }
        } catch (SipException | IllegalArgumentException e) {
            problem = e.getMessage();
            LOG.log(Level.WARNING, "account " + config.id() + ": " + e.getMessage());
        }
    }

    private void closeEndpoint() {
        SipEndpoint e = endpoint;
        endpoint = null;
        if (e != null) {
            e.close();
        }
    }

    void attach(SipRequestHandler h) {
        this.handler = h;
    }

    void detach(SipRequestHandler h) {
        if (handler == h) {
            handler = null;
        }
    }

    String id() {
        String i = id;
        return i != null ? i : config.id();
    }

    AccountConfig config() {
        return config;
    }

    boolean isReady() {
        return endpoint != null;
    }

    /** Our address of record: for a peer-to-peer account on its listening address, with the port. */
    String addressOfRecord() {
        return settings().addressOfRecord();
    }

    String contact() {
        return settings().contact();
    }

    /** The configuration read for SIP, with the port bound now. */
    AccountSettings settings() {
        return AccountSettings.of(config, boundPort);
    }

    /** A digest client with this account's credentials, for one call's challenges. */
    DigestClient digestClient() {
        AccountSettings s = settings();
        return new DigestClient(s.authUser(), s.password(), () -> ids.token(24));
    }

    AccountInfo info() {
        Registration r = registration;
        return r != null ? info(r.state(), r.detail()) : info(registrationState, registrationDetail);
    }

    private AccountInfo info(RegistrationState registered, String detail) {
        AccountConfig c = config;
        String state = problem == null ? "ready" : problem;
        return new AccountInfo(id(), addressOfRecord(), isReady() ? contact() : null, c.display_name(),
                c.auto_answer(), state, registered, detail);
    }

    /** Sends a request; one outside a dialog goes by the outbound proxy or registrar when there is one. */
    ClientTransaction send(SipRequest request, ResponseHandler responses) throws SipException {
        return requireEndpoint().send(withOutboundRoute(request), responses);
    }

    /**
     * A request outside a dialog (no To tag) without a Route gets the account's pre-loaded route
     * (RFC 3261 section 8.1.2): the outbound proxy, else the registrar of a registering account.
     */
    SipRequest withOutboundRoute(SipRequest request) {
        String route = settings().route();
        if (route == null || request.header("Route").isPresent() || SipRequestUris.toTag(request) != null) {
            return request;
        }
        return request.addHeader("Route", route);
    }

    // ---- registration --------------------------------------------------------------------

    /** Registers with the current configuration when the account registers at all. */
    private void startRegistration() {
        AccountSettings s = settings();
        if (!s.registers()) {
            if (registrationState != RegistrationState.NONE) {
                onRegistrationChanged(registrationState, RegistrationState.NONE, "registration turned off", 0);
            }
            return;
        }
        DigestClient digest = new DigestClient(s.authUser(), s.password(), () -> ids.token(24));
        Registration r = new Registration(s, this::send, scheduler, digest,
                new RegistrationBackoff(() -> ThreadLocalRandom.current().nextDouble()), ids, this::onRegistrationChanged);
        registration = r;
        r.start();
    }

    /** Unregisters (bounded wait) and forgets the registration. */
    private void stopRegistration() {
        Registration r = registration;
        registration = null;
        if (r == null) {
            return;
        }
        registrationState = r.state();
        registrationDetail = r.detail();
        try {
            r.stop().get(UNREGISTER_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info(() -> "account " + id() + ": no answer to the unregistration within " + UNREGISTER_WAIT_MS + " ms");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "account " + id() + ": unregistration failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onRegistrationChanged(RegistrationState from, RegistrationState to, String detail, int sipStatus) {
        registrationState = to;
        registrationDetail = detail;
        LOG.info(() -> "account " + id() + ": " + to + (detail.isEmpty() ? "" : " (" + detail + ")"));
        AccountEventBus bus = accountEvents;
        if (bus != null) {
            bus.publish(new AccountEvent(info(to, detail), from, to, detail, sipStatus));
        }
    }

    void sendAck(SipRequest ack) throws SipException {
        requireEndpoint().sendAck(ack);
    }

    private SipEndpoint requireEndpoint() throws SipException {
        SipEndpoint e = endpoint;
        if (e == null) {
            throw new SipException("account " + config.id() + " cannot send: " + problem);
        }
        return e;
    }

    @Override
    public void onRequest(ServerTransaction tx) {
        SipRequestHandler h = handler;
        if (h != null) {
            h.onRequest(tx);
            return;
        }
        try {
            tx.respond(SipResponse.to(tx.request(), 503).withHeader("Retry-After", "5"));
        } catch (SipException e) {
            LOG.fine(() -> "could not answer 503: " + e.getMessage());
        }
    }

    @Override
    public void onAck(SipRequest ack) {
        SipRequestHandler h = handler;
        if (h != null) {
            h.onAck(ack);
        }
    }

    @Override
    public void onCancel(ServerTransaction invite) {
        SipRequestHandler h = handler;
        if (h != null) {
            h.onCancel(invite);
        }
    }

    @Override
    public void onMalformed(String source, String problemText) {
        LOG.info(() -> "account " + config.id() + ": malformed message from " + source + ": " + problemText);
    }
}
