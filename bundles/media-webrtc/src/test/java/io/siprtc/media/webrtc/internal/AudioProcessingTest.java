package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.AudioSource;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.PcmInput;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audio processing switches take effect with the headless audio device module: each test
 * runs the same call twice at once, switch off and on, on 127.0.0.1, and compares what the far
 * ends hear (1 s RMS of the decoded audio).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudioProcessingTest {

    @RegisterExtension
    static final EngineSessions MEDIA = new EngineSessions();

    private final WebRtcMediaEngine engine = MEDIA.engine;
    private final List<MediaSession> sessions = MEDIA.sessions;

    @TempDir
    Path dir;

    /** A call from a session sending {@code source} with the switches to one that records what it hears. */
    private ConcurrentLinkedQueue<short[]> call(String name, AudioSource source, boolean ec, boolean ns, boolean agc)
            throws Exception {
        MediaSession sender = engine.createSession(new MediaSessionConfig(name, 0, LOOPBACK).withAudioSource(source)
                .withAudioProcessing(ec, ns, agc));
        sessions.add(sender);
        MediaSession listener = engine.createSession(new MediaSessionConfig(name + "-far", 0, LOOPBACK));
        sessions.add(listener);
        ConcurrentLinkedQueue<short[]> heard = new ConcurrentLinkedQueue<>();
        listener.addAudioFrameListener((samples, rate, channels) -> heard.add(Pcm.firstChannel(samples, channels)));
        negotiate(sender, listener);
        return heard;
    }

    /** RMS of the last second heard, dBFS. */
    private static double lastSecond(ConcurrentLinkedQueue<short[]> heard) throws InterruptedException {
        heard.clear();
        Thread.sleep(1000);
        short[] s = Pcm.join(heard);
        return Pcm.rmsDbfs(s, 0, s.length);
    }

    @Test
    void automaticGainControlRaisesAQuietVoice() throws Exception {
        Path quiet = dir.resolve("quiet.wav");
        WavFile.write(quiet, Pcm.sine(600, 48000, 1, 1.0, 0.01), 48000, 1); // -43 dBFS
        ConcurrentLinkedQueue<short[]> off = call("agc-off", AudioSource.wavFile(quiet, true), false, false, false);
        ConcurrentLinkedQueue<short[]> on = call("agc-on", AudioSource.wavFile(quiet, true), false, false, true);
        Thread.sleep(4500); // measured: the gain climbs about 1 dB per 100 ms... then settles after 4 s
        double levelOff = lastSecond(off);
        double levelOn = lastSecond(on);
        System.out.printf("AGC: a -43 dBFS tone arrives at %.1f dBFS with AGC off, %.1f dBFS with AGC on%n", levelOff,
                levelOn);
        assertEquals(-43, levelOff, 1.5);
        assertTrue(levelOn > levelOff + 6, levelOn + " vs " + levelOff);
    }

    @Test
    void noiseSuppressionTakesOutSteadyNoise() throws Exception {
        Path noise = dir.resolve("noise.wav");
        WavFile.write(noise, Pcm.noise(48000, 2.0, 0.03, 1), 48000, 1); // -30 dBFS white noise
        ConcurrentLinkedQueue<short[]> off = call("ns-off", AudioSource.wavFile(noise, true), false, false, false);
        ConcurrentLinkedQueue<short[]> on = call("ns-on", AudioSource.wavFile(noise, true), false, true, false);
        Thread.sleep(2000);
        double levelOff = lastSecond(off);
        double levelOn = lastSecond(on);
        System.out.printf("NS: -30 dBFS white noise arrives at %.1f dBFS with NS off, %.1f dBFS with NS on%n", levelOff,
                levelOn);
        assertTrue(levelOff > -36, "noise off: " + levelOff);
        assertTrue(levelOn < levelOff - 10, levelOn + " vs " + levelOff);
    }

    /**
     * The near end's "microphone" (host PCM) hears its "loudspeaker" (the decoded far-end audio,
     * from an audio frame listener): the far end gets its own voice back as echo unless the echo
     * canceller, whose reference is the audio the near end's module plays out, removes it.
     */
    @Test
    void echoCancellationRemovesTheFarEndsVoiceFromTheNearEndsMicrophone() throws Exception {
        Path voice = dir.resolve("voice.wav");
        WavFile.write(voice, Pcm.voice(48000, 2.0, 1), 48000, 1);
        // one call after the other: the echo path's delay must stay put while the canceller learns it
        ConcurrentLinkedQueue<short[]> off = echoCall("aec-off", voice, false);
        Thread.sleep(1000);
        double echoOff = lastSecond(off);
        MEDIA.closeAll();
        ConcurrentLinkedQueue<short[]> on = echoCall("aec-on", voice, true);
        Thread.sleep(3000);
        double echoOn = lastSecond(on);
        System.out.println("AEC: " + sessions.get(0).pcmInput().orElseThrow());
        System.out.printf("AEC: the far end's voice comes back at %.1f dBFS with AEC off, %.1f dBFS with AEC on%n",
                echoOff, echoOn);
        assertTrue(echoOff > -30, "echo without AEC: " + echoOff);
        assertTrue(echoOn < echoOff - 20, echoOn + " vs " + echoOff);
    }

    private ConcurrentLinkedQueue<short[]> echoCall(String name, Path farVoice, boolean ec) throws Exception {
        MediaSession near = engine.createSession(new MediaSessionConfig(name, 0, LOOPBACK)
                .withAudioSource(AudioSource.hostPcm(48000, 1)).withAudioProcessing(ec, false, false));
        sessions.add(near);
        PcmInput microphone = near.pcmInput().orElseThrow();
        near.addAudioFrameListener((samples, rate, channels) -> {
            if (rate == 48000) {
                microphone.write(Pcm.firstChannel(samples, channels));
            }
        });
        MediaSession far = engine.createSession(new MediaSessionConfig(name + "-far", 0, LOOPBACK)
                .withAudioSource(AudioSource.wavFile(farVoice, true)));
        sessions.add(far);
        ConcurrentLinkedQueue<short[]> echo = new ConcurrentLinkedQueue<>();
        far.addAudioFrameListener((samples, rate, channels) -> echo.add(Pcm.firstChannel(samples, channels)));
        negotiate(near, far);
        return echo;
    }
}
