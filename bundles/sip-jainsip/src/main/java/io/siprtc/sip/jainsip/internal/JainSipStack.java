package io.siprtc.sip.jainsip.internal;

import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequestHandler;
import io.siprtc.api.sip.SipStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The JAIN-SIP {@link SipStack} service: one JAIN-SIP stack per opened endpoint. */
@Component(service = SipStack.class, immediate = true, configurationPid = JainSipStack.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = SipStack.NAME + "=" + JainSipStack.STACK_NAME)
@Designate(ocd = JainSipStack.Config.class)
public final class JainSipStack implements SipStack {

    static final String PID = "io.siprtc.sip.jainsip";
    static final String STACK_NAME = "jain-sip";

    @ObjectClassDefinition(id = PID, name = "SIPRTC JAIN-SIP stack",
            description = "Settings for the SIP endpoints opened on JAIN-SIP; changes apply to endpoints opened afterwards.")
    public @interface Config {
        @AttributeDefinition(name = "Thread pool size", min = "1",
                description = "UDP message processing threads per endpoint. 1 (the default) hands messages over in"
                        + " the order they arrived; more threads can reorder a 180 and its 200, or a dialog's requests.")
        int threadPoolSize() default 1;

        @AttributeDefinition(name = "Maximum message size", min = "4096", description = "Largest SIP message accepted, in bytes.")
        int maxMessageSize() default 65536;

        @AttributeDefinition(name = "Timer T1 (ms)", min = "1",
                description = "RFC 3261 round-trip estimate; INVITE and non-INVITE transactions time out after 64*T1.")
        int timerT1Ms() default 500;
    }

    private final Set<JainSipEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private volatile StackSettings settings = StackSettings.DEFAULTS;
    private volatile boolean active;

    @Activate
    void activate(Config config) {
        activate(StackSettings.from(config));
    }

    /** Package-private for tests: activation without DS. */
    void activate(StackSettings stackSettings) {
        this.settings = stackSettings;
        this.active = true;
    }

    /** New settings apply to endpoints opened afterwards; open endpoints keep running. */
    @Modified
    void modified(Config config) {
        this.settings = StackSettings.from(config);
    }

    @Deactivate
    void deactivate() {
        active = false;
        // Each JAIN-SIP stack takes about 1 s to stop: stop them side by side.
        List<Thread> closers = new ArrayList<>();
        for (JainSipEndpoint endpoint : new ArrayList<>(endpoints)) {
            Thread t = new Thread(endpoint::close, "siprtc-sip-close");
            t.start();
            closers.add(t);
        }
        for (Thread t : closers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        endpoints.clear();
    }

    @Override
    public SipEndpoint open(SipEndpointConfig config, SipRequestHandler handler) throws SipException {
        if (!active) {
            throw new SipException("The JAIN-SIP stack service is not active");
        }
        JainSipEndpoint endpoint = JainSipEndpoint.open(settings, config, handler, endpoints::remove);
        endpoints.add(endpoint);
        if (!active) {
            endpoint.close();
            throw new SipException("The JAIN-SIP stack service was deactivated while opening " + config.name());
        }
        return endpoint;
    }
}
