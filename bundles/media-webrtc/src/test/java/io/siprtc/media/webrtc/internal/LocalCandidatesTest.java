package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The candidate filter with candidate lines as libwebrtc 0.14 writes them on this kind of machine. */
class LocalCandidatesTest {

    private static final String HOST4 = "candidate:972339649 1 udp 2113937151 192.0.2.2 48900 typ host generation 0 network-cost 999";
    private static final String HOST6 = "candidate:643567813 1 udp 2113942271 fd00::2 58796 typ host generation 0 network-cost 999";
    private static final String SRFLX_LO = "candidate:3754938844 1 udp 1677729535 127.0.0.1 41000 typ srflx raddr 192.0.2.2 rport 41000 generation 0";
    private static final String SRFLX_PUBLIC = "candidate:3754938845 1 udp 1677729535 203.0.113.7 41000 typ srflx raddr 192.0.2.2 rport 41000 generation 0";
    private static final String RELAY_LO = "candidate:1696884813 1 udp 33562623 127.0.0.1 40100 typ relay raddr 0.0.0.0 rport 0 generation 0";
    private static final String RELAY_PUBLIC = "candidate:1696884814 1 udp 33562623 203.0.113.9 40100 typ relay raddr 0.0.0.0 rport 0 generation 0";
    private static final String MDNS = "candidate:1 1 udp 2113937151 2c6c4c7e-1d4c-4f3e.local 50000 typ host generation 0";
    private static final String TCP_HOST = "candidate:2 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active generation 0";

    private final LocalCandidates loopback = new LocalCandidates("127.0.0.1");

    @Test
    void hostCandidatesOfTheFamilyTakeTheConfiguredAddressOthersGo() {
        assertEquals(HOST4.replace("192.0.2.2", "127.0.0.1"), loopback.accept(HOST4));
        assertEquals("a=" + HOST4.replace("192.0.2.2", "127.0.0.1"), loopback.accept("a=" + HOST4));
        assertEquals(TCP_HOST.replace("192.0.2.2", "127.0.0.1"), loopback.accept(TCP_HOST));
        assertNull(loopback.accept(HOST6));
        assertNull(loopback.accept(MDNS));
        assertNull(loopback.accept("candidate:junk"));
        assertNull(loopback.accept(""));

        LocalCandidates v6 = new LocalCandidates("::1");
        assertEquals(HOST6.replace("fd00::2", "::1"), v6.accept(HOST6));
        assertNull(v6.accept(HOST4));
    }

    @Test
    void onLoopbackReflexiveAndRelayCandidatesMustBeLoopbackToo() {
        assertEquals(SRFLX_LO.replace("raddr 192.0.2.2", "raddr 127.0.0.1"), loopback.accept(SRFLX_LO));
        assertNull(loopback.accept(SRFLX_PUBLIC));
        assertEquals(RELAY_LO, loopback.accept(RELAY_LO));
        assertNull(loopback.accept(RELAY_PUBLIC));
    }

    @Test
    void onAnOrdinaryAddressReflexiveAndRelayCandidatesStay() {
        LocalCandidates lan = new LocalCandidates("192.0.2.2");
        assertEquals(HOST4, lan.accept(HOST4));
        assertEquals(SRFLX_PUBLIC, lan.accept(SRFLX_PUBLIC));
        assertEquals(RELAY_PUBLIC, lan.accept(RELAY_PUBLIC));
        assertNull(lan.accept(HOST6));
    }

    @Test
    void withoutAnAddressEverythingPasses() {
        LocalCandidates all = new LocalCandidates(null);
        assertFalse(all.filters());
        assertSame(HOST6, all.accept(HOST6));
        String sdp = offer("192.0.2.2", 48900);
        assertSame(sdp, all.filterSdp(sdp));
    }

