package io.siprtc.gateway.internal;

/** What this user agent supports, as it says so in Allow and Supported (RFC 3261 sections 20.5 and 20.37). */
final class SipCapabilities {

    /** The methods we accept inside and outside dialogs. */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, REFER, NOTIFY, MESSAGE";

    /** Option tags: session timers (RFC 4028). */
    static final String SUPPORTED = "timer";

    private SipCapabilities() {
    }

    /** True when an Allow header value lists the method (case-sensitive, as method names are). */
    static boolean allows(String allowHeader, String method) {
        if (allowHeader == null) {
            return false;
        }
        for (String m : allowHeader.split(",")) {
            if (m.trim().equals(method)) {
                return true;
            }
        }
        return false;
    }

    /** True when a Supported or Require header value lists the option tag. */
    static boolean hasOption(String header, String tag) {
        if (header == null) {
            return false;
        }
        for (String t : header.split(",")) {
            if (t.trim().equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }
}
