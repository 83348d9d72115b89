package io.siprtc.sdp;

/**
 * Bounds the parser enforces before and while reading, so hostile input is refused early.
 *
 * @param maxChars the largest input accepted, in characters (SDP is ASCII in practice)
 * @param maxLineLength the longest line accepted, in characters, without the line ending
 * @param maxLines the most lines accepted
 */
public record SdpLimits(int maxChars, int maxLineLength, int maxLines) {

    /** 64 KiB of input, 4 KiB per line, 2000 lines. */
    public static final SdpLimits DEFAULT = new SdpLimits(64 * 1024, 4 * 1024, 2000);

    /** @throws IllegalArgumentException if a bound is not positive */
    public SdpLimits {
        if (maxChars <= 0 || maxLineLength <= 0 || maxLines <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
