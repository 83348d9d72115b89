package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.await;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.hears;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.AudioSource;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio input the engine cannot use fails {@code createSession} with a {@link MediaException}
 * that names it and says why, leaves no session open and the engine working; and audio devices
 * on this machine (no audio server): headless by default without touching the audio system,
 * enabled they list none, again without starting libpulse (whose device manager would hang the
 * JVM here).
 */
class AudioInputRefusedTest {

    @TempDir
    Path dir;

    @Test
    void unusableWavFilesAndRecordingsAreRefusedAtSessionCreation() throws Exception {
        WebRtcMediaEngine engine = new WebRtcMediaEngine();
        engine.activate(new LoopbackCalls.Config());
        try {
            Path text = dir.resolve("notes.wav");
            Files.writeString(text, "not audio at all, but long enough to have a header's worth of bytes");
            Path eightBit = dir.resolve("8bit.wav");
            byte[] header = WavFile.header(8000, 1, 100);
            header[34] = 8; // bits per sample
            Files.write(eightBit, concat(header, new byte[100]));

            refused(engine, AudioSource.wavFile(dir.resolve("missing.wav"), true), "missing.wav does not exist");
            refused(engine, AudioSource.wavFile(text, true), "notes.wav is not a WAV file (no RIFF/WAVE header)");
            refused(engine, AudioSource.wavFile(eightBit, true),
                    "8bit.wav is 8-bit PCM; only 16-bit PCM is supported");
            MediaException e = assertThrows(MediaException.class, () -> engine.createSession(
                    new MediaSessionConfig("bad", ALICE_HZ, LOOPBACK).withRecording(dir.resolve("no/such/dir/x.wav"))));
            assertTrue(e.getMessage().startsWith("cannot record into WAV file " + dir.resolve("no/such/dir/x.wav")),
                    e.getMessage());
            assertEquals(0, engine.openSessions());

            // and the engine still makes calls, with a WAV source too
            Path good = dir.resolve("good.wav");
            WavFile.write(good, Pcm.sine(600, 16000, 1, 1.0, 0.3), 16000, 1);
            MediaSession alice = engine.createSession(new MediaSessionConfig("alice", 0, LOOPBACK)
                    .withAudioSource(AudioSource.wavFile(good, true)));
            MediaSession bob = engine.createSession(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
            negotiate(alice, bob);
            await(bob, hears(600));
            alice.close();
            bob.close();
        } finally {
            engine.deactivate();
        }
    }

    private static void refused(WebRtcMediaEngine engine, AudioSource source, String why) {
        MediaException e = assertThrows(MediaException.class,
                () -> engine.createSession(new MediaSessionConfig("bad", 0, LOOPBACK).withAudioSource(source)));
        System.out.println("refused: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("WAV file ") && e.getMessage().endsWith(why), e.getMessage());
        assertEquals(0, engine.openSessions());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void headlessByDefaultDevicesAreRefusedWithoutTouchingTheAudioSystem() throws Exception {
        WebRtcMediaEngine engine = new WebRtcMediaEngine();
        engine.activate(new LoopbackCalls.Config());
        try {
            assertEquals(java.util.List.of(), engine.audioDevices());
            MediaException e = assertThrows(MediaException.class, () -> engine.createSession(
                    new MediaSessionConfig("mic", 0, LOOPBACK).withAudioSource(AudioSource.device("Built-in Mic"))));
            assertEquals("audio devices are off (audio.devices=false: the engine is headless); cannot open capture "
                    + "device 'Built-in Mic'", e.getMessage());
            e = assertThrows(MediaException.class, () -> engine.createSession(
                    new MediaSessionConfig("speaker", 0, LOOPBACK).withPlayoutDevice("")));
            assertEquals("audio devices are off (audio.devices=false: the engine is headless); cannot open playout "
                    + "device ''", e.getMessage());
            assertEquals(0, engine.openSessions());
            assertFalse(pulseAudioStarted());
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void enabledDevicesOnAMachineWithoutAudioServerAreNoneAndAnUnknownOneIsRefused() throws Exception {
        WebRtcMediaEngine engine = new WebRtcMediaEngine();
        engine.activate(LoopbackCalls.config(Map.of("audio_devices", true)));
        try {
            // webrtc-java's MediaDevices would hang here for good; the engine must not
            assertEquals(java.util.List.of(), assertTimeoutPreemptively(Duration.ofSeconds(10), engine::audioDevices));
            MediaException e = assertThrows(MediaException.class, () -> engine.createSession(
                    new MediaSessionConfig("mic", 0, LOOPBACK).withAudioSource(AudioSource.device("no-such-mic"))));
            System.out.println("refused: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot open capture device 'no-such-mic' and playout device (default): "
                    + "no audio devices, no PulseAudio server answers (tried "), e.getMessage());
            e = assertThrows(MediaException.class, () -> engine.createSession(
                    new MediaSessionConfig("speaker", ALICE_HZ, LOOPBACK).withPlayoutDevice("USB Headset")));
            assertEquals("a playout device needs a capture device as the audio source (one webrtc-java audio device "
                    + "module serves both directions of a call); the source is tone 440 Hz", e.getMessage());
            assertEquals(0, engine.openSessions());
            assertFalse(pulseAudioStarted());
        } finally {
            engine.deactivate();
        }
    }

    /** libpulse's threaded mainloop runs a thread named "threaded-ml" (/proc/self/task/N/comm). */
    private static boolean pulseAudioStarted() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.anyMatch(t -> {
                try {
                    return Files.readString(t.resolve("comm")).trim().equals("threaded-ml");
                } catch (IOException e) {
                    return false; // the thread ended
                }
            });
        }
    }
}
