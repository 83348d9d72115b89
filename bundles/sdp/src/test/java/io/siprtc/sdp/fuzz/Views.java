package io.siprtc.sdp.fuzz;

import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SessionDescription;

/** Calls every typed view of a description: none may throw on anything the parser accepted. */
final class Views {

    private Views() {
    }

    static void touch(SessionDescription sdp) {
        sdp.origin();
        sdp.sessionName();
        sdp.connection();
        sdp.groups();
        sdp.bundleGroup();
        sdp.fingerprints();
        sdp.setup();
        sdp.iceOptions();
        sdp.direction();
        sdp.extMaps();
        sdp.isIceLite();
        for (MediaDescription m : sdp.media()) {
            m.mid();
            m.candidates();
            m.rtpMaps();
            m.fmtps();
            m.fmtps().forEach(f -> f.parameters());
            m.rtcpFbs();
            m.extMaps();
            m.msids();
            m.ssrcs();
            m.ssrcGroups();
            m.rids();
            m.simulcast();
            m.cryptos();
            m.rtcp();
            m.ptime();
            m.maxPtime();
            m.direction();
            m.setup();
            m.fingerprints();
            m.iceUfrag();
            m.bandwidths();
            for (String f : m.formats()) {
                m.encodingName(f);
            }
            sdp.iceUfrag(m);
            sdp.fingerprints(m);
            sdp.setup(m);
        }
    }
}
