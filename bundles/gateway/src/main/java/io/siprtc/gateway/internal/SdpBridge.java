package io.siprtc.gateway.internal;

import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.siprtc.sdp.SdpParseException;
import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SdpWriter;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.SdpConverter;
import io.siprtc.sdp.convert.SdpNotAcceptableException;
import io.siprtc.sdp.convert.SdpProfile;
import io.siprtc.sdp.convert.SdpRule;
import io.siprtc.sdp.convert.SdpRules;

/**
 * WebRTC SDP to SIP SDP and back, with the sdp bundle's rules: the built-in ones of the peer's
 * {@link SdpProfile}, then the {@link SdpRule} services of the whiteboard bound at that moment.
 * {@link #newCall} gives the per-call state ({@link CallSdp}). Errors name the problem.
 */
final class SdpBridge {

    private static final Logger LOG = Logger.getLogger(SdpBridge.class.getName());

    private final SdpRuleWhiteboard whiteboard;

    /** A bridge with no rule services (tests). */
    SdpBridge() {
        this(new SdpRuleWhiteboard());
    }

    SdpBridge(SdpRuleWhiteboard whiteboard) {
        this.whiteboard = whiteboard;
    }

    /** The SDP state of a new call of an account, with the profiles the engine can serve. */
    CallSdp newCall(AccountSdp account, Set<String> engineProfiles) {
        return new CallSdp(this, account, engineProfiles);
    }

    /** Parses the engine's SDP; a failure is the engine's. */
    static SessionDescription engineSdp(String text) throws SdpRejection {
        try {
            return SdpParser.parse(text);
        } catch (SdpParseException e) {
            throw new SdpRejection(488, "media engine produced bad SDP: " + e.getMessage());
        }
    }

    /**
     * Applies the profile's built-in rules, then the whiteboard's rules for this context. A
     * whiteboard rule that throws (other than refusing the description) or leaves text the parser
     * refuses is skipped with a warning: an extension never breaks a call.
     */
    SessionDescription convert(SessionDescription sdp, ConversionContext ctx) throws SdpRejection {
        SessionDescription out;
        try {
            out = new SdpConverter(SdpRules.forContext(ctx)).convert(sdp, ctx);
        } catch (SdpNotAcceptableException e) {
            throw new SdpRejection(e.sipStatus(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new SdpRejection(488, e.getMessage());
        } catch (RuntimeException e) { // a bug in a built-in rule: fail this description, not the gateway
            LOG.log(Level.WARNING, "SDP conversion failed (" + ctx + ")", e);
            throw new SdpRejection(500, "SDP conversion failed: " + e);
        }
        List<SdpRule> extra = whiteboard.rulesFor(ctx);
        for (SdpRule rule : extra) {
            SessionDescription candidate = out.copy();
            try {
                rule.apply(candidate, ctx);
                SdpParser.parse(SdpWriter.write(candidate));
                out = candidate;
            } catch (SdpNotAcceptableException e) {
                throw new SdpRejection(e.sipStatus(), e.getMessage());
            } catch (SdpParseException e) {
                LOG.warning(() -> "SDP rule " + name(rule) + " skipped: it left invalid SDP: " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                LOG.warning(() -> "SDP rule " + name(rule) + " skipped: it failed: " + e);
                LOG.log(Level.FINE, "SDP rule failure", e);
            }
        }
        return out;
    }

    private static String name(SdpRule rule) {
        try {
            return rule.name();
        } catch (RuntimeException e) {
            return rule.getClass().getName();
        }
    }
}
