package io.siprtc.sdp;

/**
 * The parser's check of an a= line: it needs a name, and the attributes SIPRTC interprets must
 * be well-formed (JSEP, RFC 8829 section 5.8: a line that cannot be parsed as described rejects
 * the description). Unknown attributes pass as they are (RFC 8866 section 5.13).
 */
final class AttributeCheck {

    private AttributeCheck() {
    }

    /** The attribute for the text after {@code a=}, or null with {@code error[0]} set. */
    static Attribute attribute(String content, String[] error) {
        int colon = content.indexOf(':');
        if (colon == 0 || content.isEmpty()) {
            return Tokens.fail(error, "a= line without an attribute name");
        }
        String name = colon < 0 ? content : content.substring(0, colon);
        String value = colon < 0 ? null : content.substring(colon + 1);
        String problem = check(name, value, error);
        return problem == null ? Attribute.trusted(content, colon) : null;
    }

    /** Null if fine, else the problem (also put into error[0]). */
    private static String check(String name, String value, String[] error) {
        Object ok;
        switch (name) {
            case "rtpmap":
                ok = value == null ? null : RtpMap.parseOrNull(value, error);
                break;
            case "fmtp":
                ok = value == null ? null : Fmtp.parseOrNull(value, error);
                break;
            case "rtcp-fb":
                ok = value == null ? null : RtcpFb.parseOrNull(value, error);
                break;
            case "extmap":
                ok = value == null ? null : ExtMap.parseOrNull(value, error);
                break;
            case "msid":
                ok = value == null ? null : Msid.parseOrNull(value, error);
                break;
            case "ssrc":
                ok = value == null ? null : Ssrc.parseOrNull(value, error);
                break;
            case "ssrc-group":
                ok = value == null ? null : SsrcGroup.parseOrNull(value, error);
                break;
            case "group":
                ok = value == null ? null : Group.parseOrNull(value, error);
                break;
            case "fingerprint":
                ok = value == null ? null : Fingerprint.parseOrNull(value, error);
                break;
            case "rtcp":
                ok = value == null ? null : Rtcp.parseOrNull(value, error);
                break;
            case "rid":
                ok = value == null ? null : Rid.parseOrNull(value, error);
                break;
            case "simulcast":
                ok = value == null ? null : Simulcast.parseOrNull(value, error);
                break;
            case "crypto":
                ok = value == null ? null : Crypto.parseOrNull(value, error);
                break;
            case "setup":
                ok = value == null ? null : Setup.of(value).orElse(null);
                if (ok == null && value != null) {
                    error[0] = "a=setup must be active, passive, actpass or holdconn, got '" + Tokens.excerpt(value) + "'";
                }
                break;
            case "mid":
            case "ice-ufrag":
            case "ice-pwd":
                ok = value != null && Tokens.isToken(value) ? value : null;
                if (ok == null && value != null) {
                    error[0] = "a=" + name + " needs a value without spaces, got '" + Tokens.excerpt(value) + "'";
                }
                break;
            case "ptime":
            case "maxptime":
                ok = value != null && Tokens.parseMillis(value) >= 0 ? value : null;
                if (ok == null && value != null) {
                    error[0] = "a=" + name + " is not a number of milliseconds: '" + Tokens.excerpt(value) + "'";
                }
                break;
            default:
                return null;
        }
        if (ok != null) {
            return null;
        }
        if (value == null) {
            error[0] = "a=" + name + " needs a value (a=" + name + ":<value>)";
        }
        return error[0];
    }
}
