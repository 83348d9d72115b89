package io.siprtc.media.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siprtc.media.webrtc.internal.GatheredDescription.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local description written from the applied one and the gathered candidates, in libwebrtc's shape. */
class GatheredDescriptionTest {

    private static final String SESSION = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=msid-semantic: WMS siprtc-a");

    private static String audio(String port, String c, String rtcp, String ufrag, String... candidates) {
        StringBuilder b = new StringBuilder(String.join("\r\n",
                "m=audio " + port + " UDP/TLS/RTP/SAVPF 111 126",
                "c=IN IP4 " + c,
                "a=rtcp:" + rtcp));
        for (String cand : candidates) {
            b.append("\r\na=").append(cand.replaceAll(" ufrag \\S+", "")); // as in a description: a=ice-ufrag says it
        }
        b.append("\r\n").append(String.join("\r\n",
                "a=ice-ufrag:" + ufrag,
                "a=ice-pwd:cZ2OjzR2ugVwQLqcFVp8D2e+",
                "a=ice-options:trickle",
                "a=fingerprint:sha-256 0D:5A:3C:27:8E:21:4B:5F:3A:2A:9C:4E:5D:77:0B:43:AB:D7:96:A6:1A:16:41:64:85:90:37:9A:21:0E:35:3E",
                "a=setup:actpass",
                "a=mid:0",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=rtpmap:126 telephone-event/8000"));
        return b.toString();
    }

    private static final String HOST = "candidate:972339649 1 udp 2113937151 127.0.0.1 48900 typ host generation 0 ufrag fDq3 network-id 1";
    private static final String HOST_TCP = "candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0 ufrag fDq3 network-id 1";
    private static final String HOST6 = "candidate:643567813 1 udp 2122262783 ::1 58796 typ host generation 0 ufrag fDq3 network-id 2";
    private static final String SRFLX = "candidate:3754938844 1 udp 1677729535 127.0.0.1 41000 typ srflx raddr 127.0.0.1 rport 48900 generation 0 ufrag fDq3 network-id 1";
    private static final String RELAY_TCP = "candidate:1696884813 1 tcp 33562623 127.0.0.1 40100 typ relay raddr 127.0.0.1 rport 48900 generation 0 ufrag fDq3 network-id 1";

    @Test
    void candidatesGoAfterRtcpAndTheFirstHostBecomesTheDefault() {
        String applied = SESSION + "\r\n" + audio("9", "0.0.0.0", "9 IN IP4 0.0.0.0", "fDq3") + "\r\n";
        String written = GatheredDescription.write(applied, List.of(new Candidate(0, HOST), new Candidate(0, HOST_TCP)));
        // rtcp-mux: a=rtcp: keeps 9 0.0.0.0, as libwebrtc writes it when RTCP has no candidate of its own
        assertEquals(SESSION + "\r\n" + audio("48900", "127.0.0.1", "9 IN IP4 0.0.0.0", "fDq3", HOST, HOST_TCP) + "\r\n",
                written);
    }

    @Test
    void theDefaultIsUdpIpv4RelayOverSrflxOverHostTheFirstOfEquals() {
        String applied = SESSION + "\r\n" + audio("9", "0.0.0.0", "9 IN IP4 0.0.0.0", "fDq3");
        String host2 = HOST.replace("972339649", "1").replace("48900", "48901");
        String written = GatheredDescription.write(applied, List.of(new Candidate(0, HOST6), new Candidate(0, HOST),
                new Candidate(0, host2), new Candidate(0, RELAY_TCP)));
        assertEquals(SESSION + "\r\n" + audio("48900", "127.0.0.1", "9 IN IP4 0.0.0.0", "fDq3", HOST6, HOST, host2, RELAY_TCP),
                written, "IPv4 over IPv6, the first of two hosts, no TCP relay");

        written = GatheredDescription.write(applied, List.of(new Candidate(0, HOST), new Candidate(0, SRFLX)));
        assertEquals(SESSION + "\r\n" + audio("41000", "127.0.0.1", "9 IN IP4 0.0.0.0", "fDq3", HOST, SRFLX), written);

        written = GatheredDescription.write(applied, List.of(new Candidate(0, HOST6)));
        assertEquals(SESSION + "\r\n" + audio("58796", "0.0.0.0", "9 IN IP4 0.0.0.0", "fDq3", HOST6)
                .replace("c=IN IP4 0.0.0.0", "c=IN IP6 ::1"), written, "an IPv6 default when there is no IPv4");
    }

    @Test
    void aLaterOfferKeepsTheCandidatesLibwebrtcCopiedIntoItWithoutDoublingThem() {
        String raw = HOST.replace("127.0.0.1", "192.0.2.2"); // as libwebrtc has it, before LocalCandidates rewrote it
        String applied = SESSION + "\r\n" + audio("48900", "192.0.2.2", "9 IN IP4 0.0.0.0", "fDq3", raw);
        assertEquals(applied, GatheredDescription.write(applied, List.of(new Candidate(0, HOST))));
        String more = GatheredDescription.write(applied, List.of(new Candidate(0, HOST), new Candidate(0, SRFLX)));
        assertEquals(SESSION + "\r\n" + audio("48900", "192.0.2.2", "9 IN IP4 0.0.0.0", "fDq3", raw, SRFLX), more,
                "a new candidate comes after the copied ones; the default stays where libwebrtc put it");
    }

    @Test
    void anotherIceGenerationsCandidatesStayOut() {
        String applied = SESSION + "\r\n" + audio("9", "0.0.0.0", "9 IN IP4 0.0.0.0", "Yt8p");
        String next = HOST.replace("ufrag fDq3", "ufrag Yt8p").replace("48900", "50000");
        assertEquals(SESSION + "\r\n" + audio("50000", "127.0.0.1", "9 IN IP4 0.0.0.0", "Yt8p", next),
                GatheredDescription.write(applied, List.of(new Candidate(0, HOST), new Candidate(0, next))));
        String noUfrag = "candidate:1 1 udp 2113937151 127.0.0.1 50002 typ host generation 0";
        assertEquals(SESSION + "\r\n" + audio("50002", "127.0.0.1", "9 IN IP4 0.0.0.0", "Yt8p", noUfrag),
                GatheredDescription.write(applied, List.of(new Candidate(0, noUfrag))), "a candidate without ufrag is taken");
    }

    @Test
    void withoutRtcpMuxRtcpGetsItsOwnDefault() {
        String applied = SESSION + "\r\n" + audio("9", "0.0.0.0", "9 IN IP4 0.0.0.0", "fDq3").replace("\r\na=rtcp-mux", "");
        String rtcp = HOST.replace(" 1 udp", " 2 udp").replace("48900", "48901");
        String written = GatheredDescription.write(applied, List.of(new Candidate(0, HOST), new Candidate(0, rtcp)));
        assertEquals(SESSION + "\r\n" + audio("48900", "127.0.0.1", "48901 IN IP4 127.0.0.1", "fDq3", HOST, rtcp)
                .replace("\r\na=rtcp-mux", ""), written);
    }

    @Test
    void eachCandidateGoesToItsMSectionAndARejectedOneGetsNone() {
        String video = audio("9", "0.0.0.0", "9 IN IP4 0.0.0.0", "fDq3").replace("m=audio", "m=video").replace("a=mid:0", "a=mid:1");
        String rejected = audio("0", "0.0.0.0", "9 IN IP4 0.0.0.0", "fDq3").replace("a=mid:0", "a=mid:2");
        String applied = SESSION + "\n" + String.join("\n", audio("9", "0.0.0.0", "9 IN IP4 0.0.0.0", "fDq3"), video, rejected)
                .replace("\r\n", "\n") + "\n";
        String second = HOST.replace("48900", "48902");
        String written = GatheredDescription.write(applied.replace("\r\n", "\n"), List.of(new Candidate(1, second),
                new Candidate(0, HOST), new Candidate(2, HOST)));
        String expected = (SESSION + "\n" + String.join("\n", audio("48900", "127.0.0.1", "9 IN IP4 0.0.0.0", "fDq3", HOST),
                audio("48902", "127.0.0.1", "9 IN IP4 0.0.0.0", "fDq3", second).replace("m=audio", "m=video")
                        .replace("a=mid:0", "a=mid:1"), rejected) + "\n").replace("\r\n", "\n");
        assertEquals(expected, written, "LF line ends kept, the candidates in their own sections");
    }
}
