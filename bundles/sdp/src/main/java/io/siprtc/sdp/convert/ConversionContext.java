package io.siprtc.sdp.convert;

import io.siprtc.sdp.AddressFamily;
import java.util.Objects;
import java.util.Optional;

/**
 * What a conversion is for: whether the description is an outgoing offer or answer, and an
 * optional address to advertise instead of the media engine's own host addresses (see
 * {@link AdvertisedAddressRule}). Immutable.
 */
public final class ConversionContext {

    /** Whether the converted description is sent as an offer or as an answer. */
    public enum Direction {
        /** An outgoing offer. */
        OFFER,
        /** An outgoing answer. */
        ANSWER
    }

    private final Direction direction;
    private final String advertisedAddress;

    private ConversionContext(Direction direction, String advertisedAddress) {
        this.direction = Objects.requireNonNull(direction);
        this.advertisedAddress = advertisedAddress;
    }

    /** A context for an outgoing offer with no advertised address. */
    public static ConversionContext offer() {
        return new ConversionContext(Direction.OFFER, null);
    }

    /** A context for an outgoing answer with no advertised address. */
    public static ConversionContext answer() {
        return new ConversionContext(Direction.ANSWER, null);
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
        return new ConversionContext(direction, address);
    }

    public Direction direction() {
        return direction;
    }

    /** The IP literal to advertise in place of the engine's host addresses, if any. */
    public Optional<String> advertisedAddress() {
        return Optional.ofNullable(advertisedAddress);
    }

    @Override
    public String toString() {
        return "ConversionContext[" + direction + (advertisedAddress == null ? "" : ", advertise " + advertisedAddress)
                + "]";
    }
}
