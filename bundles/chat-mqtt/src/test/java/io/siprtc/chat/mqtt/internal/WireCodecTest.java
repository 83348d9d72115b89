package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.Presence;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    final WireCodec codec = new WireCodec(2048);
    final Instant t = Instant.parse("2026-05-01T10:00:00.123Z");

    @Test
    void everyTypeRoundTrips() throws Exception {
        List<Wire> all = List.of(
                new Wire.Message("m-1", "alice", "bob", t, "hi \u263a", MessageKind.TEXT, null, List.of(), null),
                new Wire.Message("m-2", "alice", "bob", t, "team", MessageKind.NOTICE, "team", List.of("alice", "bob", "carol"),
                        "m-1"),
                new Wire.Receipt("r-1", "bob", "alice", t, "m-1", MessageStatus.DELIVERED, null),
                new Wire.Receipt("r-2", "bob", "alice", t, "m-2", MessageStatus.READ, "team"),
                new Wire.Typing("alice", "bob", t, true, null),
                new Wire.PresenceState("alice", t, Presence.AWAY));
        for (Wire w : all) {
            assertEquals(w, codec.decode(codec.encode(w)));
        }
    }

    @Test
    void theDocumentedFormat() {
        String json = new String(codec.encode(new Wire.Message("m-1", "alice", "bob", t, "hi", MessageKind.TEXT, null,
                List.of(), null)), StandardCharsets.UTF_8);
        assertEquals("{\"v\":1,\"type\":\"message\",\"id\":\"m-1\",\"from\":\"alice\",\"to\":\"bob\","
                + "\"time\":\"2026-05-01T10:00:00.123Z\",\"text\":\"hi\",\"kind\":\"text\"}", json);
        String group = new String(codec.encode(new Wire.Message("m-2", "alice", "bob", t, "hi", MessageKind.TEXT, "team",
                List.of("alice", "bob"), "m-1")), StandardCharsets.UTF_8);
        assertEquals("{\"v\":1,\"type\":\"message\",\"id\":\"m-2\",\"from\":\"alice\",\"to\":\"bob\","
                + "\"time\":\"2026-05-01T10:00:00.123Z\",\"text\":\"hi\",\"kind\":\"text\",\"prev\":\"m-1\","
                + "\"group\":\"team\",\"members\":[\"alice\",\"bob\"]}", group);
    }

    @Test
    void refusesWithAReason() {
        String ok = "\"id\":\"m\",\"from\":\"alice\",\"to\":\"bob\",\"time\":\"2026-05-01T10:00:00Z\",\"text\":\"x\",\"kind\":\"text\"";
        assertReason("unknown version 2", "{\"v\":2,\"type\":\"message\"," + ok + "}");
        assertReason("no version", "{\"type\":\"message\"," + ok + "}");
        assertReason("no version", "{\"v\":\"1\",\"type\":\"message\"," + ok + "}");
        assertReason("unknown type", "{\"v\":1,\"type\":\"gift\"," + ok + "}");
        assertReason("unknown kind", "{\"v\":1,\"type\":\"message\"," + ok.replace("\"kind\":\"text\"", "\"kind\":\"shout\"") + "}");
        assertReason("not a valid name", "{\"v\":1,\"type\":\"message\"," + ok.replace("\"bob\"", "\"b+b\"") + "}");
        assertReason("members", "{\"v\":1,\"type\":\"message\"," + ok + ",\"group\":\"g\"}");
        assertReason("must include", "{\"v\":1,\"type\":\"message\"," + ok + ",\"group\":\"g\",\"members\":[\"carol\"]}");
        assertReason("no \"text\"", "{\"v\":1,\"type\":\"message\"," + ok.replace("\"text\":\"x\",", "") + "}");
        assertReason("receipt status", "{\"v\":1,\"type\":\"receipt\",\"id\":\"r\",\"from\":\"a\",\"to\":\"b\","
                + "\"time\":\"2026-05-01T10:00:00Z\",\"ref\":\"m\",\"status\":\"queued\"}");
        assertReason("true or false", "{\"v\":1,\"type\":\"typing\",\"from\":\"a\",\"to\":\"b\","
                + "\"time\":\"2026-05-01T10:00:00Z\",\"active\":1}");
        assertReason("oversized", "{\"v\":1,\"type\":\"message\"," + ok.replace("\"x\"", "\"" + "x".repeat(3000) + "\"") + "}");
        assertReason("malformed JSON", "{\"v\":1,");
    }

    @Test
    void unknownMembersAreIgnored() throws Exception {
        Wire w = codec.decode(("{\"v\":1,\"type\":\"presence\",\"from\":\"a\",\"time\":\"2026-05-01T10:00:00Z\","
                + "\"status\":\"online\",\"device\":\"phone\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(new Wire.PresenceState("a", Instant.parse("2026-05-01T10:00:00Z"), Presence.ONLINE), w);
    }

    private void assertReason(String reason, String json) {
        WireCodec.BadPayloadException e = assertThrows(WireCodec.BadPayloadException.class,
                () -> codec.decode(json.getBytes(StandardCharsets.UTF_8)), json);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
