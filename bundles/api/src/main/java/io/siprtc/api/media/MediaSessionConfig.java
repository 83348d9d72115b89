package io.siprtc.api.media;

import java.util.Objects;

/** What a media session sends: for now audio, from a synthetic tone when no device is used. */
public final class MediaSessionConfig {

    private final String label;
    private final double toneHz;

    /**
     * @param label for logs (the call id)
     * @param toneHz the frequency of the synthetic tone the session sends; 0 sends silence
     */
    public MediaSessionConfig(String label, double toneHz) {
        this.label = Objects.requireNonNull(label);
        if (toneHz < 0 || toneHz > 4000) {
            throw new IllegalArgumentException("tone frequency out of range (0..4000 Hz): " + toneHz);
        }
        this.toneHz = toneHz;
    }

    public String label() {
        return label;
    }

    public double toneHz() {
        return toneHz;
    }
}
