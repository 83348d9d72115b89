package io.siprtc.api.call;

import java.util.EnumSet;
import java.util.Set;

/**
 * The call state machine. Transitions not listed by {@link #next()} are refused by the gateway.
 *
 * <pre>
 * outgoing: CALLING -&gt; RINGING -&gt; CONNECTED -&gt; ENDING -&gt; ENDED
 * incoming: INCOMING -&gt; ANSWERING -&gt; CONNECTED -&gt; ENDING -&gt; ENDED
 * any state may go to ENDED (failure, CANCEL, rejection)
 * </pre>
 */
public enum CallState {
    /** Outgoing: the INVITE is on its way (or the offer is being made). */
    CALLING,
    /** Outgoing: the far end is alerting (180/183 received). */
    RINGING,
    /** Incoming: we are alerting (180 sent) and wait for the user or auto-answer. */
    INCOMING,
    /** Incoming: answer accepted, the 200 OK is sent, waiting for the ACK. */
    ANSWERING,
    /** The dialog is confirmed (2xx + ACK); media flows. */
    CONNECTED,
    /** BYE or CANCEL sent, waiting for its response. */
    ENDING,
    /** Final: see {@link Call#endReason()}. */
    ENDED;

    /** The states this state may move to. */
    public Set<CallState> next() {
        switch (this) {
            case CALLING: return EnumSet.of(RINGING, CONNECTED, ENDING, ENDED);
            case RINGING: return EnumSet.of(CONNECTED, ENDING, ENDED);
            case INCOMING: return EnumSet.of(ANSWERING, ENDING, ENDED);
            case ANSWERING: return EnumSet.of(CONNECTED, ENDING, ENDED);
            case CONNECTED: return EnumSet.of(ENDING, ENDED);
            case ENDING: return EnumSet.of(ENDED);
            default: return EnumSet.noneOf(CallState.class);
        }
    }

    public boolean canMoveTo(CallState target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return this == ENDED;
    }
}
