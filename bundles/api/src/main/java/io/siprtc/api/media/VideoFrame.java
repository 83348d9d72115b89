package io.siprtc.api.media;

import java.util.Objects;

/**
 * One decoded picture of a session's received video ({@link VideoFrameListener}), copied out of
 * the engine: I420 (YUV 4:2:0, BT.601 limited range), three planes without padding (the Y plane
 * {@link #width()} bytes a row, U and V {@link #chromaWidth()} bytes a row). The engine makes new
 * arrays for each frame and never touches them again, so a listener may keep the frame; the
 * listeners of one session share it: read it, do not change it.
 *
 * @since 1.3
 */
public final class VideoFrame {

    private final int width;
    private final int height;
    private final long timestampNanos;
    private final int rotation;
    private final byte[] y;
    private final byte[] u;
    private final byte[] v;

    /**
     * @param timestampNanos the frame's capture time on the engine's clock, nanoseconds
     * @param rotation clockwise degrees the picture must be turned for display: 0, 90, 180 or 270
     * @throws IllegalArgumentException when a plane is smaller than the size needs
     */
    public VideoFrame(int width, int height, long timestampNanos, int rotation, byte[] y, byte[] u, byte[] v) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("video frame size " + width + "x" + height);
        }
        int chroma = ((width + 1) / 2) * ((height + 1) / 2);
        if (Objects.requireNonNull(y, "y").length < width * height || Objects.requireNonNull(u, "u").length < chroma
                || Objects.requireNonNull(v, "v").length < chroma) {
            throw new IllegalArgumentException("I420 planes too small for " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.timestampNanos = timestampNanos;
        this.rotation = rotation;
        this.y = y;
        this.u = u;
        this.v = v;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Width of the U and V planes: half the width, rounded up. */
    public int chromaWidth() {
        return (width + 1) / 2;
    }

    /** Height of the U and V planes: half the height, rounded up. */
    public int chromaHeight() {
        return (height + 1) / 2;
    }

    /** The capture time the sender gave the frame, nanoseconds on the engine's clock. */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** Clockwise degrees to turn the picture for display: 0, 90, 180 or 270. */
    public int rotation() {
        return rotation;
    }

    /** The Y (luma) plane, {@link #width()} bytes a row. */
    public byte[] dataY() {
        return y;
    }

    /** The U (Cb) plane, {@link #chromaWidth()} bytes a row. */
    public byte[] dataU() {
        return u;
    }

    /** The V (Cr) plane, {@link #chromaWidth()} bytes a row. */
    public byte[] dataV() {
        return v;
    }

    /** The picture as {@code 0xAARRGGBB} pixels (opaque), row by row, for a UI's image. */
    public int[] toArgb() {
        int[] out = new int[width * height];
        int cw = chromaWidth();
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int c = (row / 2) * cw + col / 2;
                out[row * width + col] = 0xFF000000 | rgb(y[row * width + col] & 0xFF, u[c] & 0xFF, v[c] & 0xFF);
            }
        }
        return out;
    }

    /** The mean colour of the picture, {@code 0xRRGGBB} (the mean of the planes, converted once). */
    public int averageRgb() {
        long sy = 0;
        for (int i = 0; i < width * height; i++) {
            sy += y[i] & 0xFF;
        }
        long su = 0;
        long sv = 0;
        int chroma = chromaWidth() * chromaHeight();
        for (int i = 0; i < chroma; i++) {
            su += u[i] & 0xFF;
            sv += v[i] & 0xFF;
        }
        return rgb((int) Math.round((double) sy / (width * height)), (int) Math.round((double) su / chroma),
                (int) Math.round((double) sv / chroma));
    }

    /** One BT.601 limited-range YUV value as {@code 0xRRGGBB}. */
    public static int rgb(int y, int u, int v) {
        double c = 1.164 * (y - 16);
        int r = clamp(c + 1.596 * (v - 128));
        int g = clamp(c - 0.813 * (v - 128) - 0.391 * (u - 128));
        int b = clamp(c + 2.018 * (u - 128));
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(double x) {
        return (int) Math.max(0, Math.min(255, Math.round(x)));
    }

    @Override
    public String toString() {
        return "video frame " + width + "x" + height + " at " + timestampNanos + " ns"
                + (rotation != 0 ? ", rotation " + rotation : "");
    }
}
