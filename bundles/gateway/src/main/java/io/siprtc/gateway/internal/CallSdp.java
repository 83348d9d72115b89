package io.siprtc.gateway.internal;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.siprtc.api.media.MediaEngine;
import io.siprtc.sdp.Connection;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.MediaDirection;
import io.siprtc.sdp.Origin;
import io.siprtc.sdp.SdpParseException;
import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SdpWriter;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.ProfileDetector;
import io.siprtc.sdp.convert.SdpProfile;

/**
 * The SDP side of one call: the peer's profile (the account's, or detected from the far end's
 * offer), the offer an answer replies to, and the o= line last sent. Every description crosses
 * here: the engine's on its way to SIP ({@link #localOffer}, {@link #localAnswer}) and the
 * peer's on its way to the engine ({@link #remoteOffer}, {@link #remoteAnswer}). Used on the
 * signalling thread only.
 */
final class CallSdp {

    private final SdpBridge bridge;
    private final AccountSdp account;
    private final Set<String> engineProfiles;
    private SdpProfile profile;
    private SessionDescription offerSent;
    private SessionDescription offerReceived;
    private Origin lastOrigin;

    CallSdp(SdpBridge bridge, AccountSdp account, Set<String> engineProfiles) {
        this.bridge = bridge;
        this.account = account;
        this.engineProfiles = engineProfiles == null ? Set.of() : Set.copyOf(engineProfiles);
    }

    /** The peer's profile once known (an outgoing call knows it from the start). */
    SdpProfile profile() {
        return profile;
    }

    /**
     * Before an outgoing call makes media: its profile is the account's, {@code webrtc} for auto,
     * and the engine must serve it.
     */
    void startOutgoing() throws SdpRejection {
        profile = account.profile().orElse(SdpProfile.WEBRTC);
        requireEngineFor(profile);
    }

    /** The engine's offer as the peer gets it. */
    String localOffer(String engineSdp) throws SdpRejection {
        if (profile == null) {
            startOutgoing();
        }
        SessionDescription out = bridge.convert(SdpBridge.engineSdp(engineSdp), context(ConversionContext.offer()));
        offerSent = out;
        return sent(out);
    }

    /** The peer's answer to our offer, as the engine gets it. */
    String remoteAnswer(byte[] body) throws SdpRejection {
        SessionDescription answer = parsePeer(body, "answer");
        if (profile != SdpProfile.RTP && ProfileDetector.detect(answer) == SdpProfile.RTP) {
            throw new SdpRejection("the far end answered plain RTP to a DTLS-SRTP offer");
        }
        ConversionContext ctx = context(ConversionContext.remoteAnswer()).withOffer(offerSent);
        return SdpWriter.write(bridge.convert(answer, ctx));
    }

    /**
     * The peer's offer, checked and converted for the engine. Its profile is the account's, or
     * detected from it for an auto account; SDES-only offers and profiles the engine cannot
     * serve are refused here with 488.
     */
    String remoteOffer(byte[] body) throws SdpRejection {
        SessionDescription offer = parsePeer(body, "offer");
        profile = account.profile().orElseGet(() -> ProfileDetector.detect(offer));
        if (ProfileDetector.isSdesOnly(offer)) {
            throw new SdpRejection("SDES-SRTP (a=crypto, RFC 4568) is not supported: offer DTLS-SRTP (RFC 5763)");
        }
        requireEngineFor(profile);
        offerReceived = offer;
        return SdpWriter.write(bridge.convert(offer, context(ConversionContext.remoteOffer())));
    }

    /** The engine's answer to the peer's offer, as the peer gets it. */
    String localAnswer(String engineSdp) throws SdpRejection {
        ConversionContext ctx = context(ConversionContext.answer()).withOffer(offerReceived);
        return sent(bridge.convert(SdpBridge.engineSdp(engineSdp), ctx));
    }

    /**
     * Whether the far end's last offer puts us on hold (RFC 6337 section 5.3): its first audio
     * stream (else the session) is {@code sendonly} or {@code inactive}, or has the RFC 2543
     * connection address 0.0.0.0.
     */
    boolean remoteOfferHolds() {
        SessionDescription offer = offerReceived;
        if (offer == null) {
            return false;
        }
        MediaDescription audio = offer.media().stream().filter(m -> "audio".equals(m.media()) && !m.isPortZero())
                .findFirst().orElse(null);
        Optional<MediaDirection> d = audio != null ? audio.direction() : Optional.empty();
        MediaDirection direction = d.or(offer::direction).orElse(MediaDirection.SENDRECV);
        if (direction == MediaDirection.SENDONLY || direction == MediaDirection.INACTIVE) {
            return true;
        }
        // 0.0.0.0 without ICE candidates; a WebRTC offer writes 0.0.0.0 too, but with candidates.
        Optional<Connection> c = audio != null ? audio.connection().or(offer::connection) : offer.connection();
        return c.map(Connection::isUnspecified).orElse(false) && (audio == null || audio.candidates().isEmpty());
    }

    private ConversionContext context(ConversionContext base) throws SdpRejection {
        ConversionContext ctx = base.withProfile(profile == null ? SdpProfile.WEBRTC : profile)
                .withCodecPolicy(account.codecs()).withPreviousOrigin(lastOrigin);
        try {
            return account.mediaAddress().map(ctx::withAdvertisedAddress).orElse(ctx);
        } catch (IllegalArgumentException e) {
            throw new SdpRejection(500, "account media_address: " + e.getMessage());
        }
    }

    private String sent(SessionDescription sdp) {
        sdp.origin().ifPresent(o -> lastOrigin = o);
        return SdpWriter.write(sdp);
    }

    private static SessionDescription parsePeer(byte[] body, String what) throws SdpRejection {
        try {
            return SdpParser.parse(body);
        } catch (SdpParseException e) {
            throw new SdpRejection("SDP " + what + " unusable: " + e.getMessage());
        }
    }

    private void requireEngineFor(SdpProfile p) throws SdpRejection {
        if (engineProfiles.contains(p.id())) {
            return;
        }
        String has = "the media engine serves " + String.join(", ", new TreeSet<>(engineProfiles));
        if (p == SdpProfile.RTP) {
            throw new SdpRejection("plain RTP/AVP peer: this gateway needs a media relay or a plain-RTP media engine ("
                    + has + ")");
        }
        throw new SdpRejection(p.id() + " peer: " + has + ", not " + p.id());
    }

    /** For log lines: whether an engine with these profiles can serve an account's fixed profile. */
    static boolean serves(Set<String> engineProfiles, AccountSdp account) {
        return account.profile().map(p -> engineProfiles.contains(p.id())).orElse(true);
    }

    static final Set<String> DEFAULT_ENGINE_PROFILES = Set.of(MediaEngine.PROFILE_WEBRTC, MediaEngine.PROFILE_SIP_DTLS);
}
