package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.siprtc.api.call.RegistrationState;
import io.siprtc.api.sip.SipEndpointConfig;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.api.sip.SipRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Contact behind a NAT (RFC 3581): a registrar whose 2xx shows another source address or port
 * in the top Via gets one more REGISTER with that Contact, which also removes the old binding;
 * calls then use it. A registrar that sees us where our Contact says changes nothing.
 */
class NatContactTest {

    private static final String CONTACT = "sip:alice@127.0.0.1:5070";
    private static final String BEHIND_NAT = "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport=40123;received=203.0.113.7";

    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeSipEndpoint endpoint = new FakeSipEndpoint(new SipEndpointConfig("alice", "127.0.0.1", 5070, Set.of()), null);
    private final List<String> events = new CopyOnWriteArrayList<>();

    private Registration registration() {
        AccountSettings s = AccountSettings.of(TestAccounts.alice(Map.of("domain", "siprtc.test")), 5070);
        return new Registration(s, endpoint::send, scheduler, new DigestClient(s.authUser(), s.password(), () -> "cn"),
                new RegistrationBackoff(() -> 1.0), new Ids(),
                (from, to, detail, status) -> events.add(from + "->" + to + " " + status));
    }

    /** A registrar's 200 with our request's Via as it saw it, and the Contact bindings it holds. */
    private static SipResponse ok(SipRequest request, String via, String... bindings) {
        SipResponse r = SipResponse.to(request, 200).withToTag("reg").withHeader("Via", via);
        for (String b : bindings) {
            r = r.addHeader("Contact", b);
        }
        return r;
    }

    @Test
    void readsReceivedAndRport() {
        SipRequest q = SipRequest.of("REGISTER", "sip:siprtc.test");
        assertEquals("sip:alice@203.0.113.7:40123", NatContact.corrected(ok(q, BEHIND_NAT), CONTACT));
        assertEquals("sip:alice@127.0.0.1:40123", NatContact.corrected(ok(q, "SIP/2.0/UDP 127.0.0.1:5070;rport=40123;branch=z9hG4bK1"), CONTACT),
                "a port mapping alone");
        assertEquals("sip:alice@[2001:db8::7]:5070", NatContact.corrected(ok(q, "SIP/2.0/UDP [::1]:5070;received=2001:db8::7;rport"),
                "sip:alice@[::1]:5070"));
        assertNull(NatContact.corrected(ok(q, "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport=5070"), CONTACT), "seen where we are");
        assertNull(NatContact.corrected(ok(q, "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport"), CONTACT), "nothing observed");
        assertNull(NatContact.corrected(ok(q, "SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK1;rport=40999;received=203.0.113.7"),
                CONTACT + ";transport=tcp"), "TCP: the source port is the connection's");
        assertNull(NatContact.corrected(SipResponse.to(q, 200), CONTACT), "no Via");
        assertEquals("sip:alice@203.0.113.7:40123", NatContact.corrected(ok(q, BEHIND_NAT + ", SIP/2.0/UDP 192.0.2.1;rport=9"),
                CONTACT), "the top Via of a folded list");
    }

    @Test
    void registersTheObservedContactOnceAndDropsTheOldBinding() {
        Registration r = registration();
        r.start();
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        assertEquals(Optional.of("<" + CONTACT + ">"), first.request().header("Contact"));
        first.respond(ok(first.request(), BEHIND_NAT, "<" + CONTACT + ">;expires=600"));
        assertEquals(RegistrationState.REGISTERING, r.state(), "not done: the registrar cannot reach that Contact");

        FakeClientTransaction second = endpoint.nextRequest("REGISTER");
        assertEquals(Optional.of("<sip:alice@203.0.113.7:40123>, <" + CONTACT + ">;expires=0"), second.request().header("Contact"));
        assertEquals(Optional.of("600"), second.request().header("Expires"));
        assertEquals(first.request().callId(), second.request().callId());
        // Even if this registrar saw yet another mapping now, we do not loop.
        second.respond(ok(second.request(), "SIP/2.0/UDP 127.0.0.1:5070;rport=40999;received=203.0.113.7",
                "<sip:alice@203.0.113.7:40123>;expires=300"));
        assertEquals(RegistrationState.REGISTERED, r.state());
        assertEquals("registered for 300 s", r.detail(), "the expiry of the corrected Contact");
        assertEquals("sip:alice@203.0.113.7:40123", r.contact());
        endpoint.assertNothingSent();

        scheduler.advance(scheduler.nextTimerIn());
        FakeClientTransaction refresh = endpoint.nextRequest("REGISTER");
        assertEquals(Optional.of("<sip:alice@203.0.113.7:40123>"), refresh.request().header("Contact"), "the old binding is gone");
        refresh.respond(ok(refresh.request(), BEHIND_NAT, "<sip:alice@203.0.113.7:40123>;expires=300"));
        assertEquals(RegistrationState.REGISTERED, r.state());
        endpoint.assertNothingSent();
        assertEquals(List.of("NONE->REGISTERING 0", "REGISTERING->REGISTERED 200"), events);

        r.stop();
        FakeClientTransaction unregister = endpoint.nextRequest("REGISTER");
        assertEquals(Optional.of("<sip:alice@203.0.113.7:40123>"), unregister.request().header("Contact"));
        assertEquals(Optional.of("0"), unregister.request().header("Expires"));
    }

    @Test
    void aRegistrarThatSeesUsWhereWeAreChangesNothing() {
        Registration r = registration();
        r.start();
        FakeClientTransaction first = endpoint.nextRequest("REGISTER");
        first.respond(ok(first.request(), "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport=5070", "<" + CONTACT + ">;expires=600"));
        assertEquals(RegistrationState.REGISTERED, r.state());
        assertEquals(CONTACT, r.contact());
        endpoint.assertNothingSent();
    }

    @Test
    void callsUseTheCorrectedContact() {
        UserAgent ua = new UserAgent(servers -> FakeDns.anyName());
        FakeSipStack stack = new FakeSipStack();
        AccountEventBus bus = new AccountEventBus();
        AccountRecorder recorder = new AccountRecorder();
        bus.bindAccountListener(recorder);
        ua.bindAccountEvents(bus);
        ua.bindSipStack(stack);
        ua.activate(TestAccounts.alice(Map.of("domain", "siprtc.test", "listen_port", 5070)));
        try {
            assertEquals(CONTACT, ua.contact());
            FakeClientTransaction first = stack.endpoint().nextRequest("REGISTER");
            assertEquals(FakeDns.ANY_ADDRESS, first.hop.host(), "sent where DNS located siprtc.test");
            first.respond(ok(first.request(), BEHIND_NAT));
            FakeClientTransaction second = stack.endpoint().nextRequest("REGISTER");
            second.respond(ok(second.request(), BEHIND_NAT, "<sip:alice@203.0.113.7:40123>;expires=600"));
            recorder.await(RegistrationState.REGISTERED);
            assertEquals("sip:alice@203.0.113.7:40123", ua.contact(), "what INVITEs and answers put in their Contact");
        } finally {
            java.util.concurrent.CompletableFuture<Void> done = java.util.concurrent.CompletableFuture.runAsync(ua::deactivate);
            FakeClientTransaction unregister = stack.endpoint().nextRequest("REGISTER");
            unregister.respond(ok(unregister.request(), BEHIND_NAT));
            done.join();
            bus.deactivate();
        }
    }
}
