package io.siprtc.sdp.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.sdp.SdpParser;
import io.siprtc.sdp.SdpWriter;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.ProfileDetector;
import io.siprtc.sdp.convert.SdpConverter;
import io.siprtc.sdp.convert.SdpNotAcceptableException;
import io.siprtc.sdp.convert.SdpProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every SDP of the corpus in {@code src/test/resources/corpus} (see its README). */
class CorpusTest {

    static Path dir() {
        try {
            return Path.of(CorpusTest.class.getResource("/corpus/profiles.properties").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Properties profiles() {
        Properties p = new Properties();
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/profiles.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Stream<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sdp")).sorted().toList().stream();
        }
    }

    /** (file, profile) for every profile a file belongs to. */
    static Stream<Object[]> fileProfiles() throws IOException {
        Properties p = profiles();
        List<Object[]> out = new ArrayList<>();
        for (String f : files().toList()) {
            for (String id : p.getProperty(f, "").split(",")) {
                SdpProfile.of(id).ifPresent(profile -> out.add(new Object[] {f, profile}));
            }
        }
        return out.stream();
    }

    private static byte[] bytes(String file) throws IOException {
        return Files.readAllBytes(dir().resolve(file));
    }

    @Test
    void everyFileIsListedWithItsProfiles() throws IOException {
        List<String> files = files().toList();
        assertTrue(files.size() >= 12, files::toString);
        Properties p = profiles();
        for (String f : files) {
            assertFalse(p.getProperty(f, "").isBlank(), f + " has no profiles in profiles.properties");
        }
        assertEquals(files.size(), p.size(), "profiles.properties names only files that exist");
    }

    @ParameterizedTest
    @MethodSource("files")
    void parsesAndRoundTripsByteForByte(String file) throws Exception {
        byte[] in = bytes(file);
        SessionDescription sdp = SdpParser.parse(in);
        assertArrayEquals(in, SdpWriter.write(sdp).getBytes(java.nio.charset.StandardCharsets.UTF_8), file);
        assertEquals(sdp, SdpParser.parse(SdpWriter.write(sdp)), "parse of the written text is equal");
    }

    @ParameterizedTest
    @MethodSource("fileProfiles")
    void convertsUnderItsProfiles(String file, SdpProfile profile) throws Exception {
        SessionDescription sdp = SdpParser.parse(bytes(file));
        boolean refused = profiles().getProperty(file).contains("refused");
        // as the engine's description going to such a peer (offers and answers alike)
        for (ConversionContext ctx : List.of(ConversionContext.offer(), ConversionContext.answer().withOffer(sdp))) {
            ConversionContext c = ctx.withProfile(profile).withAdvertisedAddress("127.0.0.1");
            SessionDescription out = SdpConverter.toPeer(profile).convert(sdp, c);
            String text = SdpWriter.write(out);
            assertEquals(out, SdpParser.parse(text), file + " converted " + c + " parses again");
            assertFalse(text.contains("a=ice-options:trickle\r\n"), "no trickle");
            if (profile != SdpProfile.WEBRTC) {
                assertFalse(text.contains("a=msid:") || text.contains("a=ssrc:") || text.contains("a=extmap:"), text);
            }
            assertEquals(sdp.media().size(), out.media().size(), "m= lines are never dropped");
        }
        // as the peer's description going to the engine
        SdpConverter fromPeer = SdpConverter.fromPeer(profile);
        ConversionContext remote = ConversionContext.remoteOffer().withProfile(profile);
        if (refused) {
            SdpNotAcceptableException e = assertThrows(SdpNotAcceptableException.class, () -> fromPeer.convert(sdp, remote));
            assertTrue(e.getMessage().contains("SDES"), e.getMessage());
            assertEquals(488, e.sipStatus());
        } else {
            SessionDescription out = assertDoesNotThrow(() -> fromPeer.convert(sdp, remote));
            assertEquals(out, SdpParser.parse(SdpWriter.write(out)));
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void detectedProfileIsOneItBelongsTo(String file) throws Exception {
        SdpProfile detected = ProfileDetector.detect(SdpParser.parse(bytes(file)));
        assertTrue(profiles().getProperty(file).contains(detected.id()), file + " detected as " + detected);
    }
}
