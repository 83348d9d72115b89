package io.siprtc.gateway.internal;

import java.util.Locale;

import io.siprtc.api.media.VideoSource;

/**
 * An account's {@code video} setting as the media engine's {@link VideoSource}: empty or
 * {@code none} (audio only), {@code receive} (video received, none sent), {@code pattern} (a
 * synthetic picture) or {@code camera}, each kind optionally followed by settings, separated by
 * commas or semicolons (a camera's name may hold spaces):
 *
 * <pre>
 * pattern
 * pattern,color=e03030,size=320x240,fps=15
 * camera,device=HD Webcam C920,size=640x480,fps=30
 * </pre>
 *
 * {@code color} (pattern only, {@code RRGGBB}, a leading {@code #} allowed), {@code size}
 * ({@code WIDTHxHEIGHT}), {@code fps}, {@code device} (camera only: its name or id; absent: the
 * first camera).
 */
final class AccountVideo {

    /** The pattern's colour when none is set: a mid blue. */
    static final int DEFAULT_COLOR = 0x3070C0;

    private AccountVideo() {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, prefixed {@code video: }
     */
    static VideoSource parse(String text) {
        try {
            return parseSetting(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("video: " + e.getMessage(), e);
        }
    }

    private static VideoSource parseSetting(String text) {
        if (text == null || text.isBlank()) {
            return VideoSource.none();
        }
        String[] parts = text.trim().split("\\s*[,;]\\s*");
        String kind = parts[0].trim().toLowerCase(Locale.ROOT);
        boolean pattern = kind.equals("pattern");
        boolean camera = kind.equals("camera");
        if (!pattern && !camera) {
            if (parts.length > 1) {
                throw new IllegalArgumentException("'" + kind + "' takes no settings: '" + text.trim() + "'");
            }
            switch (kind) {
                case "none":
                case "off":
                    return VideoSource.none();
                case "receive":
                case "recvonly":
                    return VideoSource.receiveOnly();
                default:
                    throw new IllegalArgumentException("'" + parts[0] + "' is not none, receive, pattern or camera");
            }
        }
        int width = pattern ? VideoSource.DEFAULT_WIDTH : VideoSource.DEFAULT_DEVICE_WIDTH;
        int height = pattern ? VideoSource.DEFAULT_HEIGHT : VideoSource.DEFAULT_DEVICE_HEIGHT;
        int fps = pattern ? VideoSource.DEFAULT_FPS : VideoSource.DEFAULT_DEVICE_FPS;
        int color = DEFAULT_COLOR;
        String device = "";
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("setting needs key=value: '" + parts[i] + "'");
            }
            String key = parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = parts[i].substring(eq + 1).trim();
            switch (key) {
                case "size":
                    String[] wh = value.toLowerCase(Locale.ROOT).split("x");
                    if (wh.length != 2) {
                        throw new IllegalArgumentException("size must be WIDTHxHEIGHT: '" + value + "'");
                    }
                    width = number(key, wh[0]);
                    height = number(key, wh[1]);
                    break;
                case "fps":
                    fps = number(key, value);
                    break;
                case "color":
                case "colour":
                    if (!pattern) {
                        throw new IllegalArgumentException("color is for the pattern");
                    }
                    String hex = value.startsWith("#") ? value.substring(1) : value;
                    if (!hex.matches("[0-9a-fA-F]{6}")) {
                        throw new IllegalArgumentException("color must be RRGGBB: '" + value + "'");
                    }
                    color = Integer.parseInt(hex, 16);
                    break;
                case "device":
                    if (!camera) {
                        throw new IllegalArgumentException("device is for the camera");
                    }
                    device = value;
                    break;
                default:
                    throw new IllegalArgumentException("unknown setting '" + key + "' (known: size, fps, "
                            + (pattern ? "color" : "device") + ")");
            }
        }
        return pattern ? VideoSource.pattern(width, height, fps, color) : VideoSource.device(device, width, height, fps);
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: '" + value + "'");
        }
    }
}
