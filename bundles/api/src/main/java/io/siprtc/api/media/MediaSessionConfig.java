package io.siprtc.api.media;

import java.util.Objects;

/** What a media session sends: for now audio, from a synthetic tone when no device is used. */
public final class MediaSessionConfig {

    private final String label;
    private final double toneHz;
    private final String address;

    /** A session on every interface. */
    public MediaSessionConfig(String label, double toneHz) {
        this(label, toneHz, null);
    }

    /**
     * @param label for logs (the call id)
     * @param toneHz the frequency of the synthetic tone the session sends; 0 sends silence
     * @param address the one local address media is offered on (e.g. {@code 127.0.0.1}); the
     *        engine then skips interface enumeration and the SDP advertises only this address.
     *        {@code null} offers every interface.
     */
    public MediaSessionConfig(String label, double toneHz, String address) {
        this.label = Objects.requireNonNull(label);
        if (toneHz < 0 || toneHz > 4000) {
            throw new IllegalArgumentException("tone frequency out of range (0..4000 Hz): " + toneHz);
        }
        this.toneHz = toneHz;
        this.address = address == null || address.isBlank() ? null : address.trim();
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
}
