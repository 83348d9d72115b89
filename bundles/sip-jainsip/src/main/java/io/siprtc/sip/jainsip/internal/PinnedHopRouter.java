package io.siprtc.sip.jainsip.internal;

import gov.nist.javax.sip.stack.DefaultRouter;
import gov.nist.javax.sip.stack.HopImpl;
import io.siprtc.api.sip.SipHop;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * The stack's {@link Router} ({@code javax.sip.ROUTER_PATH}): a request whose top Via branch was
 * pinned to a hop goes there; every other request is routed by JAIN-SIP's {@link DefaultRouter}
 * (first Route, else Request-URI). JAIN-SIP asks the router while it creates the client
 * transaction and keeps the hop in the transaction and its message channel, so a pin is needed
 * only for that moment; the router never touches the message (DefaultRouter rewrites it for a
 * strict-routing Route, this path does not).
 */
public final class PinnedHopRouter implements Router {

    private final DefaultRouter fallback;
    private final Map<String, Hop> pinned = new ConcurrentHashMap<>();

    /** The constructor JAIN-SIP calls (SipStackImpl instantiates the router by class name). */
    public PinnedHopRouter(SipStack stack, String outboundProxy) {
        this.fallback = new DefaultRouter(stack, outboundProxy);
    }

    /** Requests whose top Via has this branch go to the hop until {@link #unpin}. */
    void pin(String branch, SipHop hop) {
        pinned.put(branch, new HopImpl(hop.host(), hop.port(), hop.transport().name().toLowerCase(Locale.ROOT)));
    }

    void unpin(String branch) {
        pinned.remove(branch);
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        Hop hop = via == null || via.getBranch() == null ? null : pinned.get(via.getBranch());
        return hop != null ? hop : fallback.getNextHop(request);
    }

    @Override
    @Deprecated
    public ListIterator<?> getNextHops(Request request) {
        return fallback.getNextHops(request);
    }

    @Override
    public Hop getOutboundProxy() {
        return fallback.getOutboundProxy();
    }
}
