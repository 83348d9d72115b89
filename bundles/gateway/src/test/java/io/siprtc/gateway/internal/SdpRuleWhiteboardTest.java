package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.SessionDescription;
import io.siprtc.api.sip.SipResponse;
import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.SdpNotAcceptableException;
import io.siprtc.sdp.convert.SdpRule;
import io.siprtc.sdp.convert.SdpRuleProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** {@link SdpRule} services bound at runtime apply to the next call, in service ranking order. */
class SdpRuleWhiteboardTest {

    private static SdpRule rule(String name, BiConsumer<io.siprtc.sdp.SessionDescription, ConversionContext> body) {
        return new SdpRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void apply(io.siprtc.sdp.SessionDescription sdp, ConversionContext ctx) {
                body.accept(sdp, ctx);
            }
        };
    }

    private static SdpRule tool(String value) {
        return rule("tool-" + value, (sdp, ctx) -> sdp.addAttribute("tool", value));
    }

    private static Map<String, Object> props(long id, int ranking, Object... more) {
        Map<String, Object> p = new HashMap<>();
        p.put("service.id", id);
        p.put("service.ranking", ranking);
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    private static String inviteBody(GatewayFixture gw) throws Exception {
        gw.dial(GatewayFixture.BOB);
        return gw.endpoint().nextRequest("INVITE").request().bodyText();
    }

    @Test
    void aRuleRegisteredAtRuntimeAppliesToTheNextCallAndStopsWhenUnregistered() throws Exception {
        try (GatewayFixture gw = new GatewayFixture()) {
            assertFalse(inviteBody(gw).contains("a=tool:"));
            SdpRule rule = tool("siprtc-test");
            gw.gateway.bindSdpRule(rule, props(42, 0));
            assertTrue(inviteBody(gw).contains("\r\na=tool:siprtc-test\r\n"));
            gw.gateway.unbindSdpRule(rule);
            assertFalse(inviteBody(gw).contains("a=tool:"));
        }
    }

    @Test
    void rulesRunByRankingHighestFirstThenServiceId() throws Exception {
        try (GatewayFixture gw = new GatewayFixture()) {
            gw.gateway.bindSdpRule(tool("low"), props(1, -5));
            gw.gateway.bindSdpRule(tool("high"), props(3, 10));
            gw.gateway.bindSdpRule(tool("zero-b"), props(5, 0));
            gw.gateway.bindSdpRule(tool("zero-a"), props(4, 0));
            String body = inviteBody(gw);
            int high = body.indexOf("a=tool:high");
            int a = body.indexOf("a=tool:zero-a");
            int b = body.indexOf("a=tool:zero-b");
            int low = body.indexOf("a=tool:low");
            assertTrue(high >= 0 && high < a && a < b && b < low, body);
        }
    }

    @Test
    void aRankingChangeReordersWithoutRebinding() throws Exception {
        try (GatewayFixture gw = new GatewayFixture()) {
            SdpRule first = tool("first");
            gw.gateway.bindSdpRule(first, props(1, 0));
            gw.gateway.bindSdpRule(tool("second"), props(2, 5));
            gw.gateway.updatedSdpRule(first, props(1, 9));
            String body = inviteBody(gw);
            assertTrue(body.indexOf("a=tool:first") < body.indexOf("a=tool:second"), body);
        }
    }

    @Test
    void aBrokenRuleIsSkippedAndTheCallGoesOn() throws Exception {
        try (GatewayFixture gw = new GatewayFixture()) {
            gw.gateway.bindSdpRule(rule("throws", (sdp, ctx) -> {
                throw new IllegalStateException("boom");
            }), props(1, 0));
            gw.gateway.bindSdpRule(rule("breaks-order", (sdp, ctx) -> sdp.lines().add(0, Attribute.of("x"))), props(2, 0));
            gw.gateway.bindSdpRule(tool("after"), props(3, 0));
            String body = inviteBody(gw);
            assertTrue(body.startsWith("v=0\r\n"), body);
            assertTrue(body.contains("a=tool:after"), body);
        }
    }

    @Test
    void profileAndFlowPropertiesSelectWhereARuleApplies() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(Map.of("auto_answer", true))) {
            gw.gateway.bindSdpRule(tool("rtp-only"), props(1, 0, SdpRuleProperties.PROFILES, new String[] {"rtp"}));
            gw.gateway.bindSdpRule(tool("from-peer"), props(2, 0, SdpRuleProperties.FLOW, "from-peer"));
            gw.gateway.bindSdpRule(tool("webrtc"), props(3, 0, SdpRuleProperties.PROFILES, List.of("webrtc", "sip-dtls")));
            FarEnd bob = new FarEnd("call-rules@192.0.2.20");
            FakeServerTransaction invite = gw.endpoint().receive(bob.invite());
            invite.expect(180);
            SessionDescription toEngine = Waits.take(gw.engine.nextSession().remoteDescriptions, "the offer");
            assertTrue(toEngine.sdp().contains("a=tool:from-peer"), toEngine.sdp());
            assertFalse(toEngine.sdp().contains("a=tool:webrtc"), "to-peer rules do not see the peer's offer");
            String answer = invite.expect(200).bodyText();
            assertTrue(answer.contains("a=tool:webrtc"), answer);
            assertFalse(answer.contains("a=tool:rtp-only") || answer.contains("a=tool:from-peer"), answer);
        }
    }

    @Test
    void aRuleCanRefuseAnOfferWith488() {
        try (GatewayFixture gw = new GatewayFixture()) {
            gw.gateway.bindSdpRule(rule("no-video", (sdp, ctx) -> {
                if (sdp.media().stream().anyMatch(m -> m.media().equals("audio"))) {
                    throw new SdpNotAcceptableException("this site takes no audio");
                }
            }), props(1, 0, SdpRuleProperties.FLOW, "from-peer"));
            FakeServerTransaction invite = gw.endpoint().receive(new FarEnd("call-refuse@192.0.2.20").invite());
            SipResponse r = invite.expect(488);
            assertTrue(r.header("Warning").orElse("").contains("this site takes no audio"), r.toString());
            gw.sync();
            gw.awaitState(gw.gateway.call("c1").orElseThrow(), CallState.ENDED);
            assertEquals(CallEndReason.Kind.NOT_ACCEPTABLE, gw.gateway.call("c1").orElseThrow().endReason().orElseThrow().kind());
        }
    }
}
