package io.siprtc.gateway.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * For the benches: when RTP packets reached a UDP port on {@code lo}, seen on the wire by one
 * observer (Debian's tshark) for every peer alike, so that "first audio received" means the same
 * event whoever received it. It captures only UDP datagrams that are RTP by RFC 7983's first byte
 * (128-191, version 2) and not RTCP (RFC 5761: second byte 192-223), 64 bytes of each (the
 * headers; SRTP keeps them in the clear), and reads their times (the kernel's, wall clock,
 * microseconds) and destination ports after the run.
 */
final class RtpArrivals implements AutoCloseable {

    static final String RTP_ONLY = "udp and (udp[8] & 0xc0) = 0x80 and not (udp[9] >= 192 and udp[9] <= 223)";

    /** One RTP packet: when it arrived (ns since the epoch) and at which port. */
    record Arrival(long epochNanos, int port) {
    }

    private final Path file;
    private final Path log;
    private final Process tshark;
    private List<Arrival> arrivals;

    private RtpArrivals(Path file, Path log, Process tshark) {
        this.file = file;
        this.log = log;
        this.tshark = tshark;
    }

    /** Starts capturing and returns once tshark reports that it is. */
    static RtpArrivals start(String name) throws IOException {
        Path dir = Paths.get("target", "captures").toAbsolutePath();
        Files.createDirectories(dir);
        Process p = PacketCapture.tshark(dir, name + "-rtp", "lo", RTP_ONLY, "-s", "64");
        return new RtpArrivals(dir.resolve(name + "-rtp.pcapng"), dir.resolve(name + "-rtp.log"), p);
    }

    /** Now as ns since the epoch, to set beside {@code System.nanoTime()} readings (same instant). */
    static long epochNanosAt(long nanoTime) {
        Instant now = Instant.now();
        long nano = System.nanoTime();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - (nano - nanoTime);
    }

    /**
     * The first RTP packet that reached {@code port} at or after {@code fromEpochNanos}, in ms
     * from it; the capture is stopped and read at the first call.
     */
    synchronized double firstMs(int port, long fromEpochNanos) throws IOException {
        for (Arrival a : arrivals()) {
            if (a.port() == port && a.epochNanos() >= fromEpochNanos) {
                return (a.epochNanos() - fromEpochNanos) / 1e6;
            }
        }
        throw new AssertionError("no RTP packet reached port " + port + " after " + fromEpochNanos + " (capture " + file + ")");
    }

    private List<Arrival> arrivals() throws IOException {
        if (arrivals != null) {
            return arrivals;
        }
        PacketCapture.stop(tshark);
        List<Arrival> read = new ArrayList<>();
        for (String line : PacketCapture.readLines(file, "-T", "fields", "-e", "frame.time_epoch", "-e", "udp.dstport")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                read.add(new Arrival(epochNanos(f[0]), Integer.parseInt(f[1])));
            }
        }
        arrivals = read;
        return read;
    }

    /** "1764000000.123456789" (tshark's frame.time_epoch) as ns since the epoch, without a double's rounding. */
    static long epochNanos(String seconds) {
        int dot = seconds.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(seconds) * 1_000_000_000L;
        }
        String frac = (seconds.substring(dot + 1) + "000000000").substring(0, 9);
        return Long.parseLong(seconds.substring(0, dot)) * 1_000_000_000L + Long.parseLong(frac);
    }

    /** Stops the capture; deletes its files unless {@code keep}. */
    void close(boolean keep) {
        PacketCapture.stop(tshark);
        if (keep) {
            System.err.println("Kept the RTP capture " + file);
            return;
        }
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // best effort
        }
    }

    @Override
    public void close() {
        close(false);
    }
}
