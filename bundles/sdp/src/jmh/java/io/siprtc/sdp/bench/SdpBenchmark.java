package io.siprtc.sdp.bench;

import io.siprtc.sdp.SdpParseException;
import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SdpWriter;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.SdpConverter;
import io.siprtc.sdp.convert.SdpProfile;
import io.siprtc.sdp.convert.SdpRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SDP text in, SDP text out, on one description (by default the Chromium audio+video offer of
 * the corpus), single-threaded, so that the figures compare with sdp-transform's parse + write
 * in {@code bundles/sdp/bench/node/bench.js}. Run by {@code bundles/sdp/bench/run.sh}.
 *
 * <ul>
 * <li>{@code siprtcParseConvertWrite*}: what the gateway does with the engine's offer
 * ({@code CallSdp.localOffer} through {@code SdpBridge.convert}): {@link SdpParser#parse(String)},
 * {@link SdpConverter} with the built-in rules of {@link SdpRules#forContext} for an outgoing
 * offer to a peer of the profile, {@link SdpWriter#write}.</li>
 * <li>{@code siprtcParseWrite}: parse + write alone, like for like with the other two.</li>
 * <li>{@code jainSipParseWrite}: JAIN-SIP RI's {@code javax.sdp}:
 * {@code SdpFactory.createSessionDescription(String)} (NIST's {@code SDPAnnounceParser}) and
 * {@code toString()}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SdpBenchmark {

    /** Default input: a classpath resource of the test resources. */
    static final String DEFAULT = "corpus/chromium-audio-video-offer.sdp";

    /** A file path, or empty for {@link #DEFAULT}. */
    @Param("")
    public String file;

    private String text;
    private SdpFactory jainSip;
    private ConversionContext toWebRtc;
    private ConversionContext toSipDtls;

    @Setup
    public void setup() throws IOException, SdpParseException, SdpException {
        text = read(file);
        jainSip = SdpFactory.getInstance();
        toWebRtc = ConversionContext.offer().withProfile(SdpProfile.WEBRTC);
        toSipDtls = ConversionContext.offer().withProfile(SdpProfile.SIP_DTLS);
        // Sanity: every benchmark does real work on this text.
        String ours = SdpWriter.write(SdpParser.parse(text));
        if (!ours.equals(text)) {
            throw new IllegalStateException("SIPRTC round trip differs from the input");
        }
        String theirs = jainSip.createSessionDescription(text).toString();
        if (theirs.length() < text.length() / 2) {
            throw new IllegalStateException("javax.sdp wrote only " + theirs.length() + " characters");
        }
        System.out.println("input: " + (file.isEmpty() ? DEFAULT : file) + ", " + text.length() + " characters, "
                + text.split("\n").length + " lines; javax.sdp writes " + theirs.length() + " characters; converted: "
                + SdpWriter.write(convert(SdpParser.parse(text), toWebRtc)).length() + " (webrtc), "
                + SdpWriter.write(convert(SdpParser.parse(text), toSipDtls)).length() + " (sip-dtls)");
    }

    static String read(String file) throws IOException {
        if (!file.isEmpty()) {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        }
        try (InputStream in = SdpBenchmark.class.getClassLoader().getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IOException("no resource " + DEFAULT);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** As SdpBridge.convert does with no rule services bound. */
    private static SessionDescription convert(SessionDescription sdp, ConversionContext ctx) {
        return new SdpConverter(SdpRules.forContext(ctx)).convert(sdp, ctx);
    }

    @Benchmark
    public String siprtcParseConvertWriteWebrtc() throws SdpParseException {
        return SdpWriter.write(convert(SdpParser.parse(text), toWebRtc));
    }

    @Benchmark
    public String siprtcParseConvertWriteSipDtls() throws SdpParseException {
        return SdpWriter.write(convert(SdpParser.parse(text), toSipDtls));
    }

    @Benchmark
    public String siprtcParseWrite() throws SdpParseException {
        return SdpWriter.write(SdpParser.parse(text));
    }

    @Benchmark
    public String jainSipParseWrite() throws SdpException {
        return jainSip.createSessionDescription(text).toString();
    }
}
