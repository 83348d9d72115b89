package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.await;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.fresh;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.get;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.hears;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.AudioSource;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaStats;
import io.siprtc.api.media.PcmInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a session sends, proved by what the far end hears on a real libwebrtc call on 127.0.0.1:
 * a WAV file's tone, PCM the host writes 10 ms at a time (for seconds: the audio device module
 * pulls it, nothing pushes, so no JVM abort), and mute, which silences the far end while RTP
 * goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudioSourcesTest {

    @RegisterExtension
    static final EngineSessions MEDIA = new EngineSessions();

    private final WebRtcMediaEngine engine = MEDIA.engine;
    private final List<MediaSession> sessions = MEDIA.sessions;

    @TempDir
    Path dir;

    private MediaSession session(MediaSessionConfig config) throws Exception {
        MediaSession s = engine.createSession(config);
        sessions.add(s);
        return s;
    }

    @Test
    void theFarEndHearsTheWavFile() throws Exception {
        Path wav = dir.resolve("600hz.wav");
        // 44.1 kHz stereo: resampled to 48 kHz and mixed down on the way
        WavFile.write(wav, Pcm.sine(600, 44100, 2, 1.0, 0.3), 44100, 2);
        MediaSession alice = session(new MediaSessionConfig("alice", 0, LOOPBACK)
                .withAudioSource(AudioSource.wavFile(wav, true)));
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        negotiate(alice, bob);
        MediaStats heard = await(bob, hears(600));
        await(alice, hears(BOB_HZ));
        assertEquals(0, alice.stats().sentToneHz()); // not a tone
        System.out.println("WAV file source, far end: " + heard);
    }

    @Test
    void theFarEndHearsThePcmTheHostWrites() throws Exception {
        MediaSession alice = session(new MediaSessionConfig("alice", 0, LOOPBACK)
                .withAudioSource(AudioSource.hostPcm(16000, 1)));
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        PcmInput input = alice.pcmInput().orElseThrow();
        assertFalse(bob.pcmInput().isPresent());
        negotiate(alice, bob);

        // a host writing 10 ms frames of a 700 Hz tone in real time from its own thread
        short[] tone = Pcm.sine(700, 16000, 1, 1.0, 0.3); // 100 frames, a whole number of periods
        AtomicInteger frame = new AtomicInteger();
        ScheduledExecutorService host = Executors.newSingleThreadScheduledExecutor();
        try {
            host.scheduleAtFixedRate(() -> {
                int f = frame.getAndIncrement() % 100;
                input.write(Arrays.copyOfRange(tone, f * 160, (f + 1) * 160));
            }, 0, 10, TimeUnit.MILLISECONDS);
            await(bob, hears(700));
            // seconds of writing while libwebrtc's capture thread pulls: the far end keeps hearing it
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int checks = 0;
            List<String> missed = new ArrayList<>();
            while (System.nanoTime() < end) {
                Thread.sleep(500);
                MediaStats s = fresh(bob);
                if (!hears(700).test(s)) {
                    missed.add("after " + frame.get() + " frames: " + s.receivedToneHz() + " Hz; " + input);
                }
                checks++;
            }
            assertTrue(checks >= 6, "checks: " + checks);
            // a gap makes one half-second measurement miss: only an underrun (the host's thread or the
            // module's late by 30 ms on a loaded machine) may cause one, and only now and then
            assertTrue(missed.isEmpty() || (input.underruns() > 0 && missed.size() <= 2), missed.toString());
            await(bob, hears(700));
        } finally {
            host.shutdownNow();
            host.awaitTermination(1, TimeUnit.SECONDS);
        }
        System.out.println("host PCM: " + input);
        assertTrue(input.framesWritten() >= 500, input.toString());
        // the queue absorbs the two clocks' jitter; a scheduler hiccup may cost a frame now and then
        assertTrue(input.overflows() <= input.framesWritten() / 50, input.toString());
        assertTrue(input.underruns() <= input.framesWritten() / 20, input.toString());
        // the host stops: silence, counted as underruns
        long before = input.underruns();
        Thread.sleep(300);
        assertTrue(input.underruns() >= before + 20, input.toString());
        await(bob, s -> s.receivedToneHz() == 0);
    }

    @Test
    void muteSilencesTheFarEndWithoutRenegotiationAndUnmuteBringsTheToneBack() throws Exception {
        MediaSession alice = session(new MediaSessionConfig("alice", LoopbackCalls.ALICE_HZ, LOOPBACK));
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        negotiate(alice, bob);
        await(bob, hears(LoopbackCalls.ALICE_HZ));
        await(alice, hears(BOB_HZ));
        String offerBefore = alice.state().toString();

        get(alice.setMuted(true));
        assertTrue(alice.isMuted());
        MediaStats muted = await(bob, s -> s.receivedToneHz() == 0 && s.receivedLevelDbfs() < -60);
        long packets = fresh(bob).packetsReceived();
        Thread.sleep(1000);
        MediaStats later = fresh(bob);
        System.out.println("muted, far end: " + later + " level " + later.receivedLevelDbfs() + " dBFS");
        assertTrue(later.packetsReceived() > packets + 10, "RTP goes on while muted: " + packets + " -> " + later);
        assertEquals(0, later.receivedToneHz());
        assertTrue(later.receivedLevelDbfs() < -60, "level " + later.receivedLevelDbfs());
        await(alice, hears(BOB_HZ)); // only alice's sending is muted
        assertEquals(offerBefore, alice.state().toString());

        get(alice.setMuted(false));
        assertFalse(alice.isMuted());
        MediaStats back = await(bob, hears(LoopbackCalls.ALICE_HZ));
        assertTrue(back.receivedLevelDbfs() > -30, back.toString());
        System.out.println("muted then unmuted: " + muted.receivedLevelDbfs() + " -> " + back.receivedLevelDbfs() + " dBFS");
    }

    /**
     * A WAV or host PCM session has an audio device module and factory of its own (threads:
     * libwebrtc's network, signaling and worker threads, the module's playout and capture
     * threads): closing the session releases them.
     */
    @Test
    void aSessionsOwnAudioEndpointGoesWithIt() throws Exception {
        Path wav = dir.resolve("tone.wav");
        WavFile.write(wav, Pcm.sine(600, 16000, 1, 1.0, 0.3), 16000, 1);
        wavCall(wav); // warm-up: the engine's executor threads, the shared tone endpoint
        long before = threads();
        java.util.List<String> namesBefore = names();
        for (int i = 0; i < 5; i++) {
            wavCall(wav);
        }
        Thread.sleep(200);
        long after = threads();
        System.out.println("threads before and after 5 calls with a WAV source: " + before + " -> " + after);
        java.util.List<String> namesAfter = names();
        for (String n : namesBefore) {
            namesAfter.remove(n);
        }
        System.out.println("new threads: " + namesAfter);
        assertTrue(after <= before + 4, before + " -> " + after); // 5 leaked endpoints would be 25 or more
    }

    private void wavCall(Path wav) throws Exception {
        MediaSession alice = session(new MediaSessionConfig("alice", 0, LOOPBACK)
                .withAudioSource(AudioSource.wavFile(wav, true)));
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        negotiate(alice, bob);
        await(bob, hears(600));
        MEDIA.closeAll();
    }

    private static java.util.List<String> names() throws java.io.IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    out.add(java.nio.file.Files.readString(t.resolve("comm")).trim());
                } catch (java.io.IOException e) {
                    // gone
                }
            });
        }
        return out;
    }

    private static long threads() throws java.io.IOException {
        try (java.util.stream.Stream<Path> tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }
}
