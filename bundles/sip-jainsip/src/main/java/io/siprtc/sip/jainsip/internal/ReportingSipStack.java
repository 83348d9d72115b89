package io.siprtc.sip.jainsip.internal;

import gov.nist.javax.sip.SipStackImpl;
import java.util.Properties;
import java.util.function.BiConsumer;
import javax.sip.PeerUnavailableException;

/** A JAIN-SIP stack that knows where to report messages it could not parse. */
final class ReportingSipStack extends SipStackImpl {

    private volatile BiConsumer<String, String> malformed = (source, problem) -> { };

    ReportingSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
    }

    void onMalformed(BiConsumer<String, String> sink) {
        this.malformed = sink;
    }

    void reportMalformed(String source, String problem) {
        malformed.accept(source, problem);
    }
}
