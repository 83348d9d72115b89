package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.VideoSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account's {@code video} setting as the engine's video source: calls get it, the pre-warm
 * does not; unusable text is refused naming what is wrong, and fails the account's calls saying so.
 */
class AccountVideoTest {

    @Test
    void emptyOrNoneIsAudioOnly() {
        assertEquals(VideoSource.none(), AccountVideo.parse(""));
        assertEquals(VideoSource.none(), AccountVideo.parse(null));
        assertEquals(VideoSource.none(), AccountVideo.parse(" none "));
        assertEquals(VideoSource.receiveOnly(), AccountVideo.parse("receive"));
    }

    @Test
    void patternAndCameraTakeTheirSettings() {
        assertEquals(VideoSource.pattern(AccountVideo.DEFAULT_COLOR), AccountVideo.parse("pattern"));
        assertEquals(VideoSource.pattern(640, 360, 30, 0xE03030),
                AccountVideo.parse("pattern, color=#e03030; size=640x360, fps=30"));
        assertEquals(VideoSource.device("HD Webcam C920", 1280, 720, 30),
                AccountVideo.parse("camera,device=HD Webcam C920,size=1280x720"));
        assertEquals(VideoSource.device(""), AccountVideo.parse("CAMERA"));
    }

    @Test
    void unusableSettingsNameWhatIsWrong() {
        for (String bad : new String[] {"movie", "pattern,color=red", "pattern,size=320", "pattern,fps=0",
            "pattern,size=321x240", "camera,color=ffffff", "pattern,device=x", "pattern,speed=2", "none,fps=5",
            "pattern,fps"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountVideo.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("video: "), e.getMessage());
        }
    }

    @Test
    void callsGetTheAccountsVideo() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(Map.of("video", "pattern,color=e03030"))) {
            GatewayFixture.Outgoing out = gw.connectedOutgoing();
            assertEquals(VideoSource.pattern(0xE03030), out.media.config.video());
            assertTrue(gw.engine.prepared.stream().allMatch(c -> !c.video().hasVideo()), "pre-warming needs no video");
        }
        try (GatewayFixture gw = new GatewayFixture()) {
            assertEquals(VideoSource.none(), gw.connectedOutgoing().media.config.video());
        }
    }

    @Test
    void anUnusableSettingFailsTheCallsSayingSo() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(Map.of("video", "pattern,fps=999"))) {
            Call call = gw.dial(GatewayFixture.BOB);
            gw.awaitState(call, CallState.ENDED);
            CallEndReason reason = call.endReason().orElseThrow();
            assertEquals(CallEndReason.Kind.MEDIA_FAILED, reason.kind());
            assertTrue(reason.text().contains("video: video frame rate must be 1..60 fps: 999"), reason.text());
            gw.endpoint().receive(new FarEnd("call-video@192.0.2.20").invite()).expect(503);
        }
    }
}
