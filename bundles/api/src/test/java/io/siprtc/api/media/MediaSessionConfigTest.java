package io.siprtc.api.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 1.2 constructors still mean a tone, headless, no processing; each 1.3 {@code with...} keeps the rest. */
class MediaSessionConfigTest {

    @Test
    void theOldConstructorsSendTheToneHeadless() {
        MediaSessionConfig c = new MediaSessionConfig("call", 440, "127.0.0.1");
        assertEquals(AudioSource.tone(440), c.audioSource());
        assertFalse(c.playoutDevice().isPresent());
        assertFalse(c.recording().isPresent());
        assertFalse(c.echoCancellation() || c.noiseSuppression() || c.autoGainControl());
    }

    @Test
    void everyWithKeepsTheOthers() {
        Path wav = Path.of("in.wav");
        MediaSessionConfig c = new MediaSessionConfig("call", 440, "127.0.0.1")
                .withIceServers(List.of(IceServer.stun("stun:127.0.0.1:3478"))).withRelayOnly(false)
                .withAudioSource(AudioSource.device("USB Headset")).withPlayoutDevice("")
                .withRecording(Path.of("out.wav")).withAudioProcessing(true, false, true)
                .withAudioSource(AudioSource.wavFile(wav, true));
        assertEquals(AudioSource.wavFile(wav, true), c.audioSource());
        assertEquals("", c.playoutDevice().orElseThrow());
        assertEquals(Path.of("out.wav"), c.recording().orElseThrow());
        assertTrue(c.echoCancellation() && !c.noiseSuppression() && c.autoGainControl());
        assertEquals(1, c.iceServers().orElseThrow().size());
        assertEquals(false, c.relayOnly().orElseThrow());
        assertEquals("127.0.0.1", c.address());
        assertEquals(440, c.toneHz());
    }

    @Test
    void sourcesCheckWhatTheyAreGiven() {
        assertThrows(IllegalArgumentException.class, () -> AudioSource.tone(-1));
        assertThrows(IllegalArgumentException.class, () -> AudioSource.hostPcm(44100 + 50, 1));
        assertThrows(IllegalArgumentException.class, () -> AudioSource.hostPcm(16000, 3));
        assertThrows(IllegalArgumentException.class, () -> AudioSource.hostPcm(16000, 1, 0));
        assertThrows(NullPointerException.class, () -> AudioSource.wavFile(null, false));
        AudioSource pcm = AudioSource.hostPcm(44100, 2);
        assertEquals(AudioSource.DEFAULT_QUEUE_FRAMES, pcm.queueFrames());
        assertEquals("host PCM 44100 Hz/2 ch, queue 20 frames", pcm.toString());
        assertEquals("", AudioSource.device(null).device());
        assertEquals("capture device (default)", AudioSource.device(" ").toString());
    }
}
