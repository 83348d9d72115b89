package io.siprtc.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaStats;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's per-second CSV and its PNG plot. */
class QualityCsvTest {

    @TempDir
    Path dir;

    @Test
    void writesOneRowPerSampleWithAHeaderAndReadsItBack() throws IOException {
        List<QualityCsv.Row> rows = sampleCall(5);
        Path csv = dir.resolve("sub/call.csv");
        QualityCsv.write(csv, rows);

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(6, lines.size());
        assertEquals("time_s,packets_sent,packets_received,packets_lost,loss_pct,jitter_ms,rtt_ms,send_kbps,receive_kbps,"
                + "jitter_buffer_ms,mos", lines.get(0));
        assertEquals("1.150,50,49,1,2.00,2.50,12.0,28.10,28.90,40.0,4.300", lines.get(1));
        for (String l : lines) {
            assertEquals(11, l.split(",", -1).length, l);
        }
        assertEquals(rows, QualityCsv.read(csv));
    }

    @Test
    void aRowComesFromMediaStatsAndIsLocaleIndependent() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // a decimal comma would break the CSV
            MediaStats s = MediaStats.builder().packetsSent(100).packetsReceived(98).packetsLost(2).fractionLost(0.02)
                    .jitterMs(2.5).roundTripTimeMs(1).sendKbps(32.5).receiveKbps(31.25).jitterBufferMs(37.5).mos(4.4)
                    .build();
            assertEquals("2.000,100,98,2,2.00,2.50,1.0,32.50,31.25,37.5,4.400", QualityCsv.Row.of(2, s).toCsv());
            assertEquals("0.000,0,0,0,0.00,-1.00,-1.0,0.00,0.00,-1.0,0.000", QualityCsv.Row.of(0, MediaStats.NONE).toCsv());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aFileThatIsNotOursIsRefused() throws IOException {
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "a,b\n1,2\n");
        assertThrows(IOException.class, () -> QualityCsv.read(other));
        Files.writeString(other, QualityCsv.HEADER + "\n1,2,3\n");
        assertThrows(IOException.class, () -> QualityCsv.read(other));
    }

    @Test
    void thePlotIsAReadablePngWithEverySeries() throws IOException {
        Path csv = dir.resolve("call.csv");
        QualityCsv.write(csv, sampleCall(10));
        Path png = dir.resolve("call.png");
        QualityPlot.render(QualityCsv.read(csv), "SIPRTC 10 S CALL", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, "ImageIO reads it back");
        assertEquals(QualityPlot.WIDTH, image.getWidth());
        assertEquals(QualityPlot.HEIGHT, image.getHeight());
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals("PNG", new String(head, 1, 3, StandardCharsets.US_ASCII));
        for (int color : new int[] {QualityPlot.JITTER, QualityPlot.LOSS, QualityPlot.SEND, QualityPlot.RECEIVE}) {
            assertTrue(count(image, color) > 50, String.format("series colour %06x drawn", color));
        }
        assertTrue(count(image, QualityPlot.BACKGROUND) > image.getWidth() * image.getHeight() / 2, "mostly background");
    }

    @Test
    void anEmptyOrFlatCallStillPlots() throws IOException {
        Path png = dir.resolve("empty.png");
        QualityPlot.render(List.of(), "NO ROWS", png);
        assertEquals(QualityPlot.WIDTH, ImageIO.read(png.toFile()).getWidth());
        QualityPlot.render(List.of(QualityCsv.Row.of(1, MediaStats.NONE)), "ONE ROW", png);
        assertEquals(QualityPlot.HEIGHT, ImageIO.read(png.toFile()).getHeight());
    }

    @Test
    void axisStepsAreRound() {
        assertEquals(10, QualityPlot.niceStep(40));
        assertEquals(10, QualityPlot.niceStep(33));
        assertEquals(0.5, QualityPlot.niceStep(1.9), 1e-12);
        assertEquals(0.25, QualityPlot.niceStep(0), 1e-12);
        assertEquals(2.5, QualityPlot.niceStep(9), 1e-12);
        assertEquals("0", QualityPlot.label(0));
        assertEquals("0.25", QualityPlot.label(0.25));
        assertEquals("1.5", QualityPlot.label(1.5));
        assertEquals("40", QualityPlot.label(40));
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    /** A call whose loss rises then clears, with jitter and a varying bitrate. */
    private static List<QualityCsv.Row> sampleCall(int seconds) {
        List<QualityCsv.Row> rows = new ArrayList<>();
        for (int i = 1; i <= seconds; i++) {
            rows.add(new QualityCsv.Row(i + 0.15, 50L * i, 49L * i, i, i % 4 == 1 ? 2.0 : 0.5 * i, 1.5 + i % 3, 12,
                    32.1 - (i % 2) * 4, 31.9 - (i % 3) * 3, 40, 4.3 - 0.01 * (i - 1)));
        }
        return rows;
    }
}
