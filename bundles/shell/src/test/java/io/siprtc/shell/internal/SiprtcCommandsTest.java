package io.siprtc.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallService;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaStats;
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
    void muteAndVideoOffGoToTheNewestCallOrTheOneNamed() {
        assertEquals("no call", commands.mute());
        service.calls.add(new FakeCallService.FakeCall("c1", "sip:bob@127.0.0.1:5072", CallState.CONNECTED, null));
        service.calls.add(new FakeCallService.FakeCall("c2", "sip:carol@127.0.0.1:5074", CallState.CONNECTED, null));
        assertEquals("c2: muted", commands.mute());
        assertEquals("c1: muted", commands.mute("c1"));
        assertEquals("c2: unmuted", commands.unmute());
        assertEquals("c2: video off", commands.videooff());
        assertEquals("c1: video on", commands.videoon("c1"));
        assertEquals(java.util.List.of("mute c2", "mute c1", "unmute c2", "video off c2", "video on c1"), service.log);
        assertOneLineError("error: no call with id 'c9'", commands.unmute("c9"));
        assertOneLineError("error: no call with id 'c9'", commands.videooff("c9"));
    }

    @Test
    void statsShowTheQualityFiguresOfEveryCall() {
        FakeCallService.FakeCall c = new FakeCallService.FakeCall("c3", "sip:bob@127.0.0.1:5072", CallState.CONNECTED, null);
        c.stats = MediaStats.builder().codec("opus/48000/2").packetsSent(500).packetsReceived(198).packetsLost(2)
                .fractionLost(0.01).jitterMs(3.46).roundTripTimeMs(12).jitterBufferMs(41.2).sendKbps(32.04)
                .receiveKbps(31.96).candidateTypes("host", "relay").mos(4.2149).sentToneHz(440).receivedToneHz(880.4)
                .candidatePair("host 127.0.0.1:50000 udp <-> relay 127.0.0.1:3478 udp").build();
        service.calls.add(c);
        service.calls.add(new FakeCallService.FakeCall("c4", "sip:carol@127.0.0.1:5074", CallState.CALLING, null));

        String out = commands.stats();
        assertEquals(String.join("\n",
                "c3 CONNECTED alice -> sip:bob@127.0.0.1:5072",
                "  opus/48000/2, packets sent 500 received 198, tone out 440 Hz in 880.4 Hz",
                "  rtt 12 ms, jitter 3.5 ms, lost 2 (1.0 %), send 32.0 kbit/s, receive 32.0 kbit/s, jitter buffer 41 ms, MOS 4.21",
                "  path host/relay: host 127.0.0.1:50000 udp <-> relay 127.0.0.1:3478 udp",
                "c4 CALLING alice -> sip:carol@127.0.0.1:5074",
                "  no media"), out);
        assertEquals(2, c.statsReads.get(), "one read asks libwebrtc for a report, the second shows it");
        assertTrue(commands.stats("c3").startsWith("c3 CONNECTED alice -> sip:bob@127.0.0.1:5072\n  opus/48000/2"));
    }

    @Test
    void statsShowAVideoCallsVideo() {
        FakeCallService.FakeCall c = new FakeCallService.FakeCall("c5", "sip:bob@127.0.0.1:5072", CallState.CONNECTED, null);
        c.stats = MediaStats.builder().codec("opus/48000/2").packetsSent(50).packetsReceived(50)
                .video(io.siprtc.api.media.VideoStats.builder().codec("VP8/90000").framesSent(150).framesReceived(149)
                        .framesDecoded(149).sent(320, 240, 15).received(320, 240, 14.6).kbps(20.14, 19.76)
                        .receivedAverageRgb(0x2b50c8).build()).build();
        service.calls.add(c);
        assertTrue(commands.stats("c5").endsWith("\n  video VP8/90000, pictures sent 150 received 149 decoded 149, "
                + "out 320x240@15 in 320x240@15, send 20.1 kbit/s, receive 19.8 kbit/s, colour in #2b50c8"),
                commands.stats("c5"));
    }

    @Test
    void unknownQualityFiguresShowAsDashes() {
        MediaStats early = new MediaStats("opus/48000/2", 3, 0, 240, 0, 0, 440, 0, 0, "");
        assertEquals("rtt - ms, jitter - ms, lost 0 (0.0 %), send 0.0 kbit/s, receive 0.0 kbit/s, jitter buffer - ms, MOS -",
                StatsFormat.quality(early));
        assertEquals("no candidate pair selected", StatsFormat.path(early));
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
