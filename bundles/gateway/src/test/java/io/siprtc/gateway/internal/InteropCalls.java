package io.siprtc.gateway.internal;

import static io.siprtc.gateway.internal.LiveMedia.awaitMedia;
import static io.siprtc.gateway.internal.LiveMedia.hears;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaStats;
import java.util.function.Predicate;

/** One interop call between two SIPRTC phones: set up, media proven both ways, hung up by one side. */
final class InteropCalls {

    private InteropCalls() {
    }

    /** A call from one phone to a user, answered (auto-answer) and CONNECTED on both sides: {outgoing, incoming}. */
    static Call[] connect(LivePhone from, LivePhone to, String toUser) throws io.siprtc.api.call.CallException {
        Call out = from.dial(toUser);
        from.calls.awaitState(out.id(), CallState.CONNECTED);
        Call in = to.gateway.calls().stream().filter(c -> c.direction() == CallDirection.INCOMING).findFirst()
                .orElseThrow(() -> new AssertionError("no incoming call: " + to.gateway.calls()));
        to.calls.awaitState(in.id(), CallState.CONNECTED);
        return new Call[] {out, in};
    }

    /** RTP counted both ways and each side hears the other's tone, and both pass the extra check (e.g. the candidate pair). */
    static MediaStats[] proveMedia(Call out, double outHears, Call in, double inHears, Predicate<MediaStats> also)
            throws InterruptedException {
        MediaStats o = awaitMedia(out, hears(outHears).and(also));
        MediaStats i = awaitMedia(in, hears(inHears).and(also));
        assertTrue(o.packetsSent() > 0 && i.packetsSent() > 0, o + " / " + i);
        return new MediaStats[] {o, i};
    }

    /** One side hangs up: both end, with LOCAL_HANGUP and REMOTE_HANGUP. */
    static void hangUp(LivePhone phone, Call call, LivePhone other, Call otherCall) throws io.siprtc.api.call.CallException {
        phone.gateway.hangup(call.id());
        phone.calls.awaitState(call.id(), CallState.ENDED);
        other.calls.awaitState(otherCall.id(), CallState.ENDED);
        assertEquals(CallEndReason.Kind.LOCAL_HANGUP, call.endReason().orElseThrow().kind());
        assertEquals(CallEndReason.Kind.REMOTE_HANGUP, otherCall.endReason().orElseThrow().kind());
    }
}
