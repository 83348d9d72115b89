package io.siprtc.chat.broker.internal;

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

/** An MQTT 5 client (Paho, which speaks nothing older) for testing the embedded broker. */
final class Mqtt5Client implements AutoCloseable {

    final MqttAsyncClient client;
    private final List<String> received = new ArrayList<>();

    Mqtt5Client(String uri, String clientId) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
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
                    received.notifyAll();
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
    }

    /** Connects; returns whether the broker had a session. */
    boolean connect(String user, String password, boolean cleanStart, String willTopic, String will) throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        if (user != null) {
            o.setUserName(user);
        }
        if (password != null) {
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(3600L);
        if (willTopic != null) {
            o.setWill(willTopic, new MqttMessage(will.getBytes(StandardCharsets.UTF_8), 1, true, new MqttProperties()));
        }
        IMqttToken t = client.connect(o);
        t.waitForCompletion(5000);
        return t.getSessionPresent();
    }

    int subscribe(String filter) throws MqttException {
        IMqttToken t = client.subscribe(filter, 1);
        t.waitForCompletion(5000);
        return t.getReasonCodes()[0];
    }

    void publish(String topic, String payload, boolean retained) throws MqttException {
        client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retained, new MqttProperties()))
                .waitForCompletion(5000);
    }

    /** Publishes without waiting: Moquette sends no PUBACK at all for a publish its ACL refuses. */
    void publishUnacknowledged(String topic, String payload) throws MqttException {
        client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, new MqttProperties()));
    }

    List<String> await(int n, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        synchronized (received) {
            while (received.size() < n && System.currentTimeMillis() < end) {
                received.wait(Math.max(1, end - System.currentTimeMillis()));
            }
            return new ArrayList<>(received);
        }
    }

    void disconnect() throws MqttException {
        client.disconnect().waitForCompletion(5000);
    }

    /** Drops the connection without DISCONNECT, so the broker sends the Last Will. */
    void crash() throws MqttException {
        client.disconnectForcibly(0, 1, false);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        client.close(true);
    }
}
