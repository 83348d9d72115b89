package io.siprtc.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.siprtc.api.call.CallException;
import io.siprtc.api.call.InstantMessage;
import io.siprtc.api.call.InstantMessageService;
import org.junit.jupiter.api.Test;

/** siprtc:message sends the words as one text and prints the outcome in one line; siprtc:messages lists what came. */
class MessageCommandsTest {

    private final MessageCommands commands = new MessageCommands();
    private final List<String> sent = new ArrayList<>();

    private void bind(InstantMessageService s) throws ReflectiveOperationException {
        Field f = MessageCommands.class.getDeclaredField("service");
        f.setAccessible(true);
        f.set(commands, s);
    }

    @Test
    void theWordsAreSentAsOneTextAndTheOutcomeIsOneLine() throws Exception {
        bind((account, target, type, body) -> {
            sent.add(account + "|" + target + "|" + type + "|" + body);
            return CompletableFuture.completedFuture(new InstantMessage(account, "sip:alice@127.0.0.1",
                    "sip:" + target + "@siprtc.test", type, body, Instant.now()));
        });
        assertEquals("alice -> sip:bob@siprtc.test: delivered", commands.message("alice", "bob", "hello", "there", "bob"));
        assertEquals(List.of("alice|bob|text/plain;charset=UTF-8|hello there bob"), sent);
    }

    @Test
    void aFailedStageOrARefusalIsOneErrorLine() throws Exception {
        bind((account, target, type, body) -> CompletableFuture.failedFuture(
                new CallException("MESSAGE to sip:bob@siprtc.test: 404 Not Found")));
        String out = commands.message("alice", "bob", "hi");
        assertEquals("error: MESSAGE to sip:bob@siprtc.test: 404 Not Found", out);

        bind((account, target, type, body) -> {
            throw new CallException("unknown account 'carol' (configured: [alice])");
        });
        String refused = commands.message("carol", "bob", "hi");
        assertEquals("error: unknown account 'carol' (configured: [alice])", refused);
        assertFalse(refused.contains("Exception"));
    }

    @Test
    void withoutGatewaySaysSo() {
        assertEquals("error: the SIPRTC gateway (InstantMessageService) is not running", commands.message("a", "b", "c"));
    }

    @Test
    void receivedMessagesAreListedAndOnlyTheLastOnesKept() {
        assertEquals("no messages received", commands.messages());
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        for (int i = 0; i < MessageCommands.KEPT + 3; i++) {
            commands.onMessage(new InstantMessage("alice", "sip:bob@siprtc.test", "sip:alice@siprtc.test",
                    "text/plain", "message " + i + "\r\n", t));
        }
        String[] lines = commands.messages().split("\n");
        assertEquals(MessageCommands.KEPT, lines.length);
        assertTrue(lines[0].endsWith("alice <- sip:bob@siprtc.test: message 3"), lines[0]);
        assertTrue(lines[lines.length - 1].endsWith(": message " + (MessageCommands.KEPT + 2)), lines[lines.length - 1]);
    }
}
