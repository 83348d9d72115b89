package io.siprtc.gateway.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipMessage;
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
    /** Shared by the calls; see {@link #callDigest()}. Null until the first call needs it and after a change. */
    private DigestClient callDigest;
    private volatile SipStack stack;
    private volatile SipEndpoint endpoint;
    private volatile SipRequestHandler handler;
    private volatile String problem = "no SIP stack";
    private volatile int boundPort;
    /** The TLS port bound (kept when the endpoint is reopened), 0 without TLS. */
    private volatile int boundTlsPort;
    /** RFC 5626 CRLF pings while registered (keep.alive.method = crlf), else null. */
    private volatile CrlfKeepAlive crlfKeepAlive;
    /** Guards crlfKeepAlive; not the component's lock, which is held while waiting for the registration thread. */
    private final Object keepAliveLock = new Object();

    /** How long stopping waits for the registrar to confirm the unregistration. */
    static final long UNREGISTER_WAIT_MS = 2000;
    private final Ids ids = new Ids();
    private volatile String id;
    private volatile AccountEventBus accountEvents;
    private volatile ExecutorScheduler scheduler;
    private volatile Registration registration;
    private volatile RegistrationState registrationState = RegistrationState.NONE;
    private volatile String registrationDetail = "";

    /** DNS for server location, made from an account's {@code dns.servers} (empty: the system's). */
    private final Function<List<InetSocketAddress>, DnsResolver> dnsFactory;
    private final TargetFailover failover = new TargetFailover();
    private volatile ServerLocator locator;
    private volatile String locatorProblem;

    /** As DS creates it: DNS by {@link DnsClient} to the configured servers, else {@link SystemDns}. */
    public UserAgent() {
        this(UserAgent::dns);
    }

    /** With another DNS (tests). */
    UserAgent(Function<List<InetSocketAddress>, DnsResolver> dnsFactory) {
        this.dnsFactory = dnsFactory;
    }

    private static DnsResolver dns(List<InetSocketAddress> servers) {
        return servers.isEmpty() ? SystemDns.create(1000, 2) : new DnsClient(servers, 1000, 2);
    }

    /** A locator for the configured DNS servers, with a cache of its own; a bad list is kept as the problem. */
    private void useDns(AccountConfig c) {
        try {
            locator = new ServerLocator(new DnsCache(dnsFactory.apply(DnsServers.parse(c.dns_servers()))),
                    () -> ThreadLocalRandom.current().nextDouble());
            locatorProblem = null;
        } catch (IllegalArgumentException e) {
            locator = null;
            locatorProblem = e.getMessage();
            LOG.warning(() -> "account " + c.id() + ": " + e.getMessage());
        }
    }

    @Activate
    void activate(AccountConfig config) {
        this.config = config;
        this.id = config.id();
        this.boundPort = config.listen_port();
        this.boundTlsPort = config.listen_tls_port();
        this.scheduler = new ExecutorScheduler("siprtc-register-" + config.id());
        useDns(config);
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
                || prev.listen_port() != next.listen_port() || !prev.transport().equalsIgnoreCase(next.transport())
                || !AccountSettings.sameTls(prev, next);
        AccountSettings before = settings();
        boolean newDns = !prev.dns_servers().trim().equals(next.dns_servers().trim());
        if (newDns) {
            useDns(next);
        }
        config = next;
        callDigest = null; // the user name or password may have changed
        if (relisten) {
            stopRegistration();
            boundPort = next.listen_port();
            boundTlsPort = next.listen_tls_port();
            reopen();
        } else if (!before.sameRegistration(settings()) || newDns) {
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
            SipEndpoint e = s.open(new SipEndpointConfig(config.id(), config.listen_address(), boundPort, transports)
                    .withTls(AccountSettings.tlsConfig(config), boundTlsPort), this);
            boundPort = e.port(SipTransport.UDP);
            boundTlsPort = transports.contains(SipTransport.TLS) ? e.port(SipTransport.TLS) : 0;
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

    /** Our Contact: as configured, or as the registrar saw us behind a NAT (see {@link NatContact}). */
    String contact() {
        Registration r = registration;
        return r != null ? r.contact() : settings().contact();
    }

    /** The configuration read for SIP, with the port bound now. */
    AccountSettings settings() {
        return AccountSettings.of(config, boundPort, boundTlsPort);
    }

    /** A digest client with this account's credentials, for one request's challenges. */
    DigestClient digestClient() {
        AccountSettings s = settings();
        return new DigestClient(s.authUser(), s.password(), () -> ids.token(24));
    }

    /**
     * The digest client all of this account's calls share: the challenge one INVITE got lets the
     * next carry credentials at once (RFC 3261 section 22.3), which saves a round trip per call.
     * A new one after every configuration change.
     */
    synchronized DigestClient callDigest() {
        if (callDigest == null) {
            callDigest = digestClient();
        }
        return callDigest;
    }

    /**
     * A new INVITE with credentials from the proxy challenges earlier calls got (next nonce count),
     * when it goes by the account's outbound proxy or registrar, the server that challenged
     * them; a call sent straight to its target gets none (they would show a server's nonce to
     * someone else). A server that no longer takes the nonce challenges again, and the call
     * answers that challenge as usual.
     */
    SipRequest preauthorizeInvite(SipRequest invite) {
        if (settings().route() == null || invite.header("Route").isPresent()) {
            return invite;
        }
        return callDigest().preauthorize(invite, true);
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

    /**
     * Sends a request. One outside a dialog goes by the outbound proxy or registrar when there is
     * one (pre-loaded Route), to the servers RFC 3263 locates for its first Route, else its
     * Request-URI, failing over along them ({@link TargetFailover}); one in a dialog goes where
     * its Route or Request-URI says, as the stack routes it.
     */
    ClientTransaction send(SipRequest request, ResponseHandler responses) throws SipException {
        SipEndpoint e = requireEndpoint();
        SipRequest r = withOutboundRoute(request);
        if (SipRequestUris.toTag(r) != null) {
            return e.send(r, responses);
        }
        String target = r.header("Route").map(v -> SipMessage.uriOf(Registration.splitList(v).get(0)))
                .orElse(r.requestUri());
        List<SipHop> servers = locate(target, e);
        return failover.send(target, servers, r, e::send, responses);
    }

    private List<SipHop> locate(String target, SipEndpoint e) throws SipException {
        ServerLocator l = locator;
        if (l == null) {
            throw new SipException("account " + id() + " cannot locate " + target + ": " + locatorProblem);
        }
        Set<SipTransport> transports = EnumSet.noneOf(SipTransport.class);
        for (SipTransport t : SipTransport.values()) {
            try {
                e.port(t);
                transports.add(t);
            } catch (IllegalArgumentException notListening) {
                // not a transport of this endpoint
            }
        }
        return l.locate(target, transports, addressFamily(config.listen_address()));
    }

    /** The family of addresses reachable from our listening address; null when it is a name. */
    static Class<? extends InetAddress> addressFamily(String listenAddress) {
        return SipHosts.isIpv4(listenAddress) ? Inet4Address.class
                : SipHosts.isIpv6(listenAddress) ? Inet6Address.class : null;
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
        stopCrlfKeepAlive();
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
        if (to == RegistrationState.REGISTERED) {
            startCrlfKeepAlive();
        } else {
            stopCrlfKeepAlive();
        }
        registrationDetail = detail;
        LOG.info(() -> "account " + id() + ": " + to + (detail.isEmpty() ? "" : " (" + detail + ")"));
        AccountEventBus bus = accountEvents;
        if (bus != null) {
            bus.publish(new AccountEvent(info(to, detail), from, to, detail, sipStatus));
        }
    }

    /**
     * Starts CRLF pings when the account asks for them (on the registration's thread), to the
     * server that took the registration: the one RFC 3263 location reached for the route (a
     * domain's name is no address), else the route as configured. A registration that moved to
     * another server moves the pings with it.
     */
    private void startCrlfKeepAlive() {
        AccountSettings s = settings();
        SipHop hop = keepAliveHop(s);
        boolean moved;
        synchronized (keepAliveLock) {
            moved = crlfKeepAlive != null && !crlfKeepAlive.hop().equals(hop);
        }
        if (moved) {
            stopCrlfKeepAlive();
        }
        synchronized (keepAliveLock) {
            if (crlfKeepAlive != null || s.crlfKeepAliveSeconds() <= 0 || hop == null) {
                return;
            }
            CrlfKeepAlive k = new CrlfKeepAlive(hop, s.crlfKeepAliveSeconds(), h -> requireEndpoint().sendKeepAlive(h),
                    scheduler, why -> {
                        LOG.info(() -> "account " + id() + ": " + why);
                        Registration r = registration;
                        if (r != null) {
                            r.refreshNow("keep-alive: " + why);
                        }
                    });
            crlfKeepAlive = k;
            k.start();
        }
    }

    private SipHop keepAliveHop(AccountSettings s) {
        SipHop configured = s.keepAliveHop();
        if (configured == null) {
            return null;
        }
        SipHop reached = failover.lastAnswered(SipMessage.uriOf(Registration.splitList(s.route()).get(0)));
        return reached != null ? reached : configured;
    }

    private void stopCrlfKeepAlive() {
        CrlfKeepAlive k;
        synchronized (keepAliveLock) {
            k = crlfKeepAlive;
            crlfKeepAlive = null;
        }
        if (k != null) {
            k.stop();
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
