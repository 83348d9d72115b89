package io.siprtc.sdp.convert;

import io.siprtc.sdp.AddressFamily;
import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.Candidate;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SdpLine;
import io.siprtc.sdp.SessionDescription;
import java.util.List;
import java.util.Optional;

/**
 * When the context carries an advertised address: rewrites the address of every host candidate of
 * the same IP family to it (ports kept), and drops host candidates of the other family and host
 * candidates named by host name (e.g. mDNS {@code .local}). Server-reflexive, peer-reflexive and
 * relayed candidates are untouched. Serves a media engine (libwebrtc) bound to the any-address
 * that offers every interface address, where one specific address must be advertised (e.g.
 * loopback in tests, or the address a SIP peer can reach). Apply before
 * {@link DefaultCandidateRule}. Does nothing without an advertised address.
 */
public final class AdvertisedAddressRule implements SdpRule {

    @Override
    public String name() {
        return "advertised-address";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        Optional<String> advertised = ctx.advertisedAddress();
        if (advertised.isEmpty()) {
            return;
        }
        String address = advertised.get();
        AddressFamily family = AddressFamily.of(address).orElseThrow(
                () -> new IllegalArgumentException("advertised address must be an IP literal: " + address));
        for (MediaDescription m : sdp.media()) {
            rewrite(m.lines(), address, family);
        }
    }

    private static void rewrite(List<SdpLine> lines, String address, AddressFamily family) {
        for (int i = 0; i < lines.size(); i++) {
            if (!(lines.get(i) instanceof Attribute a) || !a.isNamed("candidate")) {
                continue;
            }
            Candidate c = Candidate.tryParse(a.valueOr("")).orElse(null);
            if (c == null || !c.isHost()) { // malformed ones are left as they are
                continue;
            }
            if (c.addressFamily().orElse(null) == family) {
                if (!c.address().equals(address)) {
                    lines.set(i, c.withAddress(address).toAttribute());
                }
            } else {
                lines.remove(i--);
            }
        }
    }
}
