package io.siprtc.gateway.internal;

import io.siprtc.sdp.SdpParseException;
import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SdpWriter;
import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.SdpConverter;

/** WebRTC SDP to SIP SDP and back, with the sdp bundle's rules. Errors name the problem. */
final class SdpBridge {

    private final SdpConverter webRtcToSip = SdpConverter.webRtcToSip();

    /**
     * The engine's description as a SIP peer needs it: candidates in the SDP, the default
     * candidate in c=/m=, no trickle, only the configured media address advertised.
     */
    String toSip(String webRtcSdp, boolean offer, String mediaAddress) {
        try {
            ConversionContext ctx = offer ? ConversionContext.offer() : ConversionContext.answer();
            if (mediaAddress != null && !mediaAddress.isBlank()) {
                ctx = ctx.withAdvertisedAddress(mediaAddress.trim());
            }
            return SdpWriter.write(webRtcToSip.convert(SdpParser.parse(webRtcSdp), ctx));
        } catch (SdpParseException e) {
            throw new IllegalArgumentException("media engine produced bad SDP: " + e.getMessage(), e);
        }
    }

    /** A far end's SDP, checked before the media engine sees it. */
    String fromSip(String sipSdp) {
        try {
            return SdpWriter.write(SdpParser.parse(sipSdp));
        } catch (SdpParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
