package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Telephone-events at the audio codec's clock rate, or a digit length that makes up for it. */
class TelephoneEventsTest {

    private static final String SESSION = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    /** As Chromium offers it: Opus first, telephone-event at 48000 and 8000. */
    private static final String CHROMIUM = SESSION + String.join("\r\n",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
            "c=IN IP4 0.0.0.0",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:63 red/48000/2",
            "a=fmtp:63 111/111",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:13 CN/8000",
            "a=rtpmap:110 telephone-event/48000",
            "a=rtpmap:126 telephone-event/8000",
            "a=fmtp:126 0-15",
            "") ;

    @Test
    void withOpusFirstOnlyTheTelephoneEventAt48000Stays() {
        String expected = CHROMIUM.replace(" 110 126", " 110").replace("a=rtpmap:126 telephone-event/8000\r\n", "")
                .replace("a=fmtp:126 0-15\r\n", "");
        assertEquals(expected, TelephoneEvents.atSendRate(CHROMIUM));
        assertEquals(1, TelephoneEvents.durationFactor(expected));
    }

    @Test
    void withPcmuFirstOnlyTheTelephoneEventAt8000Stays() {
        String pcmu = CHROMIUM.replace("111 63 9 0 8", "0 111 63 9 8");
        String expected = pcmu.replace(" 110 126", " 126").replace("a=rtpmap:110 telephone-event/48000\r\n", "");
        assertEquals(expected, TelephoneEvents.atSendRate(pcmu));
        assertEquals(1, TelephoneEvents.durationFactor(expected));
    }

    @Test
    void opusWithTelephoneEventAt8000OnlyStaysAndItsDigitsAreAskedSixTimesLonger() {
        // as baresip offers it
        String baresip = SESSION + String.join("\r\n", "m=audio 40000 RTP/AVP 111 0 101", "c=IN IP4 127.0.0.1",
                "a=rtpmap:111 opus/48000/2", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-15", "");
        assertEquals(baresip, TelephoneEvents.atSendRate(baresip));
        assertEquals(6, TelephoneEvents.durationFactor(baresip));
        // and with Chromium's offer as it is: libwebrtc would take the lowest rate
        assertEquals(6, TelephoneEvents.durationFactor(CHROMIUM));
    }

    @Test
    void descriptionsWithoutTelephoneEventsOrAudioAreLeftAlone() {
        String none = SESSION + "m=audio 40000 RTP/AVP 0\r\nc=IN IP4 127.0.0.1\r\n";
        assertSame(none, TelephoneEvents.atSendRate(none));
        assertEquals(1, TelephoneEvents.durationFactor(none));
        String video = SESSION + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n"
                + CHROMIUM.substring(SESSION.length());
        assertEquals(SESSION + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n"
                + TelephoneEvents.atSendRate(CHROMIUM).substring(SESSION.length()), TelephoneEvents.atSendRate(video));
        assertEquals(6, TelephoneEvents.durationFactor(video), "the audio section counts, after a video one");
        assertEquals(1, TelephoneEvents.durationFactor(null));
    }
}
