package io.siprtc.shell.internal;

import java.util.List;
import java.util.stream.Collectors;

import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallService;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaStats;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Gogo commands in scope {@code siprtc}. Errors come back as one readable line, never a trace. */
@Component(service = SiprtcCommands.class, property = {
        "osgi.command.scope=siprtc",
        "osgi.command.function=accounts", "osgi.command.function=call", "osgi.command.function=answer",
        "osgi.command.function=hangup", "osgi.command.function=calls", "osgi.command.function=stats",
        "osgi.command.function=mute", "osgi.command.function=unmute", "osgi.command.function=videooff",
        "osgi.command.function=videoon" })
public class SiprtcCommands {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CallService calls;

    public String accounts() {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        List<AccountInfo> list = s.accounts();
        if (list.isEmpty()) {
            return "no accounts configured (factory PID io.siprtc.account, e.g. etc/io.siprtc.account-alice.cfg)";
        }
        return list.stream().map(a -> String.format("%-10s %-32s %-10s%s%s", a.id(), a.addressOfRecord(), a.state(),
                a.registration() == RegistrationState.NONE ? "" : " " + registration(a),
                a.autoAnswer() ? " auto-answer" : "")).collect(Collectors.joining("\n"));
    }

    private static String registration(AccountInfo a) {
        String state = a.registration().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return a.registrationDetail().isEmpty() ? state : state + " (" + a.registrationDetail() + ")";
    }

    /** {@code siprtc:call <uri>} from the first account. */
    public String call(String target) {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        List<AccountInfo> list = s.accounts();
        if (list.isEmpty()) {
            return "error: no accounts configured";
        }
        return call(list.get(0).id(), target);
    }

    /** {@code siprtc:call <account> <uri>}. */
    public String call(String account, String target) {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        try {
            Call c = s.dial(account, target);
            return c.state() == CallState.ENDED
                    ? "call " + c.id() + " ended: " + c.endReason().map(Object::toString).orElse("")
                    : "calling " + c.remoteUri() + " (call " + c.id() + ")";
        } catch (CallException | RuntimeException e) {
            return error(e);
        }
    }

    /** Answers the newest incoming call. */
    public String answer() {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        return s.calls().stream().filter(c -> c.direction() == CallDirection.INCOMING && c.state() == CallState.INCOMING)
                .reduce((a, b) -> b).map(c -> answer(c.id())).orElse("no incoming call to answer");
    }

    public String answer(String callId) {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        try {
            s.answer(callId);
            return "answered " + callId;
        } catch (CallException | RuntimeException e) {
            return error(e);
        }
    }

    /** Hangs up the newest call. */
    public String hangup() {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        return s.calls().stream().reduce((a, b) -> b).map(c -> hangup(c.id())).orElse("no call to hang up");
    }

    public String hangup(String callId) {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        try {
            s.hangup(callId);
            return "hanging up " + callId;
        } catch (CallException | RuntimeException e) {
            return error(e);
        }
    }

    /** Mutes the audio of the newest call: the far end hears silence. */
    public String mute() {
        return onNewest(id -> mute(id));
    }

    public String mute(String callId) {
        return mute(callId, false, true);
    }

    /** Unmutes the audio of the newest call. */
    public String unmute() {
        return onNewest(id -> unmute(id));
    }

    public String unmute(String callId) {
        return mute(callId, false, false);
    }

    /** Turns the video of the newest call off: the far end gets black pictures. */
    public String videooff() {
        return onNewest(id -> videooff(id));
    }

    public String videooff(String callId) {
        return mute(callId, true, true);
    }

    /** Turns the video of the newest call on again. */
    public String videoon() {
        return onNewest(id -> videoon(id));
    }

    public String videoon(String callId) {
        return mute(callId, true, false);
    }

    private String onNewest(java.util.function.Function<String, String> command) {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        return s.calls().stream().reduce((a, b) -> b).map(c -> command.apply(c.id())).orElse("no call");
    }

    private String mute(String callId, boolean video, boolean on) {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        try {
            if (video) {
                s.setVideoMuted(callId, on);
            } else {
                s.setMuted(callId, on);
            }
            return callId + (video ? (on ? ": video off" : ": video on") : (on ? ": muted" : ": unmuted"));
        } catch (CallException | RuntimeException e) {
            return error(e);
        }
    }

    public String calls() {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        List<Call> list = s.calls();
        return list.isEmpty() ? "no calls" : list.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    /** How long {@code stats} waits for the report it asked for (a read returns the one asked for before). */
    static final long FRESH_MS = 250;

    /**
     * Media statistics of every call: codec, packets and tones; RTT, jitter, loss, bitrates,
     * jitter buffer and the estimated MOS; the selected candidate pair and its types.
     */
    public String stats() {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        List<Call> list = s.calls();
        if (list.isEmpty()) {
            return "no calls";
        }
        List<MediaStats> figures = fresh(list);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "" : "\n").append(header(list.get(i))).append('\n')
                    .append(StatsFormat.block(figures.get(i), "  "));
        }
        return out.toString();
    }

    public String stats(String callId) {
        CallService s = calls;
        if (s == null) {
            return noGateway();
        }
        return s.call(callId).map(c -> header(c) + "\n" + StatsFormat.block(fresh(List.of(c)).get(0), "  "))
                .orElse("error: no call " + callId);
    }

    private static String header(Call c) {
        return c.id() + " " + c.state() + " " + c.accountId() + (c.direction() == CallDirection.INCOMING ? " <- " : " -> ")
                + c.remoteUri();
    }

    /** Each call's figures from a report asked for now (the first read asks, the second gets it). */
    private static List<MediaStats> fresh(List<Call> list) {
        list.forEach(Call::mediaStats);
        try {
            Thread.sleep(FRESH_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return list.stream().map(Call::mediaStats).collect(Collectors.toList());
    }

    private static String noGateway() {
        return "error: the SIPRTC gateway (CallService) is not running";
    }

    /** One line for the user, never a stack trace: a gateway failure is reported, not thrown at the shell. */
    private static String error(Exception e) {
        String m = e.getMessage();
        return "error: " + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }
}
