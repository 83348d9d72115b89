package io.siprtc.gateway.internal;

import java.util.function.Consumer;

import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;

/**
 * Keeps the flow to the proxy or registrar alive with RFC 5626 section 4.4.1 pings while
 * registered ({@code keep.alive.method = crlf}): a double CRLF every interval on the TCP or TLS
 * connection, so the server (and NATs) keep it and requests to us can come back over it; over
 * UDP a CRLF datagram that refreshes NAT bindings. A ping that cannot be sent (the connection
 * was refused, ...) is reported, and the registration then registers again. Thread-safe.
 */
final class CrlfKeepAlive {

    /** Sends one ping (the endpoint's {@code sendKeepAlive}). */
    interface Pinger {
        void ping(SipHop hop) throws SipException;
    }

    private final SipHop hop;
    private final long intervalMillis;
    private final Pinger pinger;
    private final Scheduler scheduler;
    private final Consumer<String> lost;
    private Scheduler.Timer timer;
    private boolean running;

    /**
     * @param lost told why a ping failed (on the scheduler thread)
     */
    CrlfKeepAlive(SipHop hop, int intervalSeconds, Pinger pinger, Scheduler scheduler, Consumer<String> lost) {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("keep-alive interval must be at least 1 s: " + intervalSeconds);
        }
        this.hop = hop;
        this.intervalMillis = intervalSeconds * 1000L;
        this.pinger = pinger;
        this.scheduler = scheduler;
        this.lost = lost;
    }

    synchronized void start() {
        if (!running) {
            running = true;
            next();
        }
    }

    synchronized void stop() {
        running = false;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    SipHop hop() {
        return hop;
    }

    private void next() {
        timer = scheduler.schedule(this::ping, intervalMillis);
    }

    private void ping() {
        synchronized (this) {
            if (!running) {
                return;
            }
            next();
        }
        try {
            pinger.ping(hop);
        } catch (SipException | RuntimeException e) {
            lost.accept("CRLF keep-alive to " + hop + " failed: " + e.getMessage());
        }
    }
}
