package io.siprtc.sdp;

import java.util.Optional;

/** The static RTP payload types of RFC 3551 section 6 (table 4 and 5) that need no rtpmap. */
final class StaticPayloadTypes {

    private static final String[] NAMES = new String[35];

    static {
        NAMES[0] = "PCMU";
        NAMES[3] = "GSM";
        NAMES[4] = "G723";
        NAMES[5] = "DVI4";
        NAMES[6] = "DVI4";
        NAMES[7] = "LPC";
        NAMES[8] = "PCMA";
        NAMES[9] = "G722";
        NAMES[10] = "L16";
        NAMES[11] = "L16";
        NAMES[12] = "QCELP";
        NAMES[13] = "CN";
        NAMES[14] = "MPA";
        NAMES[15] = "G728";
        NAMES[16] = "DVI4";
        NAMES[17] = "DVI4";
        NAMES[18] = "G729";
        NAMES[25] = "CelB";
        NAMES[26] = "JPEG";
        NAMES[28] = "nv";
        NAMES[31] = "H261";
        NAMES[32] = "MPV";
        NAMES[33] = "MP2T";
        NAMES[34] = "H263";
    }

    private StaticPayloadTypes() {
    }

    static Optional<String> name(int payloadType) {
        return payloadType >= 0 && payloadType < NAMES.length ? Optional.ofNullable(NAMES[payloadType])
                : Optional.empty();
    }
}