    @Test
    void onlyIpLiteralsAreAddresses() {
        assertThrows(IllegalArgumentException.class, () -> new LocalCandidates("localhost"));
        assertNull(LocalCandidates.literal("999.1.1.1"));
        assertNull(LocalCandidates.literal("example.org"));
        assertNull(LocalCandidates.literal("abc.local"));
        assertTrue(LocalCandidates.literal("::1").isLoopbackAddress());
        assertTrue(LocalCandidates.literal("127.0.0.1").isLoopbackAddress());
    }

    @Test
    void theDescriptionKeepsOnlyLoopbackAndItsDefaultCandidateFollows() {
        String filtered = loopback.filterSdp(offer("192.0.2.2", 48900));
        assertTrue(filtered.contains("m=audio 48900 UDP/TLS/RTP/SAVPF 111\r\n"), filtered);
        assertTrue(filtered.contains("\r\nc=IN IP4 127.0.0.1\r\n"), filtered);
        assertTrue(filtered.contains("a=rtcp:54190 IN IP4 127.0.0.1\r\n"), filtered);
        assertTrue(filtered.contains("a=candidate:972339649 1 udp 2113937151 127.0.0.1 48900 typ host"), filtered);
        assertTrue(filtered.contains("a=candidate:972339649 2 udp 2113937150 127.0.0.1 54190 typ host"), filtered);
        assertFalse(filtered.contains("192.0.2.2") || filtered.contains("fd00::2"), filtered);
        assertTrue(filtered.startsWith("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n") && filtered.endsWith("a=rtcp-mux\r\n"), filtered);
    }

    @Test
    void aDroppedDefaultCandidateIsReplacedByTheBestKeptOne() {
        // libwebrtc chose the IPv6 host as default; relay is preferred among the kept ones
        String sdp = offer("fd00::2", 58796).replace("a=rtcp-mux\r\n",
                "a=" + RELAY_LO + "\r\na=rtcp-mux\r\n").replace("c=IN IP4 fd00::2", "c=IN IP6 fd00::2");
        String filtered = loopback.filterSdp(sdp);
        assertTrue(filtered.contains("m=audio 40100 "), filtered);
        assertTrue(filtered.contains("c=IN IP4 127.0.0.1\r\n"), filtered);

        // nothing kept at all: the no-candidate default of JSEP
        String none = new LocalCandidates("10.9.9.9").filterSdp(offer("fd00::2", 58796).replace("c=IN IP4 fd00::2", "c=IN IP6 fd00::2")
                .replace("192.0.2.2", "fd00::3"));
        assertTrue(none.contains("m=audio 9 ") && none.contains("c=IN IP4 0.0.0.0") && !none.contains("a=candidate"), none);
    }

    @Test
    void aDescriptionWithoutCandidatesIsLeftAsItIs() {
        String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                + "c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=rtcp-mux\r\n";
        assertEquals(sdp, loopback.filterSdp(sdp));
    }

    /** An offer as libwebrtc makes it with adapter enumeration off: v4 and v6 host candidates, RTP and RTCP. */
    private static String offer(String defaultAddress, int defaultPort) {
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=audio " + defaultPort + " UDP/TLS/RTP/SAVPF 111\r\n"
                + "c=IN IP4 " + defaultAddress + "\r\n"
                + "a=rtcp:54190 IN IP4 192.0.2.2\r\n"
                + "a=candidate:972339649 1 udp 2113937151 192.0.2.2 48900 typ host generation 0 network-cost 999\r\n"
                + "a=candidate:643567813 1 udp 2113942271 fd00::2 58796 typ host generation 0 network-cost 999\r\n"
                + "a=candidate:972339649 2 udp 2113937150 192.0.2.2 54190 typ host generation 0 network-cost 999\r\n"
                + "a=candidate:643567813 2 udp 2113942270 fd00::2 42013 typ host generation 0 network-cost 999\r\n"
                + "a=mid:0\r\na=rtcp-mux\r\n";
    }
}
