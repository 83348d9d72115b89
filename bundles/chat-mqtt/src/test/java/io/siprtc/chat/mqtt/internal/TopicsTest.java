package io.siprtc.chat.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopicsTest {

    final Topics t = new Topics("siprtc");

    @Test
    void theDocumentedLayout() {
        assertEquals("siprtc/inbox/bob/alice/msg", t.messages("bob", "alice"));
        assertEquals("siprtc/inbox/bob/alice/typing", t.typing("bob", "alice"));
        assertEquals("siprtc/presence/alice", t.presence("alice"));
        assertEquals("siprtc/inbox/bob/+/+", t.inboxFilter("bob"));
        assertEquals("siprtc/presence/+", t.presenceFilter());
    }

    @Test
    void parsesOnlyItsOwnTopics() {
        assertEquals(new Topics.Parsed(Topics.Parsed.Kind.MESSAGES, "bob", "alice"), t.parse("siprtc/inbox/bob/alice/msg"));
        assertEquals(new Topics.Parsed(Topics.Parsed.Kind.TYPING, "bob", "alice"), t.parse("siprtc/inbox/bob/alice/typing"));
        assertEquals(new Topics.Parsed(Topics.Parsed.Kind.PRESENCE, null, "alice"), t.parse("siprtc/presence/alice"));
        for (String bad : new String[] { "other/inbox/bob/alice/msg", "siprtc/inbox/bob/alice", "siprtc/inbox/bob/alice/x",
            "siprtc/inbox/bob/al ice/msg", "siprtc/inbox/bob/alice/msg/more", "siprtc/presence/", "siprtc/presence/.x",
            "siprtcx/presence/a", null }) {
            assertNull(t.parse(bad), bad);
        }
    }

    @Test
    void rootsMustBePlainTopics() {
        for (String bad : new String[] { "", "/a", "a/", "a/+", "a/#", "$SYS", "a//b" }) {
            assertThrows(IllegalArgumentException.class, () -> new Topics(bad), bad);
        }
        assertEquals("org/chat/inbox/b/a/msg", new Topics("org/chat").messages("b", "a"));
    }
}
