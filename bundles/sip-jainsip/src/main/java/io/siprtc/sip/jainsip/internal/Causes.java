package io.siprtc.sip.jainsip.internal;

/** Readable text of an exception: its message and those of its causes (JAIN-SIP wraps the I/O error that matters). */
final class Causes {

    private Causes() {
    }

    /** e.g. "IO Exception occured while Sending Request: TLS server certificate ... not accepted ...". */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank() || b.indexOf(m) >= 0) {
                continue;
            }
            if (b.length() > 0) {
                b.append(": ");
            }
            b.append(m);
        }
        return b.length() == 0 ? e.getClass().getSimpleName() : b.toString();
    }
}
