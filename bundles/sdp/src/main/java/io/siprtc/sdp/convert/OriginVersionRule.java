package io.siprtc.sdp.convert;

import io.siprtc.sdp.Origin;
import io.siprtc.sdp.SessionDescription;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The o= line of every description sent after the first in a session (RFC 3264 section 8 and
 * RFC 8866 section 5.2): username, session id and address stay those of the first description,
 * and the session version is one more than the last one sent, whatever the engine wrote (a
 * swapped or restarted engine starts its own count again, and the conversion itself changes the
 * text). The first description of a session keeps the engine's o= line. Needs
 * {@link ConversionContext#previousOrigin()}; without it, does nothing.
 */
public final class OriginVersionRule implements SdpRule {

    @Override
    public String name() {
        return "origin-version";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        Optional<Origin> previous = ctx.previousOrigin();
        if (!ctx.isToPeer() || previous.isEmpty()) {
            return;
        }
        Origin p = previous.get();
        String next = new BigInteger(p.sessionVersion()).add(BigInteger.ONE).toString();
        sdp.setOrigin(Origin.of(p.username(), p.sessionId(), next, p.netType(), p.addrType(), p.address()));
    }
}
