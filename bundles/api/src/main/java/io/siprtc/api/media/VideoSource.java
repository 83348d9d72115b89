package io.siprtc.api.media;

import java.util.Locale;
import java.util.Objects;

/**
 * Whether a session has video and where the video it sends comes from
 * ({@link MediaSessionConfig#withVideo}): none (audio only, the default), receive only, a
 * synthetic test pattern, or a capture device ({@link MediaEngine#videoDevices()}). A value: what
 * the engine opens is checked when the session is created, and an unknown device or a machine
 * without one fails {@link MediaEngine#createSession(MediaSessionConfig)} with a
 * {@link MediaException}.
 *
 * @since 1.3
 */
public final class VideoSource {

    /** The kinds of video. */
    public enum Kind {
        /** No video: the session offers audio only (a far end's video offer is answered as the engine does without video). */
        NONE,
        /** Video is offered and accepted receive-only ({@code a=recvonly}): the far end's frames, nothing sent. */
        RECEIVE_ONLY,
        /**
         * A synthetic picture: a solid colour ({@link #rgb()}) with a small square of the
         * complementary colour that moves one step per frame, so that successive frames differ.
         */
        PATTERN,
        /** A capture device (a camera). */
        DEVICE
    }

    /** Picture size and rate of {@link #pattern(int)}: 320x240 at 15 frames per second. */
    public static final int DEFAULT_WIDTH = 320;
    public static final int DEFAULT_HEIGHT = 240;
    public static final int DEFAULT_FPS = 15;
    /** Picture size and rate asked of a camera by {@link #device(String)}: 640x480 at 30 frames per second. */
    public static final int DEFAULT_DEVICE_WIDTH = 640;
    public static final int DEFAULT_DEVICE_HEIGHT = 480;
    public static final int DEFAULT_DEVICE_FPS = 30;

    private static final VideoSource NONE = new VideoSource(Kind.NONE, 0, 0, 0, -1, null);
    private static final VideoSource RECEIVE_ONLY = new VideoSource(Kind.RECEIVE_ONLY, 0, 0, 0, -1, null);

    private final Kind kind;
    private final int width;
    private final int height;
    private final int fps;
    private final int rgb;
    private final String device;

    private VideoSource(Kind kind, int width, int height, int fps, int rgb, String device) {
        this.kind = kind;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.rgb = rgb;
        this.device = device;
    }

    /** No video (the default): the session is audio only. */
    public static VideoSource none() {
        return NONE;
    }

    /** Video received, none sent. */
    public static VideoSource receiveOnly() {
        return RECEIVE_ONLY;
    }

    /** {@link #pattern(int, int, int, int)} of {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT} at {@value #DEFAULT_FPS} fps. */
    public static VideoSource pattern(int rgb) {
        return pattern(DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_FPS, rgb);
    }

    /**
     * A synthetic picture: {@code rgb} everywhere but a small moving square of its complement.
     *
     * @param width 16 to 1920, even
     * @param height 16 to 1080, even
     * @param fps 1 to 60
     * @param rgb the colour, {@code 0xRRGGBB}
     */
    public static VideoSource pattern(int width, int height, int fps, int rgb) {
        checkFormat(width, height, fps);
        if (rgb < 0 || rgb > 0xFFFFFF) {
            throw new IllegalArgumentException("pattern colour must be 0xRRGGBB: 0x" + Integer.toHexString(rgb));
        }
        return new VideoSource(Kind.PATTERN, width, height, fps, rgb, null);
    }

    /** {@link #device(String, int, int, int)} asking for 640x480 at 30 fps. */
    public static VideoSource device(String nameOrId) {
        return device(nameOrId, DEFAULT_DEVICE_WIDTH, DEFAULT_DEVICE_HEIGHT, DEFAULT_DEVICE_FPS);
    }

    /**
     * A camera, by the name or id {@link MediaEngine#videoDevices()} lists; {@code null} or empty
     * for the first one. The size and rate are asked of the device, which may deliver another.
     */
    public static VideoSource device(String nameOrId, int width, int height, int fps) {
        checkFormat(width, height, fps);
        return new VideoSource(Kind.DEVICE, width, height, fps, -1, nameOrId == null ? "" : nameOrId.trim());
    }

    private static void checkFormat(int width, int height, int fps) {
        if (width < 16 || width > 1920 || height < 16 || height > 1080 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("video size must be even, 16..1920 x 16..1080: " + width + "x" + height);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("video frame rate must be 1..60 fps: " + fps);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the session has video at all (every kind but {@link Kind#NONE}). */
    public boolean hasVideo() {
        return kind != Kind.NONE;
    }

    /** Whether the session sends video ({@link Kind#PATTERN}, {@link Kind#DEVICE}). */
    public boolean sends() {
        return kind == Kind.PATTERN || kind == Kind.DEVICE;
    }

    /** The picture width sent (asked of a device), else 0. */
    public int width() {
        return width;
    }

    /** The picture height sent (asked of a device), else 0. */
    public int height() {
        return height;
    }

    /** Frames per second sent (asked of a device), else 0. */
    public int fps() {
        return fps;
    }

    /** The pattern's colour {@code 0xRRGGBB} ({@link Kind#PATTERN}), else -1. */
    public int rgb() {
        return rgb;
    }

    /** The camera's name or id, empty for the first ({@link Kind#DEVICE}), else null. */
    public String device() {
        return device;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VideoSource)) {
            return false;
        }
        VideoSource s = (VideoSource) o;
        return kind == s.kind && width == s.width && height == s.height && fps == s.fps && rgb == s.rgb
                && Objects.equals(device, s.device);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, width, height, fps, rgb, device);
    }

    @Override
    public String toString() {
        switch (kind) {
            case NONE:
                return "no video";
            case RECEIVE_ONLY:
                return "video receive-only";
            case PATTERN:
                return String.format(Locale.ROOT, "video pattern #%06x %dx%d@%d", rgb, width, height, fps);
            default:
                return "video device " + (device.isEmpty() ? "(first)" : "'" + device + "'")
                        + String.format(Locale.ROOT, " %dx%d@%d", width, height, fps);
        }
    }
}
