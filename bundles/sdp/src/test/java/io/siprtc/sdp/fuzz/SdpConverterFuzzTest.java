package io.siprtc.sdp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.siprtc.sdp.Origin;
import io.siprtc.sdp.SdpLimits;
import io.siprtc.sdp.SdpParseException;
import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SdpWriter;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.codec.CodecPolicy;
import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.ProfileDetector;
import io.siprtc.sdp.convert.SdpConverter;
import io.siprtc.sdp.convert.SdpNotAcceptableException;
import io.siprtc.sdp.convert.SdpProfile;
import io.siprtc.sdp.convert.SdpRules;

/**
 * Fuzzes the conversion: a description the parser accepts, converted under a fuzzer-chosen
 * profile, flow, direction, offer, previous o= line and codec policy, either is refused with
 * {@link SdpNotAcceptableException} or gives a description whose text parses again to an equal
 * one. No other exception may escape. Seeds and kept crash inputs are in
 * {@code src/test/resources/io/siprtc/sdp/fuzz/SdpConverterFuzzTestInputs/convert/}.
 */
class SdpConverterFuzzTest {

    private static final SdpLimits LIMITS = new SdpLimits(16 * 1024, 2048, 400);
    private static final String[] POLICIES = {"", "codecs=opus,PCMU;ptime=20", "codecs=H264;h264-profile-level-id=42e01f;h264-packetization-mode=1",
        "codecs=PCMA;telephone-event=off;maxptime=40", "codecs=VP8,rtx,red"};

    /** Offers an answer may reply to: a few real ones (the primitives come from the input's end, the SDP is the rest). */
    private static final SessionDescription[] OFFERS = {
        load("chromium-audio-video-offer.sdp"), load("baresip-dtls-srtp-ice-offer.sdp"), load("sipp-uac-pcmu-offer.sdp"),
        load("gstreamer-webrtcbin-audio-video-offer.sdp")};

    private static SessionDescription load(String name) {
        try (java.io.InputStream in = SdpConverterFuzzTest.class.getResourceAsStream("/corpus/" + name)) {
            return SdpParser.parse(in.readAllBytes());
        } catch (java.io.IOException | SdpParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void convert(FuzzedDataProvider data) {
        SdpProfile profile = data.pickValue(SdpProfile.values());
        boolean toPeer = data.consumeBoolean();
        boolean offer = data.consumeBoolean();
        boolean withOffer = data.consumeBoolean();
        boolean withOrigin = data.consumeBoolean();
        String address = data.pickValue(new String[] {"", "127.0.0.1", "::1"});
        CodecPolicy policy = CodecPolicy.parse(data.pickValue(POLICIES));
        SessionDescription other = OFFERS[data.consumeInt(0, OFFERS.length - 1)];
        SessionDescription sdp = parseOrNull(data.consumeRemainingAsBytes());
        if (sdp == null) {
            return;
        }
        ConversionContext ctx = toPeer ? (offer ? ConversionContext.offer() : ConversionContext.answer())
                : (offer ? ConversionContext.remoteOffer() : ConversionContext.remoteAnswer());
        ctx = ctx.withProfile(profile).withCodecPolicy(policy).withAdvertisedAddress(address.isEmpty() ? null : address);
        if (withOffer) {
            ctx = ctx.withOffer(other);
        }
        if (withOrigin) {
            ctx = ctx.withPreviousOrigin(Origin.of("-", "1", "18446744073709551615", "IN", "IP4", "127.0.0.1"));
        }
        ProfileDetector.detect(sdp);
        ProfileDetector.isSdesOnly(sdp);
        SessionDescription out;
        try {
            out = new SdpConverter(SdpRules.forContext(ctx)).convert(sdp, ctx);
        } catch (SdpNotAcceptableException e) {
            return;
        }
        String text = SdpWriter.write(out);
        try {
            assertEquals(out, SdpParser.parse(text, new SdpLimits(256 * 1024, 8192, 4000)));
        } catch (SdpParseException e) {
            throw new AssertionError("converted text does not parse: " + e.getMessage() + " (" + ctx + ")\n" + text, e);
        }
    }

    private static SessionDescription parseOrNull(byte[] bytes) {
        try {
            return SdpParser.parse(bytes, LIMITS);
        } catch (SdpParseException e) {
            return null;
        }
    }
}
