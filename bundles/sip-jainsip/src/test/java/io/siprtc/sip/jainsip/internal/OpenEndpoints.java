package io.siprtc.sip.jainsip.internal;

import io.siprtc.api.sip.SipEndpoint;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipTransport;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Endpoints (and sockets) a test opened, closed side by side at the end (each JAIN-SIP stack takes about 1 s). */
final class OpenEndpoints implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final Set<SipTransport> UDP_TCP = EnumSet.of(SipTransport.UDP, SipTransport.TCP);

    private final List<SipEndpoint> endpoints = new ArrayList<>();
    private final List<Closeable> sockets = new ArrayList<>();

    SipEndpoint open(SipEndpointConfig config, Recorders.Requests handler) throws Exception {
        SipEndpoint e = JainSipEndpoint.open(StackSettings.DEFAULTS, config, handler, x -> { });
        endpoints.add(e);
        return e;
    }

    SipEndpoint open(String name, Recorders.Requests handler) throws Exception {
        return open(new SipEndpointConfig(name, HOST, 0, UDP_TCP), handler);
    }

    <T extends Closeable> T hold(T socket) {
        sockets.add(socket);
        return socket;
    }

    /** An OPTIONS outside a dialog from alice to the target. */
    static SipRequest options(String target) {
        return request("OPTIONS", target);
    }

    /** A request outside a dialog from alice to the target. */
    static SipRequest request(String method, String target) {
        return SipRequest.of(method, target)
                .withHeader("From", "<sip:alice@127.0.0.1>;tag=a" + UUID.randomUUID().toString().substring(0, 8))
                .withHeader("To", "<" + target + ">")
                .withHeader("Call-ID", UUID.randomUUID() + "@test")
                .withHeader("CSeq", "1 " + method);
    }

    @Override
    public void close() throws InterruptedException {
        List<Thread> closers = endpoints.stream().map(e -> new Thread(e::close)).toList();
        closers.forEach(Thread::start);
        for (Thread t : closers) {
            t.join();
        }
        for (Closeable c : sockets) {
            try {
                c.close();
            } catch (IOException e) {
                // a test socket
            }
        }
    }
}
