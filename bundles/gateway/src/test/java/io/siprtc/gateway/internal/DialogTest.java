package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DialogTest {

    private static final String ALICE = "sip:alice@127.0.0.1:5070";
    private static final String BOB = "sip:bob@example.org";
    private static final String BOB_CONTACT = "sip:bob@192.0.2.20:5072;transport=udp";

    /** Alice called bob: the UAC side (RFC 3261 section 12.1.2). */
    @Nested
    class CallerSide {

        private final Dialog dialog = new Dialog("abc@127.0.0.1", "alicetag", ALICE, BOB, ALICE, 1);

        private SipResponse ok() {
            SipRequest invite = SipRequest.of("INVITE", BOB).withHeader("From", "<" + ALICE + ">;tag=alicetag")
                    .withHeader("To", "<" + BOB + ">").withHeader("Call-ID", "abc@127.0.0.1")
                    .withHeader("CSeq", "1 INVITE");
            // Proxies p1 (next to alice) and p2 (next to bob): the 2xx lists them bob's side first.
            return SipResponse.to(invite, 200).withToTag("bobtag").withHeader("Contact", "<" + BOB_CONTACT + ">")
                    .addHeader("Record-Route", "<sip:p2.example.org;lr>")
                    .addHeader("Record-Route", "<sip:p1.example.org;lr>");
        }

        @Test
        void earlyDialogTargetsTheRemoteUri() {
            assertFalse(dialog.isConfirmed());
            assertEquals(BOB, dialog.remoteTarget());
            assertEquals(1, dialog.localSeq());
        }

        @Test
        void twoHundredSetsTagTargetAndReversedRouteSet() {
            dialog.confirm(ok());
            assertTrue(dialog.isConfirmed());
            assertEquals("bobtag", dialog.remoteTag());
            assertEquals(BOB_CONTACT, dialog.remoteTarget());

            SipRequest bye = dialog.request("BYE");
            assertEquals(List.of("<sip:p1.example.org;lr>", "<sip:p2.example.org;lr>"), bye.headerValues("Route"));
        }

        @Test
        void ackReusesTheInviteCSeqAndHasNoContact() {
            dialog.confirm(ok());
            SipRequest ack = dialog.ack(1);
            assertEquals("ACK", ack.method());
            assertEquals(BOB_CONTACT, ack.requestUri());
            assertEquals(Optional.of("1 ACK"), ack.header("CSeq"));
            assertEquals(Optional.of("<" + ALICE + ">;tag=alicetag"), ack.header("From"));
            assertEquals(Optional.of("<" + BOB + ">;tag=bobtag"), ack.header("To"));
            assertEquals("abc@127.0.0.1", ack.callId());
            assertEquals(Optional.empty(), ack.header("Contact"));
            assertEquals(2, ack.headerValues("Route").size());
            assertEquals(1, dialog.localSeq(), "an ACK takes no new CSeq");
        }

        @Test
        void inDialogRequestsCountCSeqUp() {
            dialog.confirm(ok());
            SipRequest bye = dialog.request("BYE");
            assertEquals("BYE", bye.method());
            assertEquals(BOB_CONTACT, bye.requestUri());
            assertEquals(Optional.of("2 BYE"), bye.header("CSeq"));
            assertEquals(Optional.of("<" + ALICE + ">"), bye.header("Contact"));
            assertEquals(Optional.of("70"), bye.header("Max-Forwards"));
            assertEquals(Optional.of("<" + BOB + ">;tag=bobtag"), bye.header("To"));
            assertEquals(Optional.of("3 INFO"), dialog.request("INFO").header("CSeq"));
            assertEquals(3, dialog.localSeq());
            assertEquals(Optional.of("1 ACK"), dialog.ack(1).header("CSeq"), "the ACK keeps the INVITE's number");
        }

        @Test
        void twoHundredWithoutContactKeepsTheRemoteUri() {
            SipResponse ok = ok().withHeader("Contact", null).withHeader("Record-Route", null);
            dialog.confirm(ok);
            SipRequest bye = dialog.request("BYE");
            assertEquals(BOB, bye.requestUri());
            assertEquals(List.of(), bye.headerValues("Route"));
        }
    }

    /** Bob called alice: the UAS side (RFC 3261 section 12.1.1). */
    @Nested
    class CalleeSide {

        private SipRequest invite(boolean withContact) {
            SipRequest r = SipRequest.of("INVITE", ALICE)
                    .withHeader("From", "\"Bob\" <" + BOB + ">;tag=bobtag")
                    .withHeader("To", "<" + ALICE + ">")
                    .withHeader("Call-ID", "xyz@192.0.2.20")
                    .withHeader("CSeq", "314159 INVITE")
                    .addHeader("Record-Route", "<sip:p1.example.org;lr>")
                    .addHeader("Record-Route", "<sip:p2.example.org;lr>");
            return withContact ? r.withHeader("Contact", "<" + BOB_CONTACT + ">") : r;
        }

        @Test
        void dialogFromInvite() {
            Dialog d = Dialog.fromInvite(invite(true), "alicetag", ALICE);
            assertEquals("xyz@192.0.2.20", d.callId());
            assertEquals("alicetag", d.localTag());
            assertEquals("bobtag", d.remoteTag());
            assertEquals(BOB_CONTACT, d.remoteTarget());
            assertFalse(d.isConfirmed());
            d.confirm();
            assertTrue(d.isConfirmed());
        }

        @Test
        void byeFromCalleeSwapsFromAndToAndKeepsRouteOrder() {
            Dialog d = Dialog.fromInvite(invite(true), "alicetag", ALICE);
            SipRequest bye = d.request("BYE");
            assertEquals(BOB_CONTACT, bye.requestUri());
            assertEquals(Optional.of("<" + ALICE + ">;tag=alicetag"), bye.header("From"));
            assertEquals(Optional.of("<" + BOB + ">;tag=bobtag"), bye.header("To"));
            assertEquals("xyz@192.0.2.20", bye.callId());
            assertEquals(Optional.of("1 BYE"), bye.header("CSeq"), "our own CSeq space, independent of bob's");
            assertEquals(List.of("<sip:p1.example.org;lr>", "<sip:p2.example.org;lr>"), bye.headerValues("Route"));
        }

        @Test
        void withoutContactTheTargetIsTheFromUri() {
            Dialog d = Dialog.fromInvite(invite(false), "alicetag", ALICE);
            assertEquals(BOB, d.remoteTarget());
            d.setRemoteTarget(BOB_CONTACT);
            assertEquals(BOB_CONTACT, d.request("BYE").requestUri());
        }

        @Test
        void remoteCSeqMustIncrease() {
            Dialog d = Dialog.fromInvite(invite(true), "alicetag", ALICE);
            assertFalse(d.acceptRemoteSeq(314159), "the INVITE's own number");
            assertFalse(d.acceptRemoteSeq(3), "an older one");
            assertTrue(d.acceptRemoteSeq(314160));
            assertFalse(d.acceptRemoteSeq(314160), "a repeat");
        }
    }
}
