package io.siprtc.gateway.internal;

import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallException;
import io.siprtc.api.media.MediaEngine;
import io.siprtc.api.sip.SipStack;
import java.util.Map;

/** A whole SIPRTC user agent without OSGi: one account on a real stack, its gateway and a media engine. */
final class LivePhone implements AutoCloseable {

    final LiveAccount account;
    final SipRtcGateway gateway = new SipRtcGateway();
    final CallRecorder calls = new CallRecorder();
    private final String id;
    private boolean closed;

    LivePhone(SipStack stack, MediaEngine engine, Map<String, Object> config) {
        account = new LiveAccount(stack, config);
        id = config.get("id").toString();
        gateway.activate();
        gateway.bindCallListener(calls);
        gateway.bindMediaEngine(engine);
        gateway.bindUserAgent(account.ua);
    }

    Call dial(String target) throws CallException {
        return gateway.dial(id, target);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            gateway.deactivate();
            gateway.unbindUserAgent(account.ua);
            account.close();
        }
    }
}
