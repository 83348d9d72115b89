package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.HistoryPage;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir
    Path dir;

    static final Conversation BOB = Conversation.direct("bob");
    static final Conversation TEAM = Conversation.group("team");

    static ChatMessage in(String id, Conversation c, String from) {
        return new ChatMessage(id, "alice", c, from, Instant.parse("2026-05-01T10:00:00Z"), "text " + id,
                MessageKind.TEXT, MessageStatus.RECEIVED);
    }

    static ChatMessage out(String id, Conversation c) {
        return new ChatMessage(id, "alice", c, "alice", Instant.parse("2026-05-01T10:00:00Z"), "mine " + id,
                MessageKind.TEXT, MessageStatus.QUEUED);
    }

    @Test
    void addsOnceAndPagesBackwards() throws Exception {
        try (History h = new History(dir, "alice", true)) {
            for (int i = 0; i < 7; i++) {
                assertTrue(h.add(in("m" + i, BOB, "bob")));
            }
            assertFalse(h.add(in("m3", BOB, "bob")), "a duplicate id is not added");
            HistoryPage p = h.page(BOB, null, 3);
            assertEquals(List.of("m4", "m5", "m6"), p.messages().stream().map(ChatMessage::id).toList());
            assertTrue(p.more());
            p = h.page(BOB, "m4", 3);
            assertEquals(List.of("m1", "m2", "m3"), p.messages().stream().map(ChatMessage::id).toList());
            p = h.page(BOB, "m1", 3);
            assertEquals(List.of("m0"), p.messages().stream().map(ChatMessage::id).toList());
            assertFalse(p.more());
            assertThrows(IllegalArgumentException.class, () -> h.page(BOB, "zzz", 3));
            assertEquals(0, h.page(TEAM, null, 3).messages().size());
        }
    }

    @Test
    void statusOnlyMovesForwardAndSurvivesARestart() throws Exception {
        try (History h = new History(dir, "alice", false)) {
            h.add(out("o1", BOB));
            assertEquals(MessageStatus.SENT, h.advance(BOB, "o1", MessageStatus.SENT).status());
            assertEquals(MessageStatus.READ, h.advance(BOB, "o1", MessageStatus.READ).status());
            assertNull(h.advance(BOB, "o1", MessageStatus.DELIVERED), "not backwards");
            assertNull(h.advance(BOB, "nope", MessageStatus.READ));
            h.add(in("i1", TEAM, "carol"));
            h.add(in("i2", TEAM, "bob"));
            assertEquals(2, h.unread(TEAM, null).size());
            assertEquals(List.of("i1"), h.unread(TEAM, "i1").stream().map(ChatMessage::id).toList());
            h.advance(TEAM, "i1", MessageStatus.READ);
        }
        try (History h = new History(dir, "alice", false)) {
            assertEquals(MessageStatus.READ, h.get(BOB, "o1").status());
            assertEquals(List.of("i2"), h.unread(TEAM, null).stream().map(ChatMessage::id).toList());
            assertEquals(List.of(TEAM, BOB), h.conversations(), "most recent activity first");
            assertTrue(h.contains(TEAM, "i2"));
            assertEquals("carol", h.get(TEAM, "i1").from());
        }
    }

    @Test
    void strangeFilesAndDamagedLinesAreSkipped() throws Exception {
        Files.writeString(dir.resolve("not-a-conversation.jsonl"), "{}");
        Files.writeString(dir.resolve("d-bob.jsonl"), "{\"op\":\"add\",\"id\":\"x\"}\nnot json\n");
        Files.write(dir.resolve("d-bob.jsonl"), new byte[] { '{', (byte) 0xff, '}', '\n' },
                java.nio.file.StandardOpenOption.APPEND); // not UTF-8
        try (History h = new History(dir, "alice", false)) {
            assertEquals(0, h.page(BOB, null, 10).messages().size());
            h.add(in("ok", BOB, "bob"));
        }
        try (History h = new History(dir, "alice", false)) {
            assertEquals(1, h.page(BOB, null, 10).messages().size());
        }
    }
}
