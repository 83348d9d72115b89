package io.siprtc.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.siprtc.api.media.MediaStats;

/**
 * The bench's per-second quality figures of one call as CSV (comma separated, a header line,
 * {@code .} as decimal point, -1 for unknown jitter, RTT and jitter buffer, 0 for no MOS yet).
 */
final class QualityCsv {

    static final String HEADER = "time_s,packets_sent,packets_received,packets_lost,loss_pct,jitter_ms,rtt_ms,"
            + "send_kbps,receive_kbps,jitter_buffer_ms,mos";

    /** One row: the figures at {@code timeS} seconds after the call was dialled. */
    record Row(double timeS, long packetsSent, long packetsReceived, long packetsLost, double lossPct, double jitterMs,
            double rttMs, double sendKbps, double receiveKbps, double jitterBufferMs, double mos) {

        static Row of(double timeS, MediaStats s) {
            return new Row(timeS, s.packetsSent(), s.packetsReceived(), s.packetsLost(), s.fractionLost() * 100,
                    s.jitterMs(), s.roundTripTimeMs(), s.sendKbps(), s.receiveKbps(), s.jitterBufferMs(), s.mos());
        }

        String toCsv() {
            return String.format(Locale.ROOT, "%.3f,%d,%d,%d,%.2f,%.2f,%.1f,%.2f,%.2f,%.1f,%.3f", timeS, packetsSent,
                    packetsReceived, packetsLost, lossPct, jitterMs, rttMs, sendKbps, receiveKbps, jitterBufferMs, mos);
        }

        static Row parse(String line) {
            String[] f = line.split(",", -1);
            if (f.length != 11) {
                throw new IllegalArgumentException("expected 11 fields: " + line);
            }
            return new Row(Double.parseDouble(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
                    Double.parseDouble(f[10]));
        }
    }

    private QualityCsv() {
    }

    static void write(Path file, List<Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(r -> lines.add(r.toCsv()));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a SIPRTC quality CSV (header: " + HEADER + ")");
        }
        List<Row> rows = new ArrayList<>();
        try {
            lines.stream().skip(1).filter(l -> !l.isBlank()).forEach(l -> rows.add(Row.parse(l)));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
