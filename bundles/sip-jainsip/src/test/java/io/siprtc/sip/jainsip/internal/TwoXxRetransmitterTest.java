package io.siprtc.sip.jainsip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.lang.reflect.Proxy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.SipProvider;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The UAS 2xx retransmission: resends until the ACK, and an ACK that overtook the 2xx stops it before it starts. */
class TwoXxRetransmitterTest {

    private static final long T1_MS = 20;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger resent = new AtomicInteger();
    private final SipProvider provider = (SipProvider) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SipProvider.class}, (proxy, method, args) -> {
                if (method.getName().equals("sendResponse")) {
                    resent.incrementAndGet();
                }
                return null;
            });
    private final TwoXxRetransmitter retransmitter = new TwoXxRetransmitter(scheduler, provider, T1_MS);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void resendsUntilTheAckArrives() throws Exception {
        retransmitter.start(ok("call-1", 1));
        Thread.sleep(T1_MS * 12); // resends due at T1, 3*T1 and 7*T1
        assertTrue(resent.get() >= 2, "resent " + resent.get() + " times");
        retransmitter.acked("call-1", 1);
        int afterAck = resent.get();
        Thread.sleep(T1_MS * 20);
        assertTrue(resent.get() <= afterAck + 1, "still resending after the ACK: " + resent.get());
    }

    @Test
    void anAckThatCameBeforeTheRetransmissionStartedStopsIt() throws Exception {
        retransmitter.acked("call-2", 7);
        retransmitter.start(ok("call-2", 7));
        Thread.sleep(T1_MS * 10);
        assertEquals(0, resent.get(), "a 2xx was resent although its ACK had arrived");
        // the mark is used once: a later 2xx with the same CSeq is resent again
        retransmitter.start(ok("call-2", 7));
        Thread.sleep(T1_MS * 4);
        assertTrue(resent.get() >= 1, "the next 2xx was not retransmitted");
    }

    @Test
    void anAckForAnotherCseqDoesNotStopIt() throws Exception {
        retransmitter.acked("call-3", 1);
        retransmitter.start(ok("call-3", 2));
        Thread.sleep(T1_MS * 4);
        assertTrue(resent.get() >= 1, "the 2xx was not retransmitted");
    }

    private static Response ok(String callId, long cseq) throws Exception {
        String text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + callId + "\r\n"
                + "From: <sip:a@127.0.0.1>;tag=a\r\nTo: <sip:b@127.0.0.1>;tag=b\r\nCall-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " INVITE\r\nContent-Length: 0\r\n\r\n";
        return new MessageFactoryImpl().createResponse(text);
    }
}
