package io.siprtc.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./siprtc bench [calls] [--csv FILE [--png FILE] [--seconds N]]}. */
class BenchOptionsTest {

    @Test
    void defaults() {
        BenchOptions o = BenchOptions.parse(List.of());
        assertEquals(30, o.calls);
        assertNull(o.csv);
        assertNull(o.png);
        assertEquals(5, BenchOptions.parse(List.of("5")).calls);
    }

    @Test
    void theCsvNamesThePlotUnlessGivenOne() {
        BenchOptions o = BenchOptions.parse(List.of("3", "--csv", "out/q.csv"));
        assertEquals(3, o.calls);
        assertEquals(Paths.get("out/q.csv"), o.csv);
        assertEquals(Paths.get("out/q.png"), o.png);
        assertEquals(10, o.seconds);
        o = BenchOptions.parse(List.of("--seconds", "20", "--csv", "q", "--png", "/tmp/plot.png"));
        assertEquals(30, o.calls);
        assertEquals(20, o.seconds);
        assertEquals(Paths.get("/tmp/plot.png"), o.png);
        assertEquals(Paths.get("q.png"), BenchOptions.parse(List.of("--csv", "q")).png);
    }

    @Test
    void mistakesAreNamedWithTheUsage() {
        for (List<String> bad : List.of(List.of("x"), List.of("--csv"), List.of("--seconds", "0", "--csv", "q"),
                List.of("--png", "p.png"), List.of("3", "4"), List.of("--plot", "p"), List.of("-1"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(bad),
                    bad.toString());
            assertTrue(e.getMessage().contains(BenchOptions.USAGE), e.getMessage());
        }
    }
}
