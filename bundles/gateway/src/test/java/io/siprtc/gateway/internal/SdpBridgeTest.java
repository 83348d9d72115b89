package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SdpBridgeTest {

    private final SdpBridge bridge = new SdpBridge();

    @Test
    void offerForSipHasTheMediaAddressAndNoTrickle() {
        String sip = bridge.toSip(Sdps.WEBRTC_OFFER, true, "127.0.0.1");
        assertTrue(sip.contains("\r\nc=IN IP4 127.0.0.1\r\n"), sip);
        assertTrue(sip.contains("\r\na=rtcp:58545 IN IP4 127.0.0.1\r\n"), sip);
        assertTrue(sip.contains("\r\na=end-of-candidates\r\n"), sip);
        assertFalse(sip.contains("trickle"), sip);
        assertFalse(sip.contains("0.0.0.0"), sip);
    }

    @Test
    void withoutMediaAddressEveryCandidateStaysAndTheBestIsTheDefault() {
        String sip = bridge.toSip(Sdps.WEBRTC_OFFER, true, "");
        assertTrue(sip.contains("\r\nm=audio 55782 "), sip);
        assertTrue(sip.contains("\r\nc=IN IP6 fd00::2\r\n"), "the highest-priority candidate:\n" + sip);
        assertTrue(sip.contains(" 192.0.2.2 58545 typ host"), sip);
        assertFalse(sip.contains("0.0.0.0"), sip);
    }

    @Test
    void badEngineSdpIsNamedAsSuch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bridge.toSip("v=0\r\nm=audio\r\n", false, "127.0.0.1"));
        assertTrue(e.getMessage().startsWith("media engine produced bad SDP: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bridge.toSip(Sdps.WEBRTC_OFFER, true, "not-an-ip"));
    }

    @Test
    void farEndSdpIsCheckedAndPassedOn() {
        assertEquals(Sdps.FAR_END_OFFER, bridge.fromSip(Sdps.FAR_END_OFFER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bridge.fromSip("hello"));
        assertTrue(e.getMessage().startsWith("SDP line 1: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bridge.fromSip(""));
    }
}
