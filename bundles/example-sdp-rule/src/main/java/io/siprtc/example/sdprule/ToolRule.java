package io.siprtc.example.sdprule;

import java.util.List;
import java.util.Set;

import io.siprtc.sdp.Attribute;
import io.siprtc.sdp.MediaDescription;
import io.siprtc.sdp.SdpLine;
import io.siprtc.sdp.SessionDescription;
import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.SdpRule;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * An example {@link SdpRule} extension: on every description the gateway sends to a SIP peer it
 * sets {@code a=tool:<name>} at session level (RFC 8866 section 6.3: the tool that created the
 * description, which helps the far end's support staff tell what they talk to), and removes the
 * attributes named in {@code strip} at session and media level (for a peer that rejects
 * them). Registered as a service, it applies to the gateway's next call without a restart; its
 * configuration (PID {@code io.siprtc.example.sdprule}, service ranking and profiles included)
 * can change at runtime. Stateless apart from its configuration, so one instance serves
 * concurrent calls.
 */
@Component(service = SdpRule.class, configurationPid = "io.siprtc.example.sdprule")
@Designate(ocd = ToolRuleConfig.class)
public class ToolRule implements SdpRule {

    private volatile String tool = "SIPRTC";
    private volatile Set<String> strip = Set.of();

    /** For tests and plain Java use: a rule with this tool value and attributes to strip. */
    public ToolRule(String tool, Set<String> strip) {
        this.tool = tool;
        this.strip = Set.copyOf(strip);
    }

    /** For Declarative Services. */
    public ToolRule() {
    }

    @Activate
    @Modified
    void configure(ToolRuleConfig config) {
        this.tool = config.tool() == null ? "" : config.tool().trim();
        this.strip = config.strip() == null ? Set.of() : Set.of(config.strip());
    }

    @Override
    public String name() {
        return "example-tool";
    }

    @Override
    public void apply(SessionDescription sdp, ConversionContext ctx) {
        Set<String> remove = strip;
        if (!remove.isEmpty()) {
            strip(sdp.lines(), remove);
            for (MediaDescription m : sdp.media()) {
                strip(m.lines(), remove);
            }
        }
        String name = tool;
        if (!name.isEmpty()) {
            sdp.setAttribute(Attribute.of("tool", name));
        }
    }

    private static void strip(List<SdpLine> lines, Set<String> names) {
        lines.removeIf(l -> l instanceof Attribute a && names.contains(a.name()));
    }
}
