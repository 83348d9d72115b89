package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.MediaStats;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine's PCM plumbing without libwebrtc: resampling, WAV files, the host's queue, the level meter, the device probe. */
class AudioPcmTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"8000,48000", "16000,48000", "44100,48000", "48000,48000", "96000,48000", "48000,16000", "22050,48000"})
    void theResamplerKeepsFrequencyLevelAndDuration(int in, int out) {
        short[] tone = Pcm.sine(600, in, 1, 1.0, 0.5);
        Resampler r = new Resampler(in, out);
        short[] all = new short[0];
        int frame = Math.max(1, in / 100);
        for (int at = 0; at < tone.length; at += frame) {
            int n = Math.min(frame, tone.length - at);
            short[] got = r.process(java.util.Arrays.copyOfRange(tone, at, at + n), n);
            short[] joined = java.util.Arrays.copyOf(all, all.length + got.length);
            System.arraycopy(got, 0, joined, all.length, got.length);
            all = joined;
        }
        // all but the filter's delay of 16 input samples came out
        int expected = (int) ((long) tone.length * out / in);
        assertTrue(Math.abs(all.length - expected) <= 16 * Math.max(1.0, (double) out / in) + 2,
                in + "->" + out + ": " + all.length + " of " + expected);
        int from = out / 10;
        int to = all.length - out / 10;
        assertEquals(600, Pcm.frequency(all, from, to, out), 0.5, in + "->" + out);
        // a 0.5 full-scale sine: -9.03 dBFS RMS
        assertEquals(-9.03, Pcm.rmsDbfs(all, from, to), 0.2, in + "->" + out);
    }

    @Test
    void downsamplingRemovesWhatTheNewRateCannotCarry() {
        short[] high = Pcm.sine(20000, 48000, 1, 0.5, 0.5); // above 8 kHz Nyquist of 16 kHz
        short[] got = new Resampler(48000, 16000).process(high, high.length);
        assertTrue(Pcm.rmsDbfs(got, 1000, got.length - 1000) < -50, "aliasing: " + Pcm.rmsDbfs(got, 1000, got.length - 1000));
    }

    @Test
    void aWavFileIsReadMixedDownToMono() throws Exception {
        Path stereo = dir.resolve("stereo.wav");
        WavFile.write(stereo, Pcm.sine(600, 44100, 2, 0.5, 0.5), 44100, 2);
        WavFile.Pcm pcm = WavFile.read(stereo);
        assertEquals(44100, pcm.sampleRate());
        assertEquals(2, pcm.channels());
        assertEquals(22050, pcm.samples().length);
        assertEquals(600, Pcm.frequency(pcm.samples(), 0, pcm.samples().length, 44100), 0.5);
    }

    @Test
    void unusableWavFilesAreRefusedWithTheReason() throws Exception {
        assertRefused(dir.resolve("missing.wav"), "does not exist");
        Path text = dir.resolve("text.wav");
        Files.writeString(text, "this is not audio, just some text that is long enough");
        assertRefused(text, "is not a WAV file");
        assertRefused(wav("8bit.wav", 1, 1, 8000, 8), "is 8-bit PCM; only 16-bit PCM is supported");
        assertRefused(wav("24bit.wav", 1, 1, 48000, 24), "is 24-bit PCM");
        assertRefused(wav("float.wav", 3, 1, 48000, 32), "is 32-bit IEEE float");
        assertRefused(wav("alaw.wav", 6, 1, 8000, 8), "is A-law");
        assertRefused(wav("six.wav", 1, 6, 48000, 16), "has 6 channels");
        assertRefused(wav("slow.wav", 1, 1, 4000, 16), "has a sample rate of 4000 Hz");
        Path empty = dir.resolve("empty.wav");
        WavFile.write(empty, new short[0], 8000, 1);
        assertRefused(empty, "holds no audio");
    }

    private Path wav(String name, int format, int channels, int rate, int bits) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(44 + 400).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 400).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) format)
                .putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits).put("data".getBytes()).putInt(400);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static void assertRefused(Path file, String why) {
        MediaException e = assertThrows(MediaException.class, () -> WavFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void theRecordingWriterKeepsAValidFileAtEveryMoment() throws Exception {
        Path out = dir.resolve("rec.wav");
        try (WavFile.Writer w = new WavFile.Writer(out, 48000)) {
            short[] tone = Pcm.sine(880, 48000, 1, 0.5, 0.3);
            w.write(tone, tone.length);
            WavFile.Pcm sofar = WavFile.read(out); // still open
            assertEquals(tone.length, sofar.samples().length);
            w.write(tone, tone.length);
        }
        WavFile.Pcm pcm = WavFile.read(out);
        assertEquals(48000, pcm.sampleRate());
        assertEquals(48000, pcm.samples().length);
        assertEquals(880, Pcm.frequency(pcm.samples(), 0, 48000, 48000), 0.5);
    }

    /** What the audio device module's capture thread gets, 10 ms at 48 kHz mono. */
    private static short[] pull(PulledPcm source) {
        byte[] buf = new byte[960];
        assertEquals(480, source.onPlaybackData(buf, 480, 2, 1, 48000));
        short[] s = new short[480];
        ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    @Test
    void theHostQueueDropsTheOldestWhenFullAndSendsSilenceWhenEmpty() {
        HostPcmInput in = new HostPcmInput(16000, 2, 5);
        assertEquals(320, in.frameLength());
        assertThrows(IllegalArgumentException.class, () -> in.write(new short[160]));
        assertEquals(-127, Pcm.rmsDbfs(pull(in), 0, 480), 0.001); // nothing written yet: silence, no underrun
        assertEquals(0, in.underruns());
        short[] tone = Pcm.sine(700, 16000, 2, 0.1, 0.5); // 10 frames
        int kept = 0;
        for (int i = 0; i < 10; i++) {
            kept += in.write(java.util.Arrays.copyOfRange(tone, i * 320, (i + 1) * 320)) ? 1 : 0;
        }
        assertEquals(5, kept);
        assertEquals(5, in.overflows());
        assertEquals(5, in.queued());
        assertEquals(10, in.framesWritten());
        short[] heard = new short[0];
        for (int i = 0; i < 6; i++) {
            short[] got = pull(in);
            heard = java.util.Arrays.copyOf(heard, heard.length + 480);
            System.arraycopy(got, 0, heard, heard.length - 480, 480);
        }
        assertEquals(0, in.queued());
        assertTrue(in.underruns() >= 1, in.toString());
        assertEquals(700, Pcm.frequency(heard, 200, 2000, 48000), 1);
        assertTrue(Pcm.rmsDbfs(heard, 2880 - 100, 2880) < -100, "silence after the queue ran dry");
        in.close();
        assertThrows(IllegalStateException.class, () -> in.write(new short[320]));
    }

    @Test
    void aWavSourcePlaysOnceOrLoops() throws Exception {
        Path file = dir.resolve("short.wav");
        WavFile.write(file, Pcm.sine(600, 8000, 1, 0.05, 0.5), 8000, 1); // 50 ms
        WavFileSource once = WavFileSource.open(file, false);
        WavFileSource looped = WavFileSource.open(file, true);
        for (int i = 0; i < 10; i++) {
            pull(once);
            pull(looped);
        }
        assertTrue(Pcm.rmsDbfs(pull(once), 0, 480) < -100);
        assertEquals(-9.03, Pcm.rmsDbfs(pull(looped), 0, 480), 1);
    }

    @Test
    void theLevelMeterReadsTheLast100Ms() {
        LevelMeter m = new LevelMeter();
        long t = 1_000_000_000L;
        short[] tone = Pcm.sine(1000, 48000, 1, 0.01, 0.5);
        byte[] bytes = new byte[960];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(tone);
        for (int i = 0; i < 10; i++) {
            m.accept(bytes, bytes.length, t + i * 10_000_000L);
        }
        double[] level = m.read(t + 95_000_000L);
        assertEquals(-9.03, level[0], 0.05);
        assertEquals(-6.02, level[1], 0.05);
        assertEquals(MediaStats.SILENCE_DBFS, m.read(t + 300_000_000L)[0]); // nothing lately
        for (int i = 0; i < 10; i++) {
            m.accept(new byte[960], 960, t + 400_000_000L + i * 10_000_000L);
        }
        assertEquals(MediaStats.SILENCE_DBFS, m.read(t + 495_000_000L)[0]);
    }

    @Test
    void devicesAreChosenByNameOrIdAndAnUnknownOneIsNamed() throws Exception {
        List<dev.onvoid.webrtc.media.audio.AudioDevice> devices = List.of(device("Built-in Mic", "alsa_input.pci"),
                device("USB Headset", "alsa_input.usb"));
        assertEquals("alsa_input.pci", AudioDevices.choose(devices, "", "capture").getDescriptor());
        assertEquals("alsa_input.usb", AudioDevices.choose(devices, "USB Headset", "capture").getDescriptor());
        assertEquals("USB Headset", AudioDevices.choose(devices, "alsa_input.usb", "capture").getName());
        MediaException e = assertThrows(MediaException.class, () -> AudioDevices.choose(devices, "nope", "capture"));
        assertEquals("unknown capture device 'nope'; there are 'Built-in Mic' (alsa_input.pci), 'USB Headset' "
                + "(alsa_input.usb)", e.getMessage());
        e = assertThrows(MediaException.class, () -> AudioDevices.choose(List.of(), "", "playout"));
        assertEquals("no default playout device; there are none", e.getMessage());
    }

    private static dev.onvoid.webrtc.media.audio.AudioDevice device(String name, String id) {
        return new dev.onvoid.webrtc.media.audio.AudioDevice(name, id) {
        };
    }

    @Test
    void theAudioServerProbeFindsAListeningSocketAndNothingElse() throws Exception {
        Path socket = dir.resolve("native");
        assertTrue(AudioDevices.pulseProblem(Map.of("PULSE_SERVER", "unix:" + socket), -1).contains("unix:" + socket));
        assertTrue(AudioDevices.pulseProblem(Map.of("XDG_RUNTIME_DIR", dir.toString()), -1)
                .startsWith("no PulseAudio server answers (tried " + dir + "/pulse/native"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertNull(AudioDevices.pulseProblem(Map.of("PULSE_SERVER", "unix:" + socket), -1));
            assertNull(AudioDevices.pulseProblem(Map.of("PULSE_SERVER", "tcp:127.0.0.1:1 " + socket), -1));
            Files.createDirectories(dir.resolve("pulse"));
            Files.move(socket, dir.resolve("pulse/native"));
            assertNull(AudioDevices.pulseProblem(Map.of("XDG_RUNTIME_DIR", dir.toString()), -1));
        }
        // a socket file nobody listens on any more
        assertFalse(AudioDevices.pulseProblem(Map.of("XDG_RUNTIME_DIR", dir.toString()), -1) == null);
    }
}
