package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.AccountEvent;
import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.sip.SipResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An account as DS runs it: registering on activation, re-registering on a changed
 * configuration, unregistering on deactivation (bounded), with the state in
 * {@link AccountInfo} and as {@link AccountEvent}s.
 */
class UserAgentRegistrationTest {

    private static final String PASSWORD = "Very-Secret-42";
    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");
    /** Held so that the level sticks: the INFO lines of every test would bury the build output. */
    private static final Logger GATEWAY_LOG = Logger.getLogger("io.siprtc.gateway");

    static {
        GATEWAY_LOG.setLevel(Level.WARNING);
    }

    private final FakeSipStack stack = new FakeSipStack();
    private final AccountEventBus bus = new AccountEventBus();
    private final AccountRecorder events = new AccountRecorder();
    private final UserAgent ua = new UserAgent(servers -> FakeDns.anyName());
    private FakeSipStack current = stack;
    private boolean active;

    private static AccountConfig config(Map<String, Object> overrides) {
        Map<String, Object> v = new HashMap<>(Map.of("domain", "siprtc.test", "_password", PASSWORD, "display_name", "Alice"));
        v.putAll(overrides);
        return TestAccounts.alice(v);
    }

    private void activate(Map<String, Object> overrides) {
        bus.bindAccountListener(events);
        ua.bindAccountEvents(bus);
        ua.bindSipStack(stack);
        ua.activate(config(overrides));
        active = true;
    }

    @AfterEach
    void stop() {
        if (active) {
            deactivateAnswering(current);
        }
        bus.deactivate();
    }

    /** Deactivates the account, answering its unregistration at once so that no test waits for the bound. */
    private void deactivateAnswering(FakeSipStack s) {
        CompletableFuture<Void> d = CompletableFuture.runAsync(ua::deactivate);
        while (!d.isDone()) {
            FakeClientTransaction tx = s.endpoint().pollRequest(20);
            if (tx != null) {
                answer(tx, 200);
            }
        }
        d.join();
        active = false;
    }

    /** Answers the REGISTERs of one registration: challenge, then 200 granting the time asked. */
    private FakeClientTransaction registerThroughChallenge(FakeSipEndpoint endpoint, String nonce) {
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        first.respond(TestRegistrar.challenge(first.request(), false, nonce, "SHA-256", false));
        FakeClientTransaction second = endpoint.nextRequest("REGISTER");
        TestRegistrar.verify(second.request(), false, "alice", PASSWORD, nonce, "SHA-256");
        second.respond(SipResponse.to(second.request(), 200).withHeader("Contact",
                second.request().header("Contact").orElseThrow() + ";expires=" + second.request().header("Expires").orElseThrow()));
        return second;
    }

    private static void answer(FakeClientTransaction tx, int status) {
        tx.respond(SipResponse.to(tx.request(), status));
    }

    @Test
    void activationRegistersByTheRegistrarAndDeactivationUnregisters() {
        activate(Map.of());
        FakeClientTransaction reg = registerThroughChallenge(stack.endpoint(), "n1");
        assertEquals(Optional.of("<sip:siprtc.test;lr>"), reg.request().header("Route"), "pre-loaded route to the registrar");
        events.await(RegistrationState.REGISTERED);
        AccountInfo info = ua.info();
        assertEquals(RegistrationState.REGISTERED, info.registration());
        assertEquals("registered for 600 s", info.registrationDetail());
        assertEquals("sip:alice@siprtc.test", info.addressOfRecord());
        assertEquals("ready", info.state());
        assertFalse(info.toString().contains(PASSWORD));

        CompletableFuture<Void> deactivated = CompletableFuture.runAsync(ua::deactivate);
        active = false;
        FakeClientTransaction unregister = stack.endpoint().nextRequest("REGISTER");
        assertEquals(Optional.of("0"), unregister.request().header("Expires"));
        assertTrue(unregister.request().header("Authorization").isPresent(), "the cached nonce saves a round trip");
        assertFalse(deactivated.isDone(), "deactivation waits for the registrar");
        answer(unregister, 200);
        deactivated.join();
        events.await(RegistrationState.UNREGISTERED);
        assertTrue(stack.endpoint().closed);
        assertEquals(List.of("REGISTERING", "REGISTERED", "UNREGISTERING", "UNREGISTERED"),
                events.all.stream().map(e -> e.to().name()).toList());
    }

