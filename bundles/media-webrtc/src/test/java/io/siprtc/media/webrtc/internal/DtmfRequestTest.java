package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.media.MediaException;
import org.junit.jupiter.api.Test;

/** Checking DTMF requests before they reach libwebrtc. */
class DtmfRequestTest {

    @Test
    void acceptsEveryDtmfCharacterAndThePauseAndTakesLowerCaseAsUpper() throws MediaException {
        DtmfRequest r = DtmfRequest.of("0123456789*#ABCDabcd,", 40, 30);
        assertEquals("0123456789*#ABCDABCD,", r.tones);
        assertEquals(40, r.toneMs);
        assertEquals(30, r.gapMs);
        assertEquals(6000, DtmfRequest.of("1", 6000, 10_000).toneMs);
    }

    @Test
    void rejectsWhatIsNotDtmf() {
        for (String tones : new String[] {null, "", "12x", "E", " 1", "1;2", "\u0661"}) {
            MediaException e = assertThrows(MediaException.class, () -> DtmfRequest.of(tones, 100, 70), String.valueOf(tones));
            assertEquals(400, e.sipStatus());
        }
        MediaException e = assertThrows(MediaException.class, () -> DtmfRequest.of("12x", 100, 70));
        assertTrue(e.getMessage().contains("'x' at 2"), e.getMessage());
    }

    @Test
    void rejectsDurationsLibwebrtcWouldRefuse() {
        assertThrows(MediaException.class, () -> DtmfRequest.of("1", 39, 70));
        assertThrows(MediaException.class, () -> DtmfRequest.of("1", 6001, 70));
        assertThrows(MediaException.class, () -> DtmfRequest.of("1", 100, 29));
        assertThrows(MediaException.class, () -> DtmfRequest.of("1", -1, -1));
    }
}
