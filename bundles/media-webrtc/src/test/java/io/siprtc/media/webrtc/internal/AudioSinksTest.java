package io.siprtc.media.webrtc.internal;

import static io.siprtc.media.webrtc.internal.LoopbackCalls.ALICE_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.BOB_HZ;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.LOOPBACK;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.await;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.fresh;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.hears;
import static io.siprtc.media.webrtc.internal.LoopbackCalls.negotiate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.AudioFrameListener;
import io.siprtc.api.media.MediaSession;
import io.siprtc.api.media.MediaSessionConfig;
import io.siprtc.api.media.MediaStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where received audio goes, proved on what the far end sends over a real libwebrtc call on
 * 127.0.0.1: a WAV recording that holds the far end's tone, a level meter that reads the tone's
 * level and silence as silence, and decoded 10 ms frames handed to the host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudioSinksTest {

    /** ToneSource's amplitude, 0.3 of full scale: -13.5 dBFS RMS, -10.5 dBFS peak. */
    private static final double TONE_RMS_DBFS = 20 * Math.log10(0.3 / Math.sqrt(2));

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
    void theRecordingHoldsTheFarEndsTone() throws Exception {
        Path recording = dir.resolve("alice-hears-bob.wav");
        MediaSession alice = session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK).withRecording(recording));
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        Thread.sleep(2000);
        alice.close();
        long size = Files.size(recording);

        WavFile.Pcm pcm = WavFile.read(recording);
        assertEquals(48000, pcm.sampleRate());
        assertEquals(1, pcm.channels());
        short[] s = pcm.samples();
        double seconds = s.length / 48000.0;
        System.out.printf("recording: %d bytes, %.2f s%n", size, seconds);
        assertTrue(seconds > 2 && seconds < 6, seconds + " s");
        // the last two seconds: bob's tone at its level, all through
        for (int at = s.length - 96000; at + 24000 <= s.length; at += 24000) {
            assertEquals(BOB_HZ, Pcm.frequency(s, at, at + 24000, 48000), BOB_HZ * 0.01, "at " + at / 48000.0 + " s");
            assertEquals(TONE_RMS_DBFS, Pcm.rmsDbfs(s, at, at + 24000), 2, "at " + at / 48000.0 + " s");
        }
        assertEquals(size, Files.size(recording)); // nothing written after close
    }

    @Test
    void theLevelMeterReadsTheToneAndSilence() throws Exception {
        MediaSession alice = session(new MediaSessionConfig("alice", 0, LOOPBACK)); // sends silence
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        negotiate(alice, bob);
        MediaStats tone = await(alice, hears(BOB_HZ));
        await(bob, s -> s.audioFramesReceived() > 100);
        tone = fresh(alice);
        MediaStats silence = fresh(bob);
        System.out.println("level of the tone: " + tone.receivedLevelDbfs() + " dBFS RMS, " + tone.receivedPeakDbfs()
                + " dBFS peak; of silence: " + silence.receivedLevelDbfs() + " / " + silence.receivedPeakDbfs());
        assertEquals(TONE_RMS_DBFS, tone.receivedLevelDbfs(), 1.5, tone.toString());
        assertEquals(20 * Math.log10(0.3), tone.receivedPeakDbfs(), 1.5, tone.toString());
        assertTrue(silence.receivedLevelDbfs() < -60 && silence.receivedPeakDbfs() < -50, silence.toString());
        assertTrue(silence.packetsReceived() > 0 && silence.audioFramesReceived() > 100, silence.toString());
    }

    @Test
    void theHostGetsDecodedFramesOfTheFarEndsTone() throws Exception {
        MediaSession alice = session(new MediaSessionConfig("alice", ALICE_HZ, LOOPBACK));
        MediaSession bob = session(new MediaSessionConfig("bob", BOB_HZ, LOOPBACK));
        ConcurrentLinkedQueue<short[]> frames = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> formats = new ConcurrentLinkedQueue<>();
        AudioFrameListener listener = (samples, rate, channels) -> {
            frames.add(Pcm.firstChannel(samples, channels));
            String f = rate + "/" + channels + "/" + samples.length;
            if (!formats.contains(f)) {
                formats.add(f);
            }
        };
        alice.addAudioFrameListener(listener);
        alice.addAudioFrameListener((samples, rate, channels) -> {
            throw new IllegalStateException("a failing listener is logged and ignored");
        });
        negotiate(alice, bob);
        await(alice, hears(BOB_HZ));
        frames.clear();
        Thread.sleep(1000);
        alice.removeAudioFrameListener(listener);
        int count = frames.size();
        Thread.sleep(100);
        assertEquals(count, frames.size(), "no frame after removal");

        System.out.println("decoded frames: " + count + " in 1 s, formats (rate/channels/samples) " + formats);
        assertTrue(count >= 80 && count <= 120, count + " frames");
        for (String f : formats) {
            String[] p = f.split("/");
            int rate = Integer.parseInt(p[0]);
            assertEquals(rate / 100 * Integer.parseInt(p[1]), Integer.parseInt(p[2]), "10 ms frames: " + f);
        }
        int rate = Integer.parseInt(formats.peek().split("/")[0]);
        short[] all = new short[frames.stream().mapToInt(f -> f.length).sum()];
        int at = 0;
        for (short[] f : frames) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        assertEquals(BOB_HZ, Pcm.frequency(all, 0, all.length, rate), BOB_HZ * 0.01);
    }
}
