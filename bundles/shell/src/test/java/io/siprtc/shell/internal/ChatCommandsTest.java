package io.siprtc.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ChatService;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.Presence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** siprtc:chat, siprtc:history and siprtc:presence print readable lines, and one line for every failure. */
class ChatCommandsTest {

    private final ChatCommands commands = new ChatCommands();
    private final FakeChatService service = new FakeChatService();

    @BeforeEach
    void bind() throws ReflectiveOperationException {
        service.accounts.add(FakeChatService.account("alice", ConnectionState.CONNECTED));
        service.accounts.add(FakeChatService.account("bob", ConnectionState.DISCONNECTED));
        inject(service);
    }

    private void inject(ChatService s) throws ReflectiveOperationException {
        Field f = ChatCommands.class.getDeclaredField("chat");
        f.setAccessible(true);
        f.set(commands, s);
    }

    @Test
    void chatSendsFromTheFirstAccountOrTheOneGiven() {
        assertEquals("alice -> bob: queued m1", commands.chat("bob", "hello bob"));
        assertEquals("bob -> alice: queued m2", commands.chat("bob", "alice", "hi"));
        assertEquals("alice -> group:team: queued m3", commands.chat("group:team", "all"));
        assertEquals(Conversation.group("team"), service.sent.get(2).conversation());
        assertEquals("hello bob", service.sent.get(0).text());
    }

    @Test
    void historyShowsTheNewestMessagesWithTheirState() {
        List<ChatMessage> h = new ArrayList<>();
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        h.add(new ChatMessage("1", "alice", Conversation.direct("bob"), "bob", t, "hi alice", MessageKind.TEXT,
                MessageStatus.RECEIVED));
        h.add(new ChatMessage("2", "alice", Conversation.direct("bob"), "alice", t, "hi bob\nsecond line",
                MessageKind.TEXT, MessageStatus.READ));
        h.add(new ChatMessage("3", "alice", Conversation.direct("bob"), "alice", t, "waves", MessageKind.ACTION,
                MessageStatus.DELIVERED));
        service.histories.put("alice>bob", h);
        String out = commands.history("bob");
        String[] lines = out.split("\n");
        assertEquals(4, lines.length, out);
        assertTrue(lines[0].endsWith("bob: hi alice  [new]"), lines[0]);
        assertTrue(lines[1].endsWith("alice: hi bob"), lines[1]);
        assertEquals("    second line  [read]", lines[2]);
        assertTrue(lines[3].endsWith("* alice waves  [delivered]"), lines[3]);
        assertEquals("no messages between alice and carol", commands.history("carol"));
    }

    @Test
    void presenceListsEveryAccountAndWhomItSees() {
        service.seen.put("alice", Map.of("bob", Presence.AWAY));
        String out = commands.presence();
        assertEquals("alice        online   connected    outbox 0\n  sees bob          away\n"
                + "bob          online   disconnected outbox 0", out);
    }

    @Test
    void failuresAreOneLine() throws ReflectiveOperationException {
        assertEquals("error: no chat account 'carol'", commands.chat("carol", "bob", "x"));
        assertEquals("error: the message is empty", commands.chat("bob", ""));
        assertEquals("error: no chat account 'carol'", commands.history("carol", "bob"));
        service.accounts.clear();
        assertTrue(commands.chat("bob", "x").startsWith("error: no chat accounts configured"));
        assertTrue(commands.presence().startsWith("error: no chat accounts configured"));
        inject(null);
        assertTrue(commands.chat("bob", "x").startsWith("error: no chat service"));
        assertTrue(commands.history("bob").startsWith("error: no chat service"));
        assertTrue(commands.presence().startsWith("error: no chat service"));
    }
}
