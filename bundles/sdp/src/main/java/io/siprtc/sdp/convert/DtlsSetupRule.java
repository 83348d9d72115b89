package io.siprtc.sdp.convert;

import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.Setup;
import java.util.List;
import java.util.Optional;

/**
 * DTLS roles ({@code a=setup}, RFC 4145 section 4 and RFC 8842 section 5) in DTLS sections
 * (those with a fingerprint or a {@code UDP/TLS/...} protocol):
 * <ul>
 * <li><b>Engine offers</b>: a section without {@code a=setup} (at its own or session level)
 * gets {@code a=setup:actpass}, which RFC 8842 section 5.2 requires of an offerer.</li>
 * <li><b>Engine answers</b>: {@code actpass} is not allowed in an answer (RFC 8842 section 5.3);
 * it becomes the role the offer leaves: {@code active} for an {@code actpass} or {@code passive}
 * offer, {@code passive} for an {@code active} one. A missing role is added the same way.</li>
 * <li><b>Peer offers</b>: a section without {@code a=setup} is taken as {@code active}, the
 * default of RFC 4145 section 4 for an offer, so the engine answers {@code passive}.</li>
 * <li><b>Peer answers</b>: a missing role is {@code passive}, RFC 4145's default for an answer;
 * an invalid {@code actpass} is taken as {@code active} (JSEP's answerer default, RFC 8829
 * section 5.3.1), since the engine refuses {@code actpass} in an answer.</li>
 * </ul>
 */
public final class DtlsSetupRule implements SdpRule {

    @Override
    public String name() {
        return "dtls-setup";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        List<MediaDescription> media = sdp.media();
        List<MediaDescription> offered = ctx.offerDescription().map(SessionDescription::media).orElse(List.of());
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if ((m.port() == 0 && !m.isBundleOnly()) || !isDtls(sdp, m)) {
                continue;
            }
            Optional<Setup> role = sdp.setup(m);
            Setup want;
            if (ctx.isToPeer() && ctx.isOffer()) {
                want = role.orElse(Setup.ACTPASS);
            } else if (ctx.isToPeer()) {
                Setup offeredRole = i < offered.size()
                        ? ctx.offerDescription().get().setup(offered.get(i)).orElse(Setup.ACTIVE) : Setup.ACTPASS;
                want = role.filter(r -> r != Setup.ACTPASS).orElse(offeredRole.answerTo());
            } else if (ctx.isOffer()) {
                want = role.orElse(Setup.ACTIVE);
            } else {
                want = role.map(r -> r == Setup.ACTPASS ? Setup.ACTIVE : r).orElse(Setup.PASSIVE);
            }
            if (role.isEmpty() || role.get() != want) {
                m.setAttribute(want.toAttribute());
            }
        }
    }

    private static boolean isDtls(SessionDescription sdp, MediaDescription m) {
        return m.isDtls() || !sdp.fingerprints(m).isEmpty() && m.isSecureRtp();
    }
}
