package io.siprtc.media.webrtc.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The synthetic picture of {@code VideoSource.pattern}: one colour everywhere but a square of
 * its complement (an eighth of the height) that moves {@link #STEP} pixels to the right each
 * frame and wraps around, so that successive frames differ and a receiver can tell a live
 * picture from a frozen one. I420, BT.601 limited range (what libyuv and the VP8/H.264 codecs
 * assume).
 */
final class VideoPattern {

    /** How far the square moves per frame, pixels. */
    static final int STEP = 4;

    private final int width;
    private final int height;
    private final int size;
    private final int top;
    private final byte[] yBackground;
    private final byte[] uBackground;
    private final byte[] vBackground;
    private final int[] square;

    VideoPattern(int width, int height, int rgb) {
        this.width = width;
        this.height = height;
        this.size = Math.max(8, (height / 8) & ~1);
        this.top = ((height - size) / 2) & ~1;
        int[] bg = yuv(rgb);
        this.square = yuv(0xFFFFFF ^ rgb);
        int cw = (width + 1) / 2;
        this.yBackground = filled(width, bg[0]);
        this.uBackground = filled(cw, bg[1]);
        this.vBackground = filled(cw, bg[2]);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** Where the square's left edge is in frame {@code n} (even). */
    int squareLeft(long n) {
        return (int) ((n * STEP) % Math.max(2, width - size)) & ~1;
    }

    int squareSize() {
        return size;
    }

    int squareTop() {
        return top;
    }

    /** Paints frame {@code n} into the three planes (each with its stride). */
    void paint(long n, ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v, int strideV) {
        int left = squareLeft(n);
        byte[] yRow = yBackground.clone();
        Arrays.fill(yRow, left, Math.min(width, left + size), (byte) square[0]);
        for (int row = 0; row < height; row++) {
            y.position(row * strideY);
            y.put(row >= top && row < top + size ? yRow : yBackground);
        }
        int ch = (height + 1) / 2;
        int cLeft = left / 2;
        int cSize = size / 2;
        byte[] uRow = uBackground.clone();
        byte[] vRow = vBackground.clone();
        Arrays.fill(uRow, cLeft, Math.min(uRow.length, cLeft + cSize), (byte) square[1]);
        Arrays.fill(vRow, cLeft, Math.min(vRow.length, cLeft + cSize), (byte) square[2]);
        for (int row = 0; row < ch; row++) {
            boolean inSquare = row >= top / 2 && row < (top + size) / 2;
            u.position(row * strideU);
            u.put(inSquare ? uRow : uBackground);
            v.position(row * strideV);
            v.put(inSquare ? vRow : vBackground);
        }
    }

    /** Paints a black picture (video off) into the three planes of a {@code width} x {@code height} frame. */
    static void paintBlack(int width, int height, ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v,
            int strideV) {
        int[] black = yuv(0x000000);
        fill(y, strideY, width, height, black[0]);
        fill(u, strideU, (width + 1) / 2, (height + 1) / 2, black[1]);
        fill(v, strideV, (width + 1) / 2, (height + 1) / 2, black[2]);
    }

    private static void fill(ByteBuffer plane, int stride, int w, int h, int value) {
        byte[] row = filled(w, value);
        for (int r = 0; r < h; r++) {
            plane.position(r * stride);
            plane.put(row);
        }
    }

    /** {@code 0xRRGGBB} as BT.601 limited-range Y, U, V. */
    static int[] yuv(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        int y = (int) Math.round(16 + (65.738 * r + 129.057 * g + 25.064 * b) / 256);
        int u = (int) Math.round(128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 256);
        int v = (int) Math.round(128 + (112.439 * r - 94.154 * g - 18.285 * b) / 256);
        return new int[] {clamp(y), clamp(u), clamp(v)};
    }

    private static int clamp(int x) {
        return Math.max(0, Math.min(255, x));
    }
}
