package io.siprtc.chat.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A plain MQTT 5 client for tests that act outside the chat client: an eavesdropper, a sender of junk. */
final class RawClient implements AutoCloseable {

    private final MqttAsyncClient client;
    private final List<String> received = new ArrayList<>();

    RawClient(String uri, String user, String password) throws MqttException {
        client = new MqttAsyncClient(uri, "raw-" + user + "-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                synchronized (received) {
                    received.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
                }
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(5000);
    }

    /** Subscribes; returns the broker's reason code (0x80 and above: refused). */
    int subscribe(String filter) throws MqttException {
        IMqttToken t = client.subscribe(filter, 1);
        t.waitForCompletion(5000);
        return t.getReasonCodes()[0];
    }

    /** Publishes at QoS 1 and returns the PUBACK's reason code. */
    int publish(String topic, byte[] payload) throws MqttException {
        IMqttToken t = client.publish(topic, new MqttMessage(payload, 1, false, new MqttProperties()));
        t.waitForCompletion(5000);
        int[] codes = t.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    int publish(String topic, String payload) throws MqttException {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    List<String> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
        } finally {
            client.close(true);
        }
    }
}
