package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallException;
import io.siprtc.api.call.InstantMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two SIPRTC user agents exchange SIP MESSAGEs (RFC 3428) both ways through a real Kamailio that
 * authenticates them (407, then the MESSAGE again with credentials): alice over UDP with domain
 * 127.0.0.1:port, bob over TCP with domain siprtc.test by the outbound proxy. A message to a user
 * who is not registered fails with Kamailio's 404.
 */
class KamailioMessageTest {

    private static final String ALICE_PASSWORD = "a-" + UUID.randomUUID();
    private static final String BOB_PASSWORD = "b-" + UUID.randomUUID();
    private static final String TEXT = "text/plain;charset=UTF-8";
    private static final Logger SIPRTC_LOG = Logger.getLogger("io.siprtc");

    @RegisterExtension
    static final KamailioRig RIG = new KamailioRig("message",
            new Kamailio.Options().user("alice", ALICE_PASSWORD).user("bob", BOB_PASSWORD)).withoutMedia().withoutCapture();

    static {
        SIPRTC_LOG.setLevel(Level.WARNING);
    }

    private static InstantMessage sent(CompletionStage<InstantMessage> stage) throws Exception {
        return stage.toCompletableFuture().get(Waits.SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aliceAndBobExchangeMessagesThroughKamailioWithDigest() throws Exception {
        MessageRecorder aliceGot = new MessageRecorder();
        MessageRecorder bobGot = new MessageRecorder();
        try (LivePhone alice = new LivePhone(RIG.stack, new FakeMediaEngine(), Map.of("id", "alice", "user", "alice",
                "domain", RIG.kamailio.hostPort(), "_password", ALICE_PASSWORD));
                LivePhone bob = new LivePhone(RIG.stack, new FakeMediaEngine(), Map.of("id", "bob", "user", "bob",
                        "domain", Kamailio.REALM, "outbound_proxy", "sip:" + RIG.kamailio.hostPort(), "transport", "tcp",
                        "_password", BOB_PASSWORD))) {
            alice.gateway.bindInstantMessageListener(aliceGot);
            bob.gateway.bindInstantMessageListener(bobGot);
            alice.account.awaitRegistered();
            bob.account.awaitRegistered();

            InstantMessage out = sent(alice.gateway.send("alice", "bob", TEXT, "hello bob \u00e9"));
            assertEquals("sip:bob@" + RIG.kamailio.hostPort(), out.to());
            InstantMessage in = bobGot.next();
            assertEquals("bob", in.accountId());
            assertEquals("sip:alice@" + RIG.kamailio.hostPort(), in.from());
            assertEquals("hello bob \u00e9", in.body());
            assertEquals(TEXT, in.contentType());
            List<String> aliceMessages = RIG.kamailio.receivedOnce("SIPRTC-RX MESSAGE ", "from=alice");
            assertEquals(2, aliceMessages.size(), () -> "challenged once, sent again with credentials: " + aliceMessages);
            assertTrue(!aliceMessages.get(0).contains("au=alice"), aliceMessages.get(0));
            assertTrue(aliceMessages.get(1).contains("au=alice"), aliceMessages.get(1));
            assertEquals(1, RIG.kamailio.lines(l -> l.contains("SIPRTC-CHALLENGE MESSAGE") && l.contains("from=alice")).size());

            InstantMessage back = sent(bob.gateway.send("bob", "alice", TEXT, "hello alice"));
            assertEquals("sip:alice@" + Kamailio.REALM, back.to());
            InstantMessage reply = aliceGot.next();
            assertEquals("alice", reply.accountId());
            assertEquals("sip:bob@" + Kamailio.REALM, reply.from());
            assertEquals("hello alice", reply.body());
            List<String> bobMessages = RIG.kamailio.receivedOnce("SIPRTC-RX MESSAGE ", "from=bob");
            assertEquals(2, bobMessages.size(), bobMessages::toString);
            assertTrue(bobMessages.get(1).contains("au=bob") && bobMessages.get(1).contains("/tcp"), bobMessages.get(1));

            CompletionStage<InstantMessage> nobody = alice.gateway.send("alice", "carol", TEXT, "anyone there?");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> nobody.toCompletableFuture().get(Waits.SECONDS, TimeUnit.SECONDS));
            CallException failure = assertInstanceOf(CallException.class, e.getCause());
            assertEquals("MESSAGE to sip:carol@" + RIG.kamailio.hostPort() + ": 404 Not Found", failure.getMessage());
            assertTrue(aliceGot.isEmpty() && bobGot.isEmpty(), "nothing else was delivered");
        }
    }
}
