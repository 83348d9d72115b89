package io.siprtc.media.webrtc.internal;

import io.siprtc.api.media.MediaException;

/**
 * One checked {@code insertDtmf} request: DTMF characters ({@code 0-9 * # A-D}, {@code ,} for a
 * 2 s pause; lower case {@code a-d} are taken as upper case) and the RFC 4733 timing limits
 * libwebrtc accepts (tone 40 to 6000 ms, gap at least 30 ms).
 */
final class DtmfRequest {

    static final int MIN_TONE_MS = 40;
    static final int MAX_TONE_MS = 6000;
    static final int MIN_GAP_MS = 30;
    private static final String VALID = "0123456789*#ABCD,";

    final String tones;
    final int toneMs;
    final int gapMs;

    private DtmfRequest(String tones, int toneMs, int gapMs) {
        this.tones = tones;
        this.toneMs = toneMs;
        this.gapMs = gapMs;
    }

    /** @throws MediaException (status 400) naming what is wrong */
    static DtmfRequest of(String tones, int toneMs, int gapMs) throws MediaException {
        if (tones == null || tones.isEmpty()) {
            throw invalid("no DTMF tones given");
        }
        StringBuilder upper = new StringBuilder(tones.length());
        for (int i = 0; i < tones.length(); i++) {
            char c = Character.toUpperCase(tones.charAt(i));
            if (VALID.indexOf(c) < 0) {
                throw invalid("not a DTMF tone: '" + tones.charAt(i) + "' at " + i + " in \"" + tones + "\"");
            }
            upper.append(c);
        }
        if (toneMs < MIN_TONE_MS || toneMs > MAX_TONE_MS) {
            throw invalid("DTMF tone duration " + toneMs + " ms is outside " + MIN_TONE_MS + ".." + MAX_TONE_MS + " ms");
        }
        if (gapMs < MIN_GAP_MS) {
            throw invalid("DTMF gap " + gapMs + " ms is below " + MIN_GAP_MS + " ms");
        }
        return new DtmfRequest(upper.toString(), toneMs, gapMs);
    }

    private static MediaException invalid(String message) {
        return new MediaException(message, 400, null);
    }

    @Override
    public String toString() {
        return "\"" + tones + "\" (" + toneMs + " ms, gap " + gapMs + " ms)";
    }
}
