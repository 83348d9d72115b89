package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsTheValuesItKnows() throws Exception {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e3, true, false, null, \"x\\u00e9\\n\\\"\"], \"b\": {}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> a = (List<?>) m.get("a");
        assertEquals(1L, a.get(0));
        assertEquals(-2L, a.get(1));
        assertEquals(3.5, a.get(2));
        assertEquals(1000.0, a.get(3));
        assertEquals(true, a.get(4));
        assertEquals(false, a.get(5));
        assertEquals(Json.NULL, a.get(6));
        assertEquals("x\u00e9\n\"", a.get(7));
        assertEquals(Map.of(), m.get("b"));
        assertEquals("\ud83d\ude00", Json.parse("\"\\ud83d\\ude00\""));
    }

    @Test
    void refusesEverythingElse() {
        for (String bad : List.of("", " ", "{", "}", "{\"a\":1,}", "[1,]", "{\"a\":1}x", "01", "-", "1.", "1e", "+1",
                "\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00x\"", "\"tab\there\"", "nul", "True",
                "{\"a\":1,\"a\":2}", "{a:1}", "'a'", "[".repeat(20) + "]".repeat(20), "1e999")) {
            assertThrows(Json.JsonException.class, () -> Json.parse(bad), bad);
        }
        assertThrows(Json.JsonException.class, () -> Json.parse(new byte[] { '"', (byte) 0xff, '"' }));
        assertThrows(Json.JsonException.class, () -> Json.parseObject("[]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writesWhatItReads() throws Exception {
        String text = "quote \" backslash \\ newline \n tab \t nul \u0000 ls \u2028 emoji \ud83d\ude00 é";
        Map<String, Object> m = Json.object("t", text, "n", 42L, "i", 7, "b", true, "l", List.of(1L, "x"),
                "skipped", null, "null", Json.NULL);
        String written = Json.write(m);
        assertEquals(-1, written.indexOf('\n'), "one line");
        Map<String, Object> back = Json.parseObject(written.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, back.get("t"));
        assertEquals(42L, back.get("n"));
        assertEquals(7L, back.get("i"));
        assertEquals(List.of(1L, "x"), back.get("l"));
        assertEquals(false, back.containsKey("skipped"));
        assertEquals(Json.NULL, back.get("null"));
        assertEquals(Arrays.asList("t", "n", "i", "b", "l", "null"), List.copyOf(back.keySet()));
    }
}
