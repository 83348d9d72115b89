package io.siprtc.sdp.convert;

import io.siprtc.sdp.AddressFamily;
import io.siprtc.sdp.Origin;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.codec.CodecPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * What a conversion is for: which way the description flows (from the media engine to the SIP
 * peer, or from the peer to the engine), whether it is an offer or an answer, the peer's
 * {@link SdpProfile}, and what the rules need to know about the session so far: the offer an
 * answer replies to, the o= line last sent, an address to advertise, a codec policy. Immutable;
 * the descriptions it holds are copies that rules must only read.
 */
public final class ConversionContext {

    /** Whether the converted description is an offer or an answer. */
    public enum Direction {
        /** An offer. */
        OFFER,
        /** An answer. */
        ANSWER
    }

    /** Which way the description goes. */
    public enum Flow {
        /** The media engine's description, about to be sent to the SIP peer. */
        TO_PEER,
        /** The SIP peer's description, about to be given to the media engine. */
        FROM_PEER
    }

    private final Direction direction;
    private final Flow flow;
    private final SdpProfile profile;
    private final String advertisedAddress;
    private final SessionDescription offer;
    private final Origin previousOrigin;
    private final CodecPolicy codecPolicy;

    private ConversionContext(Direction direction, Flow flow, SdpProfile profile, String advertisedAddress,
            SessionDescription offer, Origin previousOrigin, CodecPolicy codecPolicy) {
        this.direction = Objects.requireNonNull(direction);
        this.flow = Objects.requireNonNull(flow);
        this.profile = Objects.requireNonNull(profile);
        this.advertisedAddress = advertisedAddress;
        this.offer = offer;
        this.previousOrigin = previousOrigin;
        this.codecPolicy = Objects.requireNonNull(codecPolicy);
    }

    private static ConversionContext of(Direction d, Flow f) {
        return new ConversionContext(d, f, SdpProfile.WEBRTC, null, null, null, CodecPolicy.ANY);
    }

    /** An outgoing offer (engine to peer), profile {@code webrtc}, nothing else known. */
    public static ConversionContext offer() {
        return of(Direction.OFFER, Flow.TO_PEER);
    }

    /** An outgoing answer (engine to peer), profile {@code webrtc}, nothing else known. */
    public static ConversionContext answer() {
        return of(Direction.ANSWER, Flow.TO_PEER);
    }

    /** The peer's offer on its way to the engine, profile {@code webrtc}. */
    public static ConversionContext remoteOffer() {
        return of(Direction.OFFER, Flow.FROM_PEER);
    }

    /** The peer's answer on its way to the engine, profile {@code webrtc}. */
    public static ConversionContext remoteAnswer() {
        return of(Direction.ANSWER, Flow.FROM_PEER);
    }

    /**
     * This context with an advertised address, or without one if {@code address} is null.
     *
     * @throws IllegalArgumentException if {@code address} is not an IPv4 or IPv6 literal
     */
    public ConversionContext withAdvertisedAddress(String address) {
        if (address != null && AddressFamily.of(address).isEmpty()) {
            throw new IllegalArgumentException("advertised address must be an IP literal: " + address);
        }
        return new ConversionContext(direction, flow, profile, address, offer, previousOrigin, codecPolicy);
    }

    /** This context for another peer profile. */
    public ConversionContext withProfile(SdpProfile newProfile) {
        return new ConversionContext(direction, flow, newProfile, advertisedAddress, offer, previousOrigin,
                codecPolicy);
    }

    /**
     * This context with the offer an answer replies to: for an outgoing answer the peer's offer,
     * for a remote answer our own offer as sent. A copy is kept.
     */
    public ConversionContext withOffer(SessionDescription theOffer) {
        return new ConversionContext(direction, flow, profile, advertisedAddress,
                theOffer == null ? null : theOffer.copy(), previousOrigin, codecPolicy);
    }

    /** This context with the o= line of the description last sent in this session (for {@link OriginVersionRule}). */
    public ConversionContext withPreviousOrigin(Origin origin) {
        return new ConversionContext(direction, flow, profile, advertisedAddress, offer, origin, codecPolicy);
    }

    /** This context with a codec policy ({@link CodecPolicy#ANY} for none). */
    public ConversionContext withCodecPolicy(CodecPolicy policy) {
        return new ConversionContext(direction, flow, profile, advertisedAddress, offer, previousOrigin,
                Objects.requireNonNull(policy));
    }

    public Direction direction() {
        return direction;
    }

    public Flow flow() {
        return flow;
    }

    /** Whether the description goes from the engine to the peer. */
    public boolean isToPeer() {
        return flow == Flow.TO_PEER;
    }

    /** Whether the description is an offer. */
    public boolean isOffer() {
        return direction == Direction.OFFER;
    }

    public SdpProfile profile() {
        return profile;
    }

    /** The IP literal to advertise in place of the engine's host addresses, if any. */
    public Optional<String> advertisedAddress() {
        return Optional.ofNullable(advertisedAddress);
    }

    /** The offer an answer replies to, if known. Read only. */
    public Optional<SessionDescription> offerDescription() {
        return Optional.ofNullable(offer);
    }

    /** The o= line last sent in this session, if any. */
    public Optional<Origin> previousOrigin() {
        return Optional.ofNullable(previousOrigin);
    }

    public CodecPolicy codecPolicy() {
        return codecPolicy;
    }

    @Override
    public String toString() {
        return "ConversionContext[" + direction + " " + flow + " " + profile
                + (advertisedAddress == null ? "" : ", advertise " + advertisedAddress)
                + (offer == null ? "" : ", with offer") + (previousOrigin == null ? "" : ", after " + previousOrigin)
                + (codecPolicy == CodecPolicy.ANY ? "" : ", " + codecPolicy) + "]";
    }
}
