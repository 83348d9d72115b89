package io.siprtc.media.webrtc.internal;

import java.nio.file.Path;
import java.util.Arrays;

import io.siprtc.api.media.MediaException;

/** A WAV file read whole when the session is created, then pulled 10 ms at a time; looped or once. */
final class WavFileSource extends PulledPcm {

    private final Path file;
    private final short[] samples;
    private final int frame;
    private final boolean loop;
    private int position;

    private WavFileSource(Path file, WavFile.Pcm pcm, boolean loop) {
        super(pcm.sampleRate());
        this.file = file;
        this.samples = pcm.samples();
        this.frame = Math.max(1, pcm.sampleRate() / 100);
        this.loop = loop;
    }

    /** @throws MediaException when the file is missing or not 16-bit PCM WAV (see {@link WavFile#read}) */
    static WavFileSource open(Path file, boolean loop) throws MediaException {
        return new WavFileSource(file, WavFile.read(file), loop);
    }

    @Override
    short[] nextFrame() {
        if (position >= samples.length) {
            if (!loop) {
                return null;
            }
            position = 0;
        }
        int end = Math.min(samples.length, position + frame);
        short[] out = Arrays.copyOfRange(samples, position, end);
        position = end;
        return out;
    }

    @Override
    public String toString() {
        return "WAV file " + file;
    }
}
