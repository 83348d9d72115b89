package io.siprtc.api.media;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a media session sends: for now audio, from a synthetic tone when no device is used. */
public final class MediaSessionConfig {

    private final String label;
    private final double toneHz;
    private final String address;
    private final List<IceServer> iceServers;
    private final Boolean relayOnly;

    /** A session on every interface. */
    public MediaSessionConfig(String label, double toneHz) {
        this(label, toneHz, null);
    }

    /**
     * @param label for logs (the call id)
     * @param toneHz the frequency of the synthetic tone the session sends; 0 sends silence
     * @param address the one local address media is offered on (e.g. {@code 127.0.0.1}); the
     *        engine then skips interface enumeration and offers no local candidate on any other
     *        address. {@code null} offers every interface.
     */
    public MediaSessionConfig(String label, double toneHz, String address) {
        this(Objects.requireNonNull(label), checkTone(toneHz),
                address == null || address.isBlank() ? null : address.trim(), null, null);
    }

    private MediaSessionConfig(String label, double toneHz, String address, List<IceServer> iceServers,
            Boolean relayOnly) {
        this.label = label;
        this.toneHz = toneHz;
        this.address = address;
        this.iceServers = iceServers;
        this.relayOnly = relayOnly;
    }

    private static double checkTone(double toneHz) {
        if (toneHz < 0 || toneHz > 4000) {
            throw new IllegalArgumentException("tone frequency out of range (0..4000 Hz): " + toneHz);
        }
        return toneHz;
    }

    public String label() {
        return label;
    }

    public double toneHz() {
        return toneHz;
    }

    /** The single address to offer media on, or null for every interface. */
    public String address() {
        return address;
    }

    /**
     * This configuration with its own STUN/TURN servers instead of the engine's configured ones
     * (an empty list: none at all).
     *
     * @since 1.3
     */
    public MediaSessionConfig withIceServers(List<IceServer> servers) {
        return new MediaSessionConfig(label, toneHz, address, List.copyOf(Objects.requireNonNull(servers)), relayOnly);
    }

    /**
     * This configuration with its own relay-only choice instead of the engine's: {@code true}
     * gathers and uses only TURN relay candidates (ICE transport policy "relay").
     *
     * @since 1.3
     */
    public MediaSessionConfig withRelayOnly(boolean relayOnly) {
        return new MediaSessionConfig(label, toneHz, address, iceServers, relayOnly);
    }

    /** The session's own ICE servers; empty when the engine's configuration applies. @since 1.3 */
    public Optional<List<IceServer>> iceServers() {
        return Optional.ofNullable(iceServers);
    }

    /** The session's own relay-only choice; empty when the engine's configuration applies. @since 1.3 */
    public Optional<Boolean> relayOnly() {
        return Optional.ofNullable(relayOnly);
    }
}
