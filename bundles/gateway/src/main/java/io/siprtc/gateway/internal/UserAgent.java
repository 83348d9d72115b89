package io.siprtc.gateway.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.siprtc.api.call.AccountInfo;
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
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One account: its listening point on whichever SIP stack is bound now. When the stack is
 * swapped, the endpoint is reopened on the same address and port; dialogs live in the gateway
 * and are not touched.
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
    private int boundPort;

    @Activate
    void activate(AccountConfig config) {
        this.config = config;
        this.boundPort = config.listen_port();
        reopen();
    }

    @Deactivate
    synchronized void deactivate() {
        closeEndpoint();
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
        return config.id();
    }

    AccountConfig config() {
        return config;
    }

    boolean isReady() {
        return endpoint != null;
    }

    /** Our address of record: for a peer-to-peer account on its listening address, with the port. */
    String addressOfRecord() {
        AccountConfig c = config;
        boolean p2p = c.domain().equals(c.listen_address());
        return "sip:" + c.user() + "@" + host(c.domain()) + (p2p && boundPort > 0 ? ":" + boundPort : "");
    }

    String contact() {
        AccountConfig c = config;
        return "sip:" + c.user() + "@" + host(c.listen_address()) + ":" + boundPort;
    }

    private static String host(String h) {
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    AccountInfo info() {
        AccountConfig c = config;
        String state = problem == null ? "ready" : problem;
        return new AccountInfo(c.id(), addressOfRecord(), isReady() ? contact() : null, c.display_name(),
                c.auto_answer(), state);
    }

    ClientTransaction send(SipRequest request, ResponseHandler responses) throws SipException {
        return requireEndpoint().send(request, responses);
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
