package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.SipTransport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An account's configuration read for SIP: addresses, registrar, route, and what is wrong with it. */
class AccountSettingsTest {

    private static AccountSettings settings(Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(Map.of("domain", "example.org", "_password", "pw-123"));
        v.putAll(values);
        return AccountSettings.of(TestAccounts.alice(v), 5070);
    }

    @Test
    void registeringAccount() {
        AccountSettings s = settings(Map.of());
        assertTrue(s.registers());
        assertFalse(s.peerToPeer());
        assertNull(s.problem());
        assertEquals("sip:alice@example.org", s.addressOfRecord());
        assertEquals("sip:alice@127.0.0.1:5070", s.contact());
        assertEquals("sip:example.org", s.registrarUri());
        assertEquals("<sip:example.org;lr>", s.route(), "calls go by the registrar");
        assertEquals("alice", s.authUser());
        assertEquals(600, s.expires());
    }

    @Test
    void peerToPeerAccountNeverRegisters() {
        AccountSettings s = settings(Map.of("domain", "127.0.0.1"));
        assertTrue(s.peerToPeer());
        assertFalse(s.registers());
        assertNull(s.route());
        assertEquals("sip:alice@127.0.0.1:5070", s.addressOfRecord());
    }

    @Test
    void registerOffKeepsTheOutboundProxyOnly() {
        assertNull(settings(Map.of("register", false)).route());
        assertEquals("<sip:proxy.example.org:5080;lr>",
                settings(Map.of("register", false, "outbound_proxy", "proxy.example.org:5080")).route());
    }

    @Test
    void domainWithPortAndTcp() {
        AccountSettings s = settings(Map.of("domain", "127.0.0.1:5099", "transport", "tcp", "auth_user", "a1"));
        assertTrue(s.registers(), "a domain with a port is not the listening address");
        assertEquals("sip:alice@127.0.0.1:5099", s.addressOfRecord());
        assertEquals("sip:127.0.0.1:5099", s.registrarUri());
        assertEquals("<sip:127.0.0.1:5099;transport=tcp;lr>", s.route());
        assertEquals("sip:alice@127.0.0.1:5070;transport=tcp", s.contact());
        assertEquals(SipTransport.TCP, s.transport());
        assertEquals("a1", s.authUser());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "proxy.example.org|udp|<sip:proxy.example.org;lr>",
        "proxy.example.org:5080|tcp|<sip:proxy.example.org:5080;transport=tcp;lr>",
        "sip:192.0.2.1:5062;transport=udp|tcp|<sip:192.0.2.1:5062;transport=udp;lr>",
        "<sip:p.example.org;lr>|udp|<sip:p.example.org;lr>",
        "SIP:P.example.org;lr=on|udp|<sip:P.example.org;lr=on>",
        "[2001:db8::1]:5060|udp|<sip:[2001:db8::1]:5060;lr>",
    })
    void outboundProxyForms(String proxy, String transport, String route) {
        assertEquals(route, AccountSettings.routeTo(proxy, SipTransport.parse(transport)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "outbound_proxy|bob@proxy.example.org|bad outbound proxy",
        "outbound_proxy|tel:+123|bad outbound proxy",
        "outbound_proxy|proxy:99999|bad outbound proxy",
        "domain|alice@example.org|the domain must be a host",
        "domain|exa mple.org|bad host",
        "transport|sctp|Unknown SIP transport",
    })
    void badValuesAreAProblemNotAnException(String key, String value, String message) {
        AccountSettings s = settings(Map.of(key, value));
        assertTrue(s.problem() != null && s.problem().contains(message), () -> key + "=" + value + ": " + s.problem());
        assertNull(s.route(), "nothing is routed by a broken configuration");
    }

    @Test
    void badNumbersAreAProblem() {
        assertTrue(settings(Map.of("expires", 0)).problem().contains("expiry"));
        assertTrue(settings(Map.of("keep_alive_interval", -1)).problem().contains("keep-alive"));
        assertTrue(settings(Map.of("user", " ")).problem().contains("no user"));
    }

    @Test
    void sameRegistrationComparesWhatRegistrationUses() {
        AccountSettings a = settings(Map.of());
        assertTrue(a.sameRegistration(settings(Map.of("display_name", "Alice", "tone_hz", 880.0))));
        assertFalse(a.sameRegistration(settings(Map.of("_password", "other"))));
        assertFalse(a.sameRegistration(settings(Map.of("expires", 300))));
        assertFalse(a.sameRegistration(settings(Map.of("outbound_proxy", "p.example.org"))));
        assertFalse(a.sameRegistration(settings(Map.of("register", false))));
    }

    @Test
    void toStringNeverShowsThePassword() {
        String text = settings(Map.of()).toString();
        assertFalse(text.contains("pw-123"), text);
        assertTrue(text.contains("password set"), text);
    }

    @Test
    void hostPortBracketsOnlyIpv6() {
        assertEquals("example.org:5060", AccountSettings.hostPort("example.org:5060"));
        assertEquals("[2001:db8::1]", AccountSettings.hostPort("2001:db8::1"));
        assertEquals("[2001:db8::1]:5060", AccountSettings.hostPort("[2001:db8::1]:5060"));
        assertThrows(NullPointerException.class, () -> AccountSettings.hostPort(null));
    }
}
