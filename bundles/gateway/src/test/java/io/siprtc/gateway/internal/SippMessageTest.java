package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallException;
import io.siprtc.api.call.InstantMessage;
import io.siprtc.api.sip.SipStack;
import io.siprtc.sip.jainsip.internal.JainSipStacks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIP MESSAGE (RFC 3428) against SIPp on 127.0.0.1: SIPp sends a MESSAGE to a SIPRTC account
 * (real JAIN-SIP stack and gateway, no media) and gets 200, or 415 for a type we do not take;
 * SIPp refuses our MESSAGE with 404 and the stage fails naming it.
 */
class SippMessageTest {

    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");

    @RegisterExtension
    static final FailureWatcher WATCH = new FailureWatcher();

    private static SipStack stack;
    private static LivePhone alice;
    private static final MessageRecorder RECEIVED = new MessageRecorder();

    private final List<Sipp> farEnds = new ArrayList<>();

    @BeforeAll
    static void start() {
        SIPRTC_LOG.setLevel(Level.WARNING);
        stack = JainSipStacks.start();
        alice = new LivePhone(stack, new FakeMediaEngine(), Map.of("id", "alice", "user", "alice", "register", false));
        alice.gateway.bindInstantMessageListener(RECEIVED);
    }

    @AfterAll
    static void stop() {
        if (alice != null) {
            alice.close();
        }
        if (stack != null) {
            JainSipStacks.stop(stack);
        }
    }

    @AfterEach
    void stopFarEnds() {
        for (Sipp s : farEnds) {
            s.close();
            if (WATCH.failed()) {
                System.err.println("Kept the logs of " + s);
            } else {
                s.deleteFiles();
            }
        }
    }

    private Sipp sender(String contentType, int status) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("to", "alice");
        keys.put("content_type", contentType);
        keys.put("text", "hello alice, this is SIPp");
        keys.put("status", Integer.toString(status));
        Sipp s = Sipp.uac("message-send", keys, "127.0.0.1:" + alice.account.port(), 30);
        farEnds.add(s);
        return s;
    }

    @Test
    void sippSendsAMessageAndGets200() throws Exception {
        Sipp bob = sender("text/plain;charset=UTF-8", 200);
        assertEquals(0, bob.awaitExit(Waits.SECONDS), bob::log);
        InstantMessage m = RECEIVED.next();
        assertEquals("alice", m.accountId());
        assertTrue(m.from().startsWith("sip:sipp@127.0.0.1:"), m.from());
        assertEquals("text/plain;charset=UTF-8", m.contentType());
        assertEquals("hello alice, this is SIPp", m.body().strip());
        assertTrue(bob.messages().contains("SIP/2.0 200 OK"), bob::log);
    }

    @Test
    void sippSendsATypeWeDoNotTakeAndGets415WithAccept() throws Exception {
        Sipp bob = sender("application/vnd.example+json", 415);
        assertEquals(0, bob.awaitExit(Waits.SECONDS), bob::log);
        // JAIN-SIP writes the list without blanks: "Accept: text/plain,text/*,message/cpim"
        assertTrue(bob.messages().lines().anyMatch(l -> l.replace(" ", "").equals("Accept:" + MessageContent.ACCEPT.replace(" ", ""))),
                bob::log);
        alice.gateway.awaitSignalling();
        assertTrue(RECEIVED.isEmpty(), "a refused message reaches no listener");
    }

    @Test
    void ourMessageRefusedWith404FailsTheStageNamingIt() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("status", "404");
        keys.put("reason", "Not Found");
        Sipp bob = Sipp.uas("message-reject", keys, 30);
        farEnds.add(bob);

        CompletionStage<InstantMessage> stage = alice.gateway.send("alice", bob.uri("bob"), "text/plain;charset=UTF-8",
                "hello bob");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(Waits.SECONDS, TimeUnit.SECONDS));
        CallException failure = assertInstanceOf(CallException.class, e.getCause());
        assertEquals("MESSAGE to " + bob.uri("bob") + ": 404 Not Found", failure.getMessage());
        assertEquals(0, bob.awaitExit(Waits.SECONDS), bob::log);
        assertEquals(1, bob.received("MESSAGE"), bob::log);
        assertTrue(bob.messages().contains("hello bob"), bob::log);
    }
}
