package io.siprtc.media.webrtc.internal;

import io.siprtc.api.media.MediaEngine;
import java.lang.reflect.Proxy;

/**
 * The gateway's tests against real servers use the webrtc-java media engine without OSGi (as
 * its own tests do): this helper sits in its package (on the test classpath only) to activate it
 * with the configuration's defaults.
 */
public final class WebRtcEngines {

    private WebRtcEngines() {
    }

    public static MediaEngine start() {
        return start(java.util.Map.of());
    }

    /** With some configuration keys set (method names: {@code ice_servers}, {@code ice_relay_only}, ...). */
    public static MediaEngine start(java.util.Map<String, Object> set) {
        WebRtcMediaEngine engine = new WebRtcMediaEngine();
        engine.activate((WebRtcEngineConfig) Proxy.newProxyInstance(WebRtcEngineConfig.class.getClassLoader(),
                new Class<?>[] {WebRtcEngineConfig.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "annotationType":
                            return WebRtcEngineConfig.class;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "WebRtcEngineConfig" + set.keySet();
                        default:
                            return set.getOrDefault(method.getName(), method.getDefaultValue());
                    }
                }));
        return engine;
    }

    public static void stop(MediaEngine engine) {
        ((WebRtcMediaEngine) engine).deactivate();
    }
}
