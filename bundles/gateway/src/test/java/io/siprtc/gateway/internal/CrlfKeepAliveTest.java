package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.siprtc.api.sip.SipException;
import io.siprtc.api.sip.SipHop;
import io.siprtc.api.sip.SipTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CRLF pings every interval on virtual time; failures reported; nothing after stop. */
class CrlfKeepAliveTest {

    private static final SipHop HOP = new SipHop("192.0.2.1", 5061, SipTransport.TLS);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<SipHop> pings = new ArrayList<>();
    private final List<String> lost = new ArrayList<>();

    @Test
    void pingsEveryIntervalUntilStopped() {
        CrlfKeepAlive k = new CrlfKeepAlive(HOP, 25, pings::add, scheduler, lost::add);
        k.start();
        scheduler.advance(24_999);
        assertEquals(0, pings.size());
        scheduler.advance(1);
        assertEquals(List.of(HOP), pings);
        scheduler.advance(50_000);
        assertEquals(3, pings.size());
        k.stop();
        scheduler.advance(100_000);
        assertEquals(3, pings.size());
        assertEquals(List.of(), lost);
    }

    @Test
    void aFailedPingIsReportedAndPingingGoesOn() {
        int[] calls = {0};
        CrlfKeepAlive k = new CrlfKeepAlive(HOP, 10, hop -> {
            if (++calls[0] == 1) {
                throw new SipException("Connection refused");
            }
        }, scheduler, lost::add);
        k.start();
        scheduler.advance(10_000);
        assertEquals(List.of("CRLF keep-alive to 192.0.2.1:5061/TLS failed: Connection refused"), lost);
        scheduler.advance(10_000);
        assertEquals(2, calls[0]);
        assertEquals(1, lost.size());
    }

    @Test
    void anIntervalBelowOneSecondIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CrlfKeepAlive(HOP, 0, pings::add, scheduler, lost::add));
    }
}
