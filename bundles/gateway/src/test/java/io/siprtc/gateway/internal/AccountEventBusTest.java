package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siprtc.api.call.AccountEvent;
import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.RegistrationState;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The AccountListener whiteboard: in order, and one failing listener does not stop the others. */
class AccountEventBusTest {

    private static final Logger BUS_LOG = Logger.getLogger(AccountEventBus.class.getName());

    @Test
    void deliversInOrderPastAFailingListener() {
        AccountEventBus bus = new AccountEventBus();
        AccountRecorder recorder = new AccountRecorder();
        bus.bindAccountListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        bus.bindAccountListener(recorder);
        Level old = BUS_LOG.getLevel();
        BUS_LOG.setLevel(Level.OFF);
        try {
            AccountInfo a = new AccountInfo("alice", "sip:alice@siprtc.test", null, "", false, "ready",
                    RegistrationState.REGISTERING, "");
            RegistrationState[] path = {RegistrationState.REGISTERING, RegistrationState.REGISTERED,
                RegistrationState.UNREGISTERING, RegistrationState.UNREGISTERED};
            RegistrationState from = RegistrationState.NONE;
            for (RegistrationState to : path) {
                bus.publish(new AccountEvent(a, from, to, to.name().toLowerCase(), 0));
                from = to;
            }
            recorder.await(RegistrationState.UNREGISTERED);
            assertEquals(List.of(path), recorder.all.stream().map(AccountEvent::to).collect(Collectors.toList()));
            assertEquals("alice REGISTERING->REGISTERED: registered", recorder.all.get(1).toString());
        } finally {
            bus.deactivate();
            BUS_LOG.setLevel(old);
        }
        bus.publish(new AccountEvent(new AccountInfo("x", null, null, null, false, "ready"), RegistrationState.NONE,
                RegistrationState.REGISTERING, null, 0)); // after deactivation: dropped quietly
    }

    @Test
    void accountInfoKeepsItsOldConstructorAndShowsTheRegistration() {
        AccountInfo p2p = new AccountInfo("demo", "sip:demo@127.0.0.1:5070", "sip:demo@127.0.0.1:5070", "", true, "ready");
        assertEquals(RegistrationState.NONE, p2p.registration());
        assertEquals("demo sip:demo@127.0.0.1:5070 [ready]", p2p.toString());
        AccountInfo reg = new AccountInfo("alice", "sip:alice@siprtc.test", null, "", false, "ready",
                RegistrationState.AUTHENTICATION_FAILED, "authentication failed: 401 Unauthorized");
        assertEquals("alice sip:alice@siprtc.test [ready] AUTHENTICATION_FAILED (authentication failed: 401 Unauthorized)",
                reg.toString());
        assertEquals(true, RegistrationState.AUTHENTICATION_FAILED.isFailure());
    }
}