    @Test
    void deactivationWaitsOnlyABoundedTimeForAnUnansweredUnregistration() {
        activate(Map.of());
        registerThroughChallenge(stack.endpoint(), "n1");
        events.await(RegistrationState.REGISTERED);
        active = false;
        assertTimeoutPreemptively(Duration.ofSeconds(3 * UserAgent.UNREGISTER_WAIT_MS / 1000), ua::deactivate);
        stack.endpoint().nextRequest("REGISTER"); // sent, never answered
        assertTrue(stack.endpoint().closed);
    }

    @Test
    void peerToPeerAccountsDoNotRegister() {
        activate(Map.of("domain", "127.0.0.1"));
        assertEquals(RegistrationState.NONE, ua.info().registration());
        stack.endpoint().assertNothingSent();
        assertEquals("sip:alice@127.0.0.1:5070", ua.info().addressOfRecord());
    }

    @Test
    void aNewPasswordAfterAuthenticationFailureRegistersAtOnce() {
        activate(Map.of("_password", "wrong"));
        FakeClientTransaction first = stack.endpoint().nextRequest("REGISTER");
        first.respond(TestRegistrar.challenge(first.request(), false, "n1", "MD5", false));
        FakeClientTransaction second = stack.endpoint().nextRequest("REGISTER");
        second.respond(TestRegistrar.challenge(second.request(), false, "n2", "MD5", false));
        AccountEvent failed = events.await(RegistrationState.AUTHENTICATION_FAILED);
        assertEquals(401, failed.sipStatus());
        assertTrue(failed.detail().startsWith("authentication failed: 401 Unauthorized for user alice"), failed.detail());
        assertEquals(RegistrationState.AUTHENTICATION_FAILED, ua.info().registration());
        stack.endpoint().assertNothingSent();

        ua.modified(config(Map.of()));
        registerThroughChallenge(stack.endpoint(), "n3");
        events.await(RegistrationState.REGISTERED);
    }

    @Test
    void changesRegistrationDoesNotUseChangeNothing() {
        activate(Map.of());
        registerThroughChallenge(stack.endpoint(), "n1");
        events.await(RegistrationState.REGISTERED);
        ua.modified(config(Map.of("display_name", "Alice Liddell", "auto_answer", true)));
        stack.endpoint().assertNothingSent();
        assertEquals("Alice Liddell", ua.info().displayName());
        assertEquals(RegistrationState.REGISTERED, ua.info().registration());
    }

    @Test
    void aNewExpiryUnregistersTheOldBindingAndRegistersAgain() {
        activate(Map.of());
        registerThroughChallenge(stack.endpoint(), "n1");
        events.await(RegistrationState.REGISTERED);
        CompletableFuture<Void> modified = CompletableFuture.runAsync(() -> ua.modified(config(Map.of("expires", 120))));
        FakeClientTransaction unregister = stack.endpoint().nextRequest("REGISTER");
        assertEquals(Optional.of("0"), unregister.request().header("Expires"));
        answer(unregister, 200);
        FakeClientTransaction again = registerThroughChallenge(stack.endpoint(), "n2");
        assertEquals(Optional.of("120"), again.request().header("Expires"));
        modified.join();
        events.await(RegistrationState.UNREGISTERED);
        events.await(RegistrationState.REGISTERED);
        assertEquals("registered for 120 s", ua.info().registrationDetail());
    }

    @Test
    void turningRegistrationOffUnregisters() {
        activate(Map.of());
        registerThroughChallenge(stack.endpoint(), "n1");
        events.await(RegistrationState.REGISTERED);
        CompletableFuture<Void> modified = CompletableFuture.runAsync(() -> ua.modified(config(Map.of("register", false))));
        answer(stack.endpoint().nextRequest("REGISTER"), 200);
        modified.join();
        events.await(RegistrationState.NONE);
        assertEquals(RegistrationState.NONE, ua.info().registration());
    }

    @Test
    void aSwappedStackRefreshesTheBindingOnTheNewEndpoint() {
        activate(Map.of());
        registerThroughChallenge(stack.endpoint(), "n1");
        events.await(RegistrationState.REGISTERED);
        FakeSipStack other = new FakeSipStack();
        current = other;
        ua.bindSipStack(other);
        assertTrue(stack.endpoint().closed);
        FakeClientTransaction refresh = other.endpoint().nextRequest("REGISTER");
        TestRegistrar.verify(refresh.request(), false, "alice", PASSWORD, "n1", "SHA-256");
        refresh.respond(SipResponse.to(refresh.request(), 200).withHeader("Expires", "600"));
        ua.unbindSipStack(stack); // the old one leaves: not ours any more, nothing happens
        other.endpoint().assertNothingSent();
    }

