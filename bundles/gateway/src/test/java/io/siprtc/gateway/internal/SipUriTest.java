package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SipUriTest {

    private static final String DOMAIN = "127.0.0.1";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // input                                 | URI                                      | user        | host            | port
        "sip:bob@example.org                     | sip:bob@example.org                      | bob         | example.org     | -1",
        "sips:bob@example.org:5061               | sips:bob@example.org:5061                | bob         | example.org     | 5061",
        "SIP:bob@Example.org                     | sip:bob@Example.org                      | bob         | Example.org     | -1",
        "'  <sip:bob@192.0.2.20:5072>  '         | sip:bob@192.0.2.20:5072                  | bob         | 192.0.2.20      | 5072",
        "sip:bob@192.0.2.20:5072;transport=tcp   | sip:bob@192.0.2.20:5072;transport=tcp    | bob         | 192.0.2.20      | 5072",
        "sip:bob@proxy.example.org;transport=tls;lr | sip:bob@proxy.example.org;transport=tls;lr | bob    | proxy.example.org | -1",
        "sip:+4930123456@gw.example.org;user=phone | sip:+4930123456@gw.example.org;user=phone | +4930123456 | gw.example.org | -1",
        "sip:bob@[::1]:5072                      | sip:bob@[::1]:5072                       | bob         | [::1]           | 5072",
        "sip:[2001:db8::20]                      | sip:[2001:db8::20]                       | -           | [2001:db8::20]  | -1",
        "sip:example.org                         | sip:example.org                          | -           | example.org     | -1",
        "bob                                     | sip:bob@127.0.0.1                        | bob         | 127.0.0.1       | -1",
        "bob@example.org:5070                    | sip:bob@example.org:5070                 | bob         | example.org     | 5070",
        "example.org                             | sip:example.org                          | -           | example.org     | -1",
        "localhost:5072                          | sip:localhost:5072                       | -           | localhost       | 5072",
        "sip:bob.smith-2@example.org             | sip:bob.smith-2@example.org              | bob.smith-2 | example.org     | -1",
    })
    void parsesValidForms(String input, String uri, String user, String host, int port) {
        SipUri u = SipUri.parse(input, DOMAIN);
        assertEquals(uri, u.toString());
        assertEquals(user, u.user());
        assertEquals(host, u.host());
        assertEquals(port, u.port());
    }

    @Test
    void bareUserWithoutDefaultDomainIsAHost() {
        SipUri u = SipUri.parse("bob", null);
        assertNull(u.user());
        assertEquals("sip:bob", u.toString());
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'   '                                   | empty SIP URI",
        "http://example.org/bob                  | not a SIP URI",
        "tel:+4930123456                         | not a SIP URI",
        "mailto:bob@example.org                  | not a SIP URI",
        "sip:                                    | no user or host",
        "sips:;transport=tls                     | no user or host",
        "sip:bob@                                | bad host",
        "sip:@example.org                        | bad user part",
        "sip:bob smith@example.org               | bad user part",
        "bob smith                               | bad user part",
        "sip:bob@exa mple.org                    | bad host",
        "sip:bob@example.org:0                   | bad port",
        "sip:bob@example.org:65536               | bad port",
        "sip:bob@example.org:50x0                | bad port",
        "sip:bob@example.org:                    | bad port",
        "sip:bob@[::1                            | bad IPv6 host",
        "sip:bob@[]                              | bad IPv6 host",
        "sip:bob@[zz::1]                         | bad IPv6 host",
        "sip:bob@[::1]5060                       | bad host",
        "sip:bob@[::1]:99999                     | bad port",
        "sip:bob@example.org;transport=tcp x     | bad parameter",
        "sip:bob@example.org;<script>            | bad parameter",
        "sip:bob@ex_ample.org                    | bad host",
        "sip:bob@example.org?subject=hi          | bad host",
    })
    void rejectsMalformedWithAReason(String input, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SipUri.parse(input, DOMAIN));
        assertTrue(e.getMessage().contains(reason), () -> "'" + e.getMessage() + "' should say " + reason);
        if (!input.isBlank()) {
            assertTrue(e.getMessage().contains(input.trim()), () -> "'" + e.getMessage() + "' should name the input");
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void rejectsEmpty(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SipUri.parse(input, DOMAIN));
        assertEquals("empty SIP URI", e.getMessage());
    }
}
