package io.siprtc.gateway.internal;

import java.util.function.Consumer;

import io.siprtc.api.sip.ResponseHandler;
import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * Keeps the path to the registrar (or outbound proxy) alive while registered: an OPTIONS
 * (RFC 3261 section 11) every interval. Any response proves the path; no answer or a transport
 * error is reported once per ping, and the registration then registers again. Runs on the
 * registration's {@link Scheduler}.
 */
final class OptionsKeepAlive {

    private final AccountSettings settings;
    private final Registration.Sender sender;
    private final Scheduler scheduler;
    private final Ids ids;
    private final Consumer<String> lost;
    private Scheduler.Timer timer;
    private boolean running;

    /**
     * @param lost told why the path seems lost (on the scheduler thread)
     */
    OptionsKeepAlive(AccountSettings settings, Registration.Sender sender, Scheduler scheduler, Ids ids,
            Consumer<String> lost) {
        this.settings = settings;
        this.sender = sender;
        this.scheduler = scheduler;
        this.ids = ids;
        this.lost = lost;
    }

    /** Call on the scheduler thread. */
    void start() {
        running = true;
        next();
    }

    /** Call on the scheduler thread. */
    void stop() {
        running = false;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void next() {
        if (running) {
            timer = scheduler.schedule(this::ping, settings.keepAliveSeconds() * 1000L);
        }
    }

    private void ping() {
        if (!running) {
            return;
        }
        SipRequest options = SipRequest.of("OPTIONS", settings.registrarUri())
                .withHeader("From", "<" + settings.addressOfRecord() + ">;tag=" + ids.tag())
                .withHeader("To", "<" + settings.registrarUri() + ">")
                .withHeader("Call-ID", ids.callId(settings.listenAddress()))
                .withHeader("CSeq", "1 OPTIONS")
                .withHeader("Contact", "<" + settings.contact() + ">")
                .withHeader("Max-Forwards", "70")
                .withHeader("User-Agent", "SIPRTC");
        try {
            sender.send(options, new ResponseHandler() {
                @Override
                public void onResponse(SipResponse response) {
                    if (!response.isProvisional()) {
                        scheduler.execute(OptionsKeepAlive.this::next);
                    }
                }

                @Override
                public void onTimeout() {
                    scheduler.execute(() -> report("no answer to OPTIONS"));
                }

                @Override
                public void onTransportError(String message) {
                    scheduler.execute(() -> report("OPTIONS failed: " + message));
                }
            });
        } catch (SipException | RuntimeException e) {
            report("OPTIONS not sent: " + e.getMessage());
        }
    }

    private void report(String why) {
        if (running) {
            lost.accept(why);
            next();
        }
    }
}
