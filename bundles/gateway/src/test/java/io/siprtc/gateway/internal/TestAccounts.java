package io.siprtc.gateway.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** {@link AccountConfig} instances as ConfigAdmin would make them: the given values, else the defaults. */
final class TestAccounts {

    static final String ALICE = "alice";

    private TestAccounts() {
    }

    /** Account {@code alice}, user {@code alice}, defaults for the rest (127.0.0.1, port 0, auto-answer off). */
    static AccountConfig alice(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", ALICE);
        values.put("user", ALICE);
        values.putAll(overrides);
        return config(values);
    }

    static AccountConfig config(Map<String, Object> values) {
        return (AccountConfig) Proxy.newProxyInstance(AccountConfig.class.getClassLoader(),
                new Class<?>[] {AccountConfig.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "annotationType":
                            return AccountConfig.class;
                        case "toString":
                            return "AccountConfig" + values;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            Object v = values.containsKey(method.getName()) ? values.get(method.getName())
                                    : method.getDefaultValue();
                            if (v == null) {
                                throw new IllegalStateException("no value for " + method.getName());
                            }
                            return v;
                    }
                });
    }
}
