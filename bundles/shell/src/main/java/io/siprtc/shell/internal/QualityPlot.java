package io.siprtc.shell.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * Renders the bench's quality CSV as a PNG: jitter, loss and bitrate (send and receive) over
 * time, one panel each. Only the JDK's raster classes: every pixel is set here (lines and a
 * 5x7 bitmap font), so no display, font files or fontconfig are needed.
 */
final class QualityPlot {

    static final int WIDTH = 720;
    static final int HEIGHT = 540;
    static final int BACKGROUND = 0xffffff;
    static final int JITTER = 0xd62728;
    static final int LOSS = 0xff7f0e;
    static final int SEND = 0x1f77b4;
    static final int RECEIVE = 0x2ca02c;
    private static final int AXIS = 0x333333;
    private static final int GRID = 0xdddddd;
    private static final int TEXT = 0x111111;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 52;
    private static final int BOTTOM = 36;
    private static final int GAP = 26;

    private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);

    private QualityPlot() {
    }

    /** Writes the plot of {@code rows} to {@code png}. */
    static void render(List<QualityCsv.Row> rows, String title, Path png) throws IOException {
        QualityPlot p = new QualityPlot();
        p.draw(rows, title);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(p.image, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private void draw(List<QualityCsv.Row> rows, String title) {
        fill(0, 0, WIDTH, HEIGHT, BACKGROUND);
        text(LEFT, 10, title, TEXT, 2);
        double t0 = 0; // the dial
        double t1 = rows.isEmpty() ? 1 : Math.max(1, rows.get(rows.size() - 1).timeS());
        int panelHeight = (HEIGHT - TOP - BOTTOM - 2 * GAP) / 3;
        int y = TOP;
        panel(rows, t0, t1, y, panelHeight, "JITTER (MS)", new Series(JITTER, r -> Math.max(0, r.jitterMs())));
        y += panelHeight + GAP;
        panel(rows, t0, t1, y, panelHeight, "LOSS (%)", new Series(LOSS, QualityCsv.Row::lossPct));
        y += panelHeight + GAP;
        panel(rows, t0, t1, y, panelHeight, "BITRATE (KBIT/S): SEND, RECEIVE",
                new Series(SEND, QualityCsv.Row::sendKbps), new Series(RECEIVE, QualityCsv.Row::receiveKbps));
        int bottom = y + panelHeight;
        for (double t : ticks(t0, t1)) {
            int x = x(t, t0, t1);
            line(x, bottom, x, bottom + 4, AXIS);
            String label = label(t);
            text(x - label.length() * 3, bottom + 8, label, TEXT, 1);
        }
        text(WIDTH - RIGHT - 22 * 6, bottom + 20, "TIME SINCE THE DIAL (S)", TEXT, 1);
    }

    private record Series(int color, ToDoubleFunction<QualityCsv.Row> value) {
    }

    private void panel(List<QualityCsv.Row> rows, double t0, double t1, int top, int height, String name,
            Series... series) {
        double max = 0;
        for (Series s : series) {
            for (QualityCsv.Row r : rows) {
                max = Math.max(max, s.value().applyAsDouble(r));
            }
        }
        double step = niceStep(max);
        double yMax = step * 4;
        int left = LEFT;
        int right = WIDTH - RIGHT;
        int bottom = top + height;
        for (int i = 0; i <= 4; i++) {
            int gy = bottom - (int) Math.round(i * height / 4.0);
            line(left, gy, right, gy, i == 0 ? AXIS : GRID);
            String label = label(i * step);
            text(left - 6 - label.length() * 6, gy - 3, label, TEXT, 1);
        }
        line(left, top, left, bottom, AXIS);
        text(left, top - 12, name, TEXT, 1);
        int legend = left + name.length() * 6 + 12;
        for (Series s : series) {
            fill(legend, top - 11, 14, 5, s.color());
            legend += 22;
        }
        for (Series s : series) {
            int px = -1;
            int py = -1;
            for (QualityCsv.Row r : rows) {
                int x = x(r.timeS(), t0, t1);
                double v = Math.min(yMax, Math.max(0, s.value().applyAsDouble(r)));
                int y = bottom - (int) Math.round(v / yMax * height);
                if (px >= 0) {
                    thick(px, py, x, y, s.color());
                }
                fill(x - 2, y - 2, 5, 5, s.color());
                px = x;
                py = y;
            }
        }
    }

    private static int x(double t, double t0, double t1) {
        return LEFT + (int) Math.round((t - t0) / (t1 - t0) * (WIDTH - LEFT - RIGHT));
    }

    /** A step (1, 2 or 5 times a power of ten) so that four steps cover {@code max}. */
    static double niceStep(double max) {
        if (!(max > 0)) {
            return 0.25;
        }
        double raw = max / 4;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static double[] ticks(double t0, double t1) {
        double step = niceStep(t1 - t0);
        int n = (int) Math.floor((t1 - t0) / step + 1e-9) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = t0 + i * step;
        }
        return t;
    }

    /** At most two decimals, no trailing zeros: 0, 0.25, 1.5, 40. */
    static String label(double v) {
        return BigDecimal.valueOf(Math.round(v * 100) / 100.0).stripTrailingZeros().toPlainString();
    }

    private void set(int x, int y, int rgb) {
        if (x >= 0 && y >= 0 && x < WIDTH && y < HEIGHT) {
            image.setRGB(x, y, rgb);
        }
    }

    private void fill(int x, int y, int w, int h, int rgb) {
        for (int i = x; i < x + w; i++) {
            for (int j = y; j < y + h; j++) {
                set(i, j, rgb);
            }
        }
    }

    /** Bresenham. */
    private void line(int x0, int y0, int x1, int y1, int rgb) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            set(x0, y0, rgb);
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    private void thick(int x0, int y0, int x1, int y1, int rgb) {
        line(x0, y0, x1, y1, rgb);
        line(x0, y0 + 1, x1, y1 + 1, rgb);
        line(x0 + 1, y0, x1 + 1, y1, rgb);
    }

    private void text(int x, int y, String s, int rgb, int scale) {
        for (char c : s.toUpperCase(Locale.ROOT).toCharArray()) {
            String[] g = FONT.getOrDefault(c, FONT.get('?'));
            for (int row = 0; row < 7; row++) {
                for (int col = 0; col < 5; col++) {
                    if (g[row].charAt(col) == '#') {
                        fill(x + col * scale, y + row * scale, scale, scale, rgb);
                    }
                }
            }
            x += 6 * scale;
        }
    }

    private static final Map<Character, String[]> FONT = new HashMap<>();

    private static void glyph(char c, String rows) {
        String[] r = rows.split("/", -1);
        if (r.length != 7) {
            throw new IllegalStateException("glyph " + c);
        }
        FONT.put(c, r);
    }

    static {
        glyph('A', " ### /#   #/#   #/#####/#   #/#   #/#   #");
        glyph('B', "#### /#   #/#   #/#### /#   #/#   #/#### ");
        glyph('C', " ### /#   #/#    /#    /#    /#   #/ ### ");
        glyph('D', "#### /#   #/#   #/#   #/#   #/#   #/#### ");
        glyph('E', "#####/#    /#    /#### /#    /#    /#####");
        glyph('F', "#####/#    /#    /#### /#    /#    /#    ");
        glyph('G', " ### /#   #/#    /# ###/#   #/#   #/ ####");
        glyph('H', "#   #/#   #/#   #/#####/#   #/#   #/#   #");
        glyph('I', " ### /  #  /  #  /  #  /  #  /  #  / ### ");
        glyph('J', "  ###/   # /   # /   # /   # /#  # / ##  ");
        glyph('K', "#   #/#  # /# #  /##   /# #  /#  # /#   #");
        glyph('L', "#    /#    /#    /#    /#    /#    /#####");
        glyph('M', "#   #/## ##/# # #/# # #/#   #/#   #/#   #");
        glyph('N', "#   #/#   #/##  #/# # #/#  ##/#   #/#   #");
        glyph('O', " ### /#   #/#   #/#   #/#   #/#   #/ ### ");
        glyph('P', "#### /#   #/#   #/#### /#    /#    /#    ");
        glyph('Q', " ### /#   #/#   #/#   #/# # #/#  # / ## #");
        glyph('R', "#### /#   #/#   #/#### /# #  /#  # /#   #");
        glyph('S', " ####/#    /#    / ### /    #/    #/#### ");
        glyph('T', "#####/  #  /  #  /  #  /  #  /  #  /  #  ");
        glyph('U', "#   #/#   #/#   #/#   #/#   #/#   #/ ### ");
        glyph('V', "#   #/#   #/#   #/#   #/#   #/ # # /  #  ");
        glyph('W', "#   #/#   #/#   #/# # #/# # #/# # #/ # # ");
        glyph('X', "#   #/#   #/ # # /  #  / # # /#   #/#   #");
        glyph('Y', "#   #/#   #/ # # /  #  /  #  /  #  /  #  ");
        glyph('Z', "#####/    #/   # /  #  / #   /#    /#####");
        glyph('0', " ### /#   #/#  ##/# # #/##  #/#   #/ ### ");
        glyph('1', "  #  / ##  /  #  /  #  /  #  /  #  / ### ");
        glyph('2', " ### /#   #/    #/   # /  #  / #   /#####");
        glyph('3', "#####/   # /  #  /   # /    #/#   #/ ### ");
        glyph('4', "   # /  ## / # # /#  # /#####/   # /   # ");
        glyph('5', "#####/#    /#### /    #/    #/#   #/ ### ");
        glyph('6', "  ## / #   /#    /#### /#   #/#   #/ ### ");
        glyph('7', "#####/    #/   # /  #  / #   / #   / #   ");
        glyph('8', " ### /#   #/#   #/ ### /#   #/#   #/ ### ");
        glyph('9', " ### /#   #/#   #/ ####/    #/   # / ##  ");
        glyph(' ', "     /     /     /     /     /     /     ");
        glyph('.', "     /     /     /     /     / ##  / ##  ");
        glyph(',', "     /     /     /     / ##  /  #  / #   ");
        glyph(':', "     / ##  / ##  /     / ##  / ##  /     ");
        glyph('-', "     /     /     /#####/     /     /     ");
        glyph('=', "     /     /#####/     /#####/     /     ");
        glyph('%', "##   /##  #/   # /  #  / #   /#  ##/   ##");
        glyph('/', "     /    #/   # /  #  / #   /#    /     ");
        glyph('(', "   # /  #  / #   / #   / #   /  #  /   # ");
        glyph(')', " #   /  #  /   # /   # /   # /  #  / #   ");
        glyph('>', " #   /  #  /   # /    #/   # /  #  / #   ");
        glyph('<', "   # /  #  / #   /#    / #   /  #  /   # ");
        glyph('?', " ### /#   #/    #/   # /  #  /     /  #  ");
    }
}
