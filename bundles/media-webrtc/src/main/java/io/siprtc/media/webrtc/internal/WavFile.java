package io.siprtc.media.webrtc.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.siprtc.api.media.MediaException;

/**
 * RIFF/WAVE files of 16-bit PCM (RFC 2361; format 1, or WAVE_FORMAT_EXTENSIBLE with the PCM
 * sub-format): reading one whole, mixed down to mono, and writing one as audio arrives.
 */
final class WavFile {

    /** Largest data chunk read (about 23 minutes of 48 kHz stereo): the samples are held in memory. */
    static final long MAX_DATA_BYTES = 256L << 20;

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /** Mono samples and their rate. */
    record Pcm(short[] samples, int sampleRate, int channels) {
    }

    private WavFile() {
    }

    /**
     * Reads a WAV file whole, stereo mixed down to mono.
     *
     * @throws MediaException naming the file and what is wrong with it: missing, unreadable, not
     *         RIFF/WAVE, not 16-bit PCM, more than 2 channels, a rate outside 8..192 kHz, no audio
     */
    static Pcm read(Path file) throws MediaException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_DATA_BYTES + 4096) {
                throw fail(file, "too large (" + size + " bytes; at most " + MAX_DATA_BYTES + " bytes of audio)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fail(file, "does not exist");
        } catch (IOException e) {
            throw fail(file, "cannot be read (" + e + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(bytes, 0, "RIFF") || !tag(bytes, 8, "WAVE")) {
            throw fail(file, "is not a WAV file (no RIFF/WAVE header)");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int dataAt = -1;
        long dataLength = 0;
        int at = 12;
        while (at + 8 <= bytes.length) {
            String id = new String(bytes, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long length = b.getInt(at + 4) & 0xffffffffL;
            int body = at + 8;
            if (id.equals("fmt ")) {
                if (length < 16 || body + 16 > bytes.length) {
                    throw fail(file, "has a broken fmt chunk");
                }
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2) & 0xffff;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xffff;
                if (format == FORMAT_EXTENSIBLE && length >= 40 && body + 26 <= bytes.length) {
                    format = b.getShort(body + 24) & 0xffff; // the sub-format GUID's first two bytes
                }
            } else if (id.equals("data")) {
                dataAt = body;
                // a streamed file may leave the length 0 or 0xFFFFFFFF: take what is there
                long available = bytes.length - body;
                dataLength = length == 0 || length > available ? available : length;
                break;
            }
            at = (int) Math.min(Integer.MAX_VALUE, body + length + (length & 1));
        }
        if (format < 0) {
            throw fail(file, "has no fmt chunk");
        }
        if (format != FORMAT_PCM || bits != 16) {
            throw fail(file, "is " + describe(format, bits) + "; only 16-bit PCM is supported");
        }
        if (channels != 1 && channels != 2) {
            throw fail(file, "has " + channels + " channels; only mono and stereo are supported");
        }
        if (rate < 8000 || rate > 192000) {
            throw fail(file, "has a sample rate of " + rate + " Hz; 8000 to 192000 Hz are supported");
        }
        if (dataAt < 0) {
            throw fail(file, "has no data chunk");
        }
        int frames = (int) (dataLength / (2L * channels));
        if (frames == 0) {
            throw fail(file, "holds no audio");
        }
        short[] mono = new short[frames];
        for (int i = 0; i < frames; i++) {
            int p = dataAt + i * 2 * channels;
            mono[i] = channels == 1 ? b.getShort(p) : (short) ((b.getShort(p) + b.getShort(p + 2)) / 2);
        }
        return new Pcm(mono, rate, channels);
    }

    private static String describe(int format, int bits) {
        switch (format) {
            case FORMAT_PCM:
                return bits + "-bit PCM";
            case 3:
                return bits + "-bit IEEE float";
            case 6:
                return "A-law";
            case 7:
                return "mu-law";
            case 2:
            case 0x11:
                return "ADPCM";
            case 0x55:
                return "MP3";
            default:
                return "format 0x" + Integer.toHexString(format) + " (" + bits + " bits)";
        }
    }

    private static boolean tag(byte[] bytes, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (bytes[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static MediaException fail(Path file, String what) {
        return new MediaException("WAV file " + file + " " + what, 500, null);
    }

    /** The 44-byte header of a 16-bit PCM file with {@code dataBytes} of audio. */
    static byte[] header(int sampleRate, int channels, long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt((int) Math.min(0xffffffffL, 36 + dataBytes));
        h.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt(16);
        h.putShort((short) FORMAT_PCM);
        h.putShort((short) channels);
        h.putInt(sampleRate);
        h.putInt(sampleRate * channels * 2);
        h.putShort((short) (channels * 2));
        h.putShort((short) 16);
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt((int) Math.min(0xffffffffL, dataBytes));
        return h.array();
    }

    /** Writes a whole 16-bit PCM file (tests, tools). */
    static void write(Path file, short[] interleaved, int sampleRate, int channels) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : interleaved) {
            data.putShort(s);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header(sampleRate, channels, data.capacity()));
            out.write(data.array());
        }
    }

    /**
     * A WAV file written as audio arrives: mono 16-bit PCM; the header's lengths are brought up
     * to date after every write, so the file is a valid WAV file at any moment (also if the
     * process dies). Not thread-safe.
     */
    static final class Writer implements AutoCloseable {

        private final Path file;
        private final int sampleRate;
        private final FileChannel channel;
        private long dataBytes;

        Writer(Path file, int sampleRate) throws MediaException {
            this.file = file;
            this.sampleRate = sampleRate;
            try {
                this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                channel.write(ByteBuffer.wrap(header(sampleRate, 1, 0)));
            } catch (IOException | RuntimeException e) {
                throw new MediaException("cannot record into WAV file " + file + ": " + e, 500, e);
            }
        }

        Path file() {
            return file;
        }

        long dataBytes() {
            return dataBytes;
        }

        /** Appends samples, then updates the header. */
        void write(short[] samples, int n) throws IOException {
            ByteBuffer data = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                data.putShort(samples[i]);
            }
            data.flip();
            channel.position(44 + dataBytes);
            while (data.hasRemaining()) {
                channel.write(data);
            }
            dataBytes += n * 2L;
            channel.write(ByteBuffer.wrap(header(sampleRate, 1, dataBytes)), 0);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
