package io.siprtc.api.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A SIP message as an ordered list of header fields and a body: a neutral form that no SIP
 * stack owns, so the gateway keeps its dialogs when the stack is swapped.
 */
public abstract class SipMessage {

    private final List<SipHeader> headers;
    private final byte[] body;

    protected SipMessage(List<SipHeader> headers, byte[] body) {
        this.headers = Collections.unmodifiableList(new ArrayList<>(headers));
        this.body = body == null ? new byte[0] : body.clone();
    }

    public List<SipHeader> headers() {
        return headers;
    }

    /** The first value of a header (full or compact name, any case). */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.is(name)).map(SipHeader::value).findFirst();
    }

    /** All values of a header in order; comma-separated values stay as the sender wrote them. */
    public List<String> headerValues(String name) {
        return headers.stream().filter(h -> h.is(name)).map(SipHeader::value).collect(Collectors.toList());
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    public String callId() {
        return header("Call-ID").orElse("");
    }

    /** The CSeq number, or -1 when it is missing or malformed. */
    public long cseqNumber() {
        return header("CSeq").map(v -> {
            try {
                return Long.parseLong(v.trim().split("\\s+")[0]);
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }

    /** The CSeq method, or an empty string. */
    public String cseqMethod() {
        return header("CSeq").map(v -> {
            String[] p = v.trim().split("\\s+");
            return p.length > 1 ? p[1] : "";
        }).orElse("");
    }

    /** The tag parameter of From or To, or null. */
    public static String tagOf(String nameAddr) {
        if (nameAddr == null) {
            return null;
        }
        int gt = nameAddr.lastIndexOf('>');
        String params = gt >= 0 ? nameAddr.substring(gt + 1) : nameAddr;
        for (String p : params.split(";")) {
            String t = p.trim();
            if (t.regionMatches(true, 0, "tag=", 0, 4)) {
                return t.substring(4);
            }
        }
        return null;
    }

    /** The URI inside a name-addr ({@code "Bob" <sip:bob@h>;tag=1} gives {@code sip:bob@h}). */
    public static String uriOf(String nameAddr) {
        if (nameAddr == null) {
            return null;
        }
        int lt = nameAddr.indexOf('<');
        int gt = nameAddr.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            return nameAddr.substring(lt + 1, gt).trim();
        }
        int semi = nameAddr.indexOf(';');
        return (semi >= 0 ? nameAddr.substring(0, semi) : nameAddr).trim();
    }

    protected static List<SipHeader> with(List<SipHeader> base, String name, String value, boolean replace) {
        List<SipHeader> copy = new ArrayList<>(base);
        if (replace) {
            int idx = -1;
            for (int i = 0; i < copy.size(); i++) {
                if (copy.get(i).is(name)) {
                    if (idx < 0) {
                        idx = i;
                    }
                }
            }
            copy.removeIf(h -> h.is(name));
            if (value != null) {
                copy.add(idx >= 0 ? Math.min(idx, copy.size()) : copy.size(), new SipHeader(name, value));
            }
        } else if (value != null) {
            copy.add(new SipHeader(name, value));
        }
        return copy;
    }
}
