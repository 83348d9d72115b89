package io.siprtc.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallService;
import io.siprtc.api.call.CallState;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commands print one readable line for every failure, never a stack trace. */
class SiprtcCommandsTest {

    private final SiprtcCommands commands = new SiprtcCommands();
    private final FakeCallService service = new FakeCallService();

    @BeforeEach
    void bind() throws ReflectiveOperationException {
        service.accounts.add(new AccountInfo("alice", "sip:alice@127.0.0.1:5070", "sip:alice@127.0.0.1:5070", "",
                false, "ready"));
        service.accounts.add(new AccountInfo("bob", "sip:bob@127.0.0.1:5072", null, "", true, "no SIP stack"));
        inject(service);
    }

    /** As DS does it: the reference is a field. */
    private void inject(CallService s) throws ReflectiveOperationException {
        Field f = SiprtcCommands.class.getDeclaredField("calls");
        f.setAccessible(true);
        f.set(commands, s);
    }

    private static void assertOneLineError(String expected, String output) {
        assertEquals(expected, output);
        assertFalse(output.contains("\n"), "one line");
        assertFalse(output.contains("Exception"), "no exception class names or traces");
    }

    @Test
    void malformedUriGivesOneLine() {
        service.dialler = (account, target) -> {
            throw new CallException("cannot call '" + target + "': bad host in SIP URI: " + target);
        };
        assertOneLineError("error: cannot call 'sip:bob@': bad host in SIP URI: sip:bob@", commands.call("sip:bob@"));
        assertEquals(List.of("alice sip:bob@"), service.dialled, "the first account calls");
    }

    @Test
    void unknownAccountGivesOneLine() {
        service.dialler = (account, target) -> {
            throw new CallException("unknown account '" + account + "' (configured: [alice, bob])");
        };
        assertOneLineError("error: unknown account 'carol' (configured: [alice, bob])",
                commands.call("carol", "sip:bob@example.org"));
    }

    @Test
    void aGatewayBugStillGivesOneLine() {
        service.dialler = (account, target) -> {
            throw new IllegalStateException("signalling thread gone");
        };
        assertOneLineError("error: signalling thread gone", commands.call("sip:bob@example.org"));
        service.dialler = (account, target) -> {
            throw new NullPointerException();
        };
        assertEquals("error: NullPointerException", commands.call("sip:bob@example.org"));
    }

    @Test
    void callThatEndedAtOnceSaysWhy() {
        service.dialler = (account, target) -> new FakeCallService.FakeCall("c7", target, CallState.ENDED,
                CallEndReason.of(CallEndReason.Kind.NO_MEDIA_ENGINE, "no media engine is installed"));
        assertEquals("call c7 ended: NO_MEDIA_ENGINE: no media engine is installed",
                commands.call("sip:bob@example.org"));
    }

    @Test
    void callUnderWaySaysSo() {
        assertEquals("calling sip:bob@example.org (call c1)", commands.call("sip:bob@example.org"));
    }

    @Test
    void noAccountsGivesOneLine() {
        service.accounts.clear();
        assertOneLineError("error: no accounts configured", commands.call("sip:bob@example.org"));
        assertEquals(List.of(), service.dialled);
    }

    @Test
    void noGatewayGivesOneLine() throws ReflectiveOperationException {
        inject(null);
        String expected = "error: the SIPRTC gateway (CallService) is not running";
        assertOneLineError(expected, commands.call("sip:bob@example.org"));
        assertOneLineError(expected, commands.call("alice", "sip:bob@example.org"));
        assertOneLineError(expected, commands.hangup());
        assertOneLineError(expected, commands.calls());
    }

    @Test
    void answerAndHangupOfUnknownCallsGiveOneLine() {
        assertOneLineError("error: no call with id 'c9'", commands.answer("c9"));
        assertOneLineError("error: no call with id 'c9'", commands.hangup("c9"));
        assertEquals("no incoming call to answer", commands.answer());
        assertEquals("no call to hang up", commands.hangup());
        assertEquals("error: no call c9", commands.stats("c9"));
    }

    @Test
    void accountsListsStates() {
        String out = commands.accounts();
        assertEquals(2, out.split("\n").length);
        assertTrue(out.contains("no SIP stack"));
        assertTrue(out.contains("auto-answer"));
        assertFalse(out.contains("none"), "peer-to-peer accounts say nothing about registration: " + out);
    }

    @Test
    void accountsShowRegistrationButNeverThePassword() {
        service.accounts.add(new AccountInfo("carol", "sip:carol@example.org", "sip:carol@127.0.0.1:5074", "", false,
                "ready", io.siprtc.api.call.RegistrationState.AUTHENTICATION_FAILED, "401 after fresh credentials"));
        String carol = commands.accounts().split("\n")[2];
        assertTrue(carol.contains("authentication failed (401 after fresh credentials)"), carol);
    }
}
