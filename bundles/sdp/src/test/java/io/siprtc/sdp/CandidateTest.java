package io.siprtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2406154622 1 udp 2113937151 192.0.2.2 58545 typ host generation 0 ufrag 6LvT network-cost 999",
        "1853887674 1 udp 1686052607 203.0.113.77 54321 typ srflx raddr 192.168.1.23 rport 54321 generation 0",
        "4187305408 1 tcp 1518280447 192.168.1.23 9 typ host tcptype active generation 0 network-id 1",
        "1 2 UDP 16777215 2001:db8::7 3479 typ relay raddr 0.0.0.0 rport 0",
        "a8f3 1 udp 2122260223 6f1c3b2e-0d3a-4b1e-9a5e-1f2d3c4b5a69.local 50000 typ host"})
    void parsesAndWritesBack(String value) {
        Candidate c = Candidate.parse(value);
        assertEquals(value, c.toValue());
        assertEquals(Candidate.parse(c.toValue()), c);
        assertEquals("a=candidate:" + value, c.toAttribute().toString());
    }

    @Test
    void fields() {
        Candidate c = Candidate.parse(
                "1853887674 1 udp 1686052607 203.0.113.77 54321 typ srflx raddr 192.168.1.23 rport 54321 generation 0");
        assertEquals("srflx", c.type());
        assertEquals("192.168.1.23", c.relAddr().orElseThrow());
        assertEquals(OptionalInt.of(54321), c.relPort());
        assertEquals("0", c.extension("generation").orElseThrow());
        assertTrue(c.isUdp());
        assertEquals(List.of(new Candidate.Extension("generation", "0")), c.extensions());
        assertTrue(Candidate.parse("a 1 udp 1 host.local 1 typ host").addressFamily().isEmpty());
    }

    @Test
    void withersKeepTheRest() {
        Candidate c = Candidate.parse("2406154622 1 udp 2113937151 192.0.2.2 58545 typ host generation 0 ufrag 6LvT");
        assertEquals("2406154622 1 udp 2113937151 127.0.0.1 58545 typ host generation 0 ufrag 6LvT",
                c.withAddress("127.0.0.1").toValue());
        assertEquals("2406154622 1 udp 2113937151 192.0.2.2 1000 typ host generation 0 ufrag 6LvT",
                c.withPort(1000).toValue());
        assertEquals("x 1 udp 5 10.0.0.1 7 typ host", Candidate.of("x", 1, "udp", 5, "10.0.0.1", 7, "host").toValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1 1 udp 1 1.2.3.4 5 host", "1 1 udp 1 1.2.3.4 5 type host",
        "1 0 udp 1 1.2.3.4 5 typ host", "1 257 udp 1 1.2.3.4 5 typ host", "1 1 udp x 1.2.3.4 5 typ host",
        "1 1 udp 4294967296 1.2.3.4 5 typ host", "1 1 udp 1 1.2.3.4 65536 typ host",
        "1 1 udp 1 1.2.3.4 5 typ host generation", "1 1 udp 1 1.2.3.4 5 typ srflx raddr 1.2.3.4 rport x"})
    void malformedIsRejectedWithoutThrowingFromTryParse(String value) {
        assertTrue(Candidate.tryParse(value).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Candidate.parse(value));
    }
}