    @Test
    void aStackGoingAwayUnregistersFirst() {
        activate(Map.of());
        registerThroughChallenge(stack.endpoint(), "n1");
        events.await(RegistrationState.REGISTERED);
        CompletableFuture<Void> unbound = CompletableFuture.runAsync(() -> ua.unbindSipStack(stack));
        FakeClientTransaction unregister = stack.endpoint().nextRequest("REGISTER");
        assertFalse(stack.endpoint().closed, "the endpoint still works while its stack unbinds");
        answer(unregister, 200);
        unbound.join();
        events.await(RegistrationState.UNREGISTERED);
        assertTrue(stack.endpoint().closed);
        assertEquals("no SIP stack", ua.info().state());
    }

    @Test
    void outboundProxyAndTcpShapeTheRoute() {
        activate(Map.of("outbound_proxy", "127.0.0.2:5080", "transport", "tcp"));
        FakeClientTransaction reg = stack.endpoint().nextRequest("REGISTER");
        assertEquals(Optional.of("<sip:127.0.0.2:5080;transport=tcp;lr>"), reg.request().header("Route"));
        assertEquals(Optional.of("<sip:alice@127.0.0.1:5070;transport=tcp>"), reg.request().header("Contact"));
    }

    @Test
    void aBrokenConfigurationIsAFailedRegistrationWithTheReason() {
        activate(Map.of("outbound_proxy", "tel:+4930123"));
        AccountEvent e = events.await(RegistrationState.FAILED);
        assertTrue(e.detail().startsWith("configuration: bad outbound proxy"), e.detail());
        stack.endpoint().assertNothingSent();
    }

    @Test
    void thePasswordNeverReachesTheLogs() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage() + " " + r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level old = SIPRTC_LOG.getLevel();
        Logger gatewayLog = GATEWAY_LOG;
        Level oldGateway = gatewayLog.getLevel();
        SIPRTC_LOG.addHandler(capture);
        SIPRTC_LOG.setUseParentHandlers(false); // captured, not printed
        SIPRTC_LOG.setLevel(Level.ALL);
        gatewayLog.setLevel(Level.ALL);
        try {
            activate(Map.of());
            registerThroughChallenge(stack.endpoint(), "n1");
            events.await(RegistrationState.REGISTERED);
            CompletableFuture<Void> modified = CompletableFuture.runAsync(
                    () -> ua.modified(config(Map.of("_password", PASSWORD + "-wrong", "expires", 60))));
            answer(stack.endpoint().nextRequest("REGISTER"), 200);
            modified.join();
            FakeClientTransaction first = stack.endpoint().nextRequest("REGISTER");
            first.respond(TestRegistrar.challenge(first.request(), false, "n2", "MD5", false));
            FakeClientTransaction second = stack.endpoint().nextRequest("REGISTER");
            second.respond(TestRegistrar.challenge(second.request(), false, "n3", "MD5", false));
            events.await(RegistrationState.AUTHENTICATION_FAILED);
        } finally {
            SIPRTC_LOG.removeHandler(capture);
            SIPRTC_LOG.setUseParentHandlers(true);
            SIPRTC_LOG.setLevel(old);
            gatewayLog.setLevel(oldGateway);
        }
        assertFalse(lines.isEmpty(), "the flow logs something");
        for (String line : lines) {
            assertFalse(line.contains(PASSWORD), line);
        }
        for (AccountEvent e : events.all) {
            assertFalse(e.toString().contains(PASSWORD) || e.account().toString().contains(PASSWORD), e.toString());
        }
    }

    @Test
    void thePasswordIsAPrivateProperty() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/OSGI-INF/io.siprtc.gateway.internal.UserAgent.xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("name=\".password\""), "leading dot: never a service property (DS 112.6)\n" + xml);
            assertFalse(xml.contains("name=\"password\""), xml);
            assertTrue(xml.contains("modified=\"modified\""), "configuration changes do not recreate the account");
        }
    }
}
