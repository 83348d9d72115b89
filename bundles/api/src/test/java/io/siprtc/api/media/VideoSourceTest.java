package io.siprtc.api.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Video stays off unless chosen; sources check what they are given; frames convert BT.601 colours back. */
class VideoSourceTest {

    @Test
    void sessionsAreAudioOnlyUnlessVideoIsChosen() {
        MediaSessionConfig c = new MediaSessionConfig("call", 440, "127.0.0.1");
        assertEquals(VideoSource.none(), c.video());
        assertFalse(c.video().hasVideo());
        MediaSessionConfig v = c.withVideo(VideoSource.pattern(0x102030)).withAudioSource(AudioSource.tone(880))
                .withRelayOnly(false);
        assertEquals(VideoSource.pattern(320, 240, 15, 0x102030), v.video());
        assertEquals(AudioSource.tone(880), v.audioSource());
        assertEquals(VideoSource.none(), c.video(), "the original is unchanged");
        assertEquals(VideoStats.NONE, MediaStats.NONE.video());
    }

    @Test
    void sourcesCheckWhatTheyAreGiven() {
        assertThrows(IllegalArgumentException.class, () -> VideoSource.pattern(321, 240, 15, 0));
        assertThrows(IllegalArgumentException.class, () -> VideoSource.pattern(320, 240, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> VideoSource.pattern(320, 240, 15, 0x1000000));
        assertThrows(IllegalArgumentException.class, () -> VideoSource.device("x", 4000, 2000, 30));
        assertThrows(NullPointerException.class, () -> new MediaSessionConfig("c", 0).withVideo(null));
        assertTrue(VideoSource.pattern(0).sends() && VideoSource.device(null).sends());
        assertFalse(VideoSource.receiveOnly().sends());
        assertTrue(VideoSource.receiveOnly().hasVideo());
        assertEquals("", VideoSource.device(null).device());
        assertEquals("video pattern #e03030 320x240@15", VideoSource.pattern(0xE03030).toString());
    }

    @Test
    void aFramesColoursComeBackFromI420() {
        // BT.601 limited range: (82, 90, 240) is pure red, (41, 240, 110) pure blue
        VideoFrame red = solid(4, 2, 82, 90, 240);
        int rgb = red.averageRgb();
        assertTrue(((rgb >> 16) & 0xFF) > 250 && ((rgb >> 8) & 0xFF) < 5 && (rgb & 0xFF) < 5, Integer.toHexString(rgb));
        assertEquals(rgb | 0xFF000000, red.toArgb()[7]);
        int blue = solid(2, 2, 41, 240, 110).averageRgb();
        assertTrue((blue & 0xFF) > 250 && ((blue >> 16) & 0xFF) < 5, Integer.toHexString(blue));
        assertThrows(IllegalArgumentException.class, () -> new VideoFrame(4, 4, 0, 0, new byte[15], new byte[4],
                new byte[4]));
    }

    private static VideoFrame solid(int w, int h, int y, int u, int v) {
        byte[] ys = new byte[w * h];
        java.util.Arrays.fill(ys, (byte) y);
        int c = ((w + 1) / 2) * ((h + 1) / 2);
        byte[] us = new byte[c];
        byte[] vs = new byte[c];
        java.util.Arrays.fill(us, (byte) u);
        java.util.Arrays.fill(vs, (byte) v);
        return new VideoFrame(w, h, 1, 0, ys, us, vs);
    }
}
