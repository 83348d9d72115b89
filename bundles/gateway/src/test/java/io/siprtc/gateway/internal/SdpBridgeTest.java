package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SdpBridgeTest {

    private final SdpBridge bridge = new SdpBridge();

    private CallSdp call(String mediaAddress) {
        return bridge.newCall(AccountSdp.of("auto", "", mediaAddress), CallSdp.DEFAULT_ENGINE_PROFILES);
    }

    @Test
    void offerForSipHasTheMediaAddressAndNoTrickle() throws Exception {
        String sip = call("127.0.0.1").localOffer(Sdps.WEBRTC_OFFER);
        assertTrue(sip.contains("\r\nc=IN IP4 127.0.0.1\r\n"), sip);
        assertTrue(sip.contains("\r\na=rtcp:58545 IN IP4 127.0.0.1\r\n"), sip);
        assertTrue(sip.contains("\r\na=end-of-candidates\r\n"), sip);
        assertFalse(sip.contains("trickle"), sip);
        assertFalse(sip.contains("0.0.0.0"), sip);
    }

    @Test
    void withoutMediaAddressEveryCandidateStaysAndTheBestIsTheDefault() throws Exception {
        String sip = call("").localOffer(Sdps.WEBRTC_OFFER);
        assertTrue(sip.contains("\r\nm=audio 55782 "), sip);
        assertTrue(sip.contains("\r\nc=IN IP6 fd00::2\r\n"), "the highest-priority candidate:\n" + sip);
        assertTrue(sip.contains(" 192.0.2.2 58545 typ host"), sip);
        assertFalse(sip.contains("0.0.0.0"), sip);
    }

    @Test
    void badEngineSdpIsNamedAsSuch() {
        SdpRejection e = assertThrows(SdpRejection.class, () -> call("127.0.0.1").localAnswer("v=0\r\nm=audio\r\n"));
        assertTrue(e.getMessage().startsWith("media engine produced bad SDP: "), e.getMessage());
        SdpRejection bad = assertThrows(SdpRejection.class, () -> call("not-an-ip").localOffer(Sdps.WEBRTC_OFFER));
        assertEquals("account media_address: advertised address must be an IP literal: not-an-ip", bad.getMessage());
    }

    @Test
    void farEndSdpIsCheckedAndPassedOn() throws Exception {
        assertEquals(Sdps.FAR_END_OFFER, call("127.0.0.1").remoteOffer(Sdps.FAR_END_OFFER.getBytes(StandardCharsets.UTF_8)));
        SdpRejection e = assertThrows(SdpRejection.class, () -> call(null).remoteOffer("hello".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("SDP offer unusable: SDP line 1: "), e.getMessage());
        assertEquals(488, e.sipStatus());
        assertThrows(SdpRejection.class, () -> call(null).remoteOffer(new byte[0]));
    }
}
