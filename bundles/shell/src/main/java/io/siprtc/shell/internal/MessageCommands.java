package io.siprtc.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.siprtc.api.call.InstantMessage;
import io.siprtc.api.call.InstantMessageListener;
import io.siprtc.api.call.InstantMessageService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo commands for SIP MESSAGE (RFC 3428) in scope {@code siprtc}: {@code message <account>
 * <target> <text...>} sends one and waits for the far end's answer; {@code messages} lists the
 * last {@link #KEPT} received, which this component collects as an {@link InstantMessageListener}.
 * Errors come back as one readable line.
 */
@Component(service = {MessageCommands.class, InstantMessageListener.class}, property = {
        "osgi.command.scope=siprtc", "osgi.command.function=message", "osgi.command.function=messages" })
public class MessageCommands implements InstantMessageListener {

    static final int KEPT = 50;
    static final String TEXT = "text/plain;charset=UTF-8";
    /** Longer than Timer F (32 s with the default T1): the stage always ends before this. */
    static final long WAIT_SECONDS = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile InstantMessageService service;

    private final Deque<InstantMessage> received = new ArrayDeque<>();

    /** {@code siprtc:message <account> <target> <text...>}: the words after the target are the text. */
    public String message(String account, String target, String... words) {
        InstantMessageService s = service;
        if (s == null) {
            return "error: the SIPRTC gateway (InstantMessageService) is not running";
        }
        String text = String.join(" ", words);
        try {
            InstantMessage m = s.send(account, target, TEXT, text).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            return account + " -> " + m.to() + ": delivered";
        } catch (ExecutionException e) {
            return error(e.getCause());
        } catch (TimeoutException e) {
            return "error: no outcome within " + WAIT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error: interrupted";
        } catch (Exception e) {
            return error(e);
        }
    }

    /** {@code siprtc:messages}: the messages received since the shell started, oldest first. */
    public String messages() {
        StringBuilder sb = new StringBuilder();
        synchronized (received) {
            for (InstantMessage m : received) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(TIME.format(m.time())).append("  ").append(m.accountId()).append(" <- ").append(m.from())
                        .append(": ").append(m.body().strip().replace("\n", "\n    "));
            }
        }
        return sb.length() == 0 ? "no messages received" : sb.toString();
    }

    @Override
    public void onMessage(InstantMessage message) {
        synchronized (received) {
            received.addLast(message);
            while (received.size() > KEPT) {
                received.removeFirst();
            }
        }
    }

    private static String error(Throwable e) {
        String m = e == null ? null : e.getMessage();
        return "error: " + (m == null || m.isBlank() ? (e == null ? "unknown" : e.getClass().getSimpleName()) : m);
    }
}
