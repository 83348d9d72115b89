package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.siprtc.api.chat.Conversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path dir;

    static Outbox.Draft draft(String to, String id) {
        return new Outbox.Draft(to, id, Conversation.direct(to), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsOrderAcrossRestartsUntilRemoved() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        try (Outbox o = new Outbox(file, true)) {
            o.add(List.of(draft("bob", "m1")));
            o.add(List.of(draft("bob", "m2"), draft("carol", "m2")));
            o.add(List.of(draft("bob", "m3")));
            assertTrue(o.remove(o.find("m1", "bob").seq()));
            assertFalse(o.remove(999));
        }
        try (Outbox o = new Outbox(file, true)) {
            List<String> order = new ArrayList<>();
            for (Outbox.Entry e : o.entries()) {
                order.add(e.messageId() + ">" + e.to());
            }
            assertEquals(List.of("m2>bob", "m2>carol", "m3>bob"), order);
            assertArrayEquals("{\"id\":\"m3\"}".getBytes(StandardCharsets.UTF_8), o.find("m3", "bob").payload());
            assertNull(o.find("m2", "dave"));
            long last = o.entries().get(2).seq();
            Outbox.Entry next = o.add(List.of(draft("bob", "m4"))).get(0);
            assertTrue(next.seq() > last, "sequence numbers never go back");
        }
    }

    @Test
    void aLineCutShortByACrashIsSkippedAndTheFileStaysUsable() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        try (Outbox o = new Outbox(file, false)) {
            o.add(List.of(draft("bob", "m1")));
            o.add(List.of(draft("bob", "m2")));
        }
        Files.writeString(file, "{\"op\":\"add\",\"seq\":3,\"to\":\"bo", StandardOpenOption.APPEND);
        try (Outbox o = new Outbox(file, false)) {
            assertEquals(2, o.size());
            o.add(List.of(draft("bob", "m3")));
        }
        try (Outbox o = new Outbox(file, false)) {
            assertEquals(List.of("m1", "m2", "m3"), o.entries().stream().map(Outbox.Entry::messageId).toList());
        }
    }

    @Test
    void emptiedOutboxIsCompactedAndKeepsCounting() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        long lastSeq;
        try (Outbox o = new Outbox(file, false)) {
            for (int i = 0; i < 600; i++) {
                Outbox.Entry e = o.add(List.of(draft("bob", "m" + i))).get(0);
                o.remove(e.seq());
            }
            lastSeq = o.add(List.of(draft("bob", "last"))).get(0).seq();
            o.remove(lastSeq);
        }
        assertTrue(Files.size(file) < 64 * 1024 + 200, "compacted: " + Files.size(file));
        try (Outbox o = new Outbox(file, false)) {
            assertEquals(0, o.size());
            assertTrue(o.add(List.of(draft("bob", "again"))).get(0).seq() > lastSeq);
        }
    }
}
