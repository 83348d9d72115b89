package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipTlsConfig;
import io.siprtc.api.sip.SipTransport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An account's TLS settings (Contact, route, stores) and its keep-alive method. */
class AccountTlsAndKeepAliveSettingsTest {

    private static AccountConfig config(Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(Map.of("domain", "example.org", "_password", "pw-123"));
        v.putAll(values);
        return TestAccounts.alice(v);
    }

    private static AccountSettings settings(Map<String, Object> values) {
        return AccountSettings.of(config(values), 5070, 5071);
    }

    @Test
    void tlsUsesTheTlsPortInTheContactAndTransportTlsInTheRoute() {
        AccountSettings s = settings(Map.of("transport", "tls", "outbound_proxy", "proxy.example.org:5061"));
        assertNull(s.problem());
        assertEquals(SipTransport.TLS, s.transport());
        assertEquals("sip:alice@127.0.0.1:5071;transport=tls", s.contact());
        assertEquals("<sip:proxy.example.org:5061;transport=tls;lr>", s.route());
        assertEquals(new SipHop("proxy.example.org", 5061, SipTransport.TLS), s.keepAliveHop());
        assertEquals("<sips:proxy.example.org;lr>", AccountSettings.routeTo("sips:proxy.example.org", SipTransport.TLS),
                "a sips: proxy needs no transport parameter");
        assertEquals(new SipHop("example.org", 5061, SipTransport.TLS), settings(Map.of("transport", "tls")).keepAliveHop(),
                "5061 by default for TLS");
        assertEquals(new SipHop("example.org", 5060, SipTransport.UDP), settings(Map.of()).keepAliveHop());
    }

    @Test
    void tlsStoresComeFromTheConfigurationAndTheirPasswordsAreNeverShown() {
        AccountConfig c = config(Map.of("transport", "tls", "tls_truststore", "/etc/siprtc/trust.p12",
                "_tls_truststore_password", "trust-secret", "tls_keystore", "/etc/siprtc/me.p12",
                "_tls_keystore_password", "key-secret", "tls_verify_hostname", false));
        SipTlsConfig tls = AccountSettings.tlsConfig(c);
        assertEquals("/etc/siprtc/trust.p12", tls.trustStore());
        assertEquals("trust-secret", tls.trustStorePassword());
        assertEquals("PKCS12", tls.trustStoreType());
        assertEquals("/etc/siprtc/me.p12", tls.keyStore());
        assertEquals("key-secret", tls.keyStorePassword());
        assertFalse(tls.verifyHostname());
        assertFalse(tls.toString().contains("secret"), tls.toString());
        assertFalse(AccountSettings.of(c, 5070, 5071).toString().contains("secret"));
        assertTrue(AccountSettings.tlsConfig(config(Map.of())).verifyHostname(), "host names are verified by default");

        assertTrue(AccountSettings.sameTls(c, config(new HashMap<>(Map.of("transport", "tls", "tls_truststore",
                "/etc/siprtc/trust.p12", "_tls_truststore_password", "trust-secret", "tls_keystore", "/etc/siprtc/me.p12",
                "_tls_keystore_password", "key-secret", "tls_verify_hostname", false)))));
        assertFalse(AccountSettings.sameTls(c, config(Map.of("transport", "tls"))));
    }

    @Test
    void keepAliveIsOptionsByDefaultOrCrlf() {
        AccountSettings options = settings(Map.of("keep_alive_interval", 30));
        assertEquals(KeepAliveMethod.OPTIONS, options.keepAliveMethod());
        assertEquals(30, options.keepAliveSeconds(), "OPTIONS every 30 s");
        assertEquals(0, options.crlfKeepAliveSeconds());

        AccountSettings crlf = settings(Map.of("keep_alive_interval", 30, "keep_alive_method", "CRLF"));
        assertEquals(KeepAliveMethod.CRLF, crlf.keepAliveMethod());
        assertEquals(0, crlf.keepAliveSeconds(), "no OPTIONS");
        assertEquals(30, crlf.crlfKeepAliveSeconds());
        assertFalse(options.sameRegistration(crlf), "a new method re-registers");

        AccountSettings bad = settings(Map.of("keep_alive_method", "stun"));
        assertEquals("unknown keep-alive method 'stun' (use options or crlf)", bad.problem());
    }
}
