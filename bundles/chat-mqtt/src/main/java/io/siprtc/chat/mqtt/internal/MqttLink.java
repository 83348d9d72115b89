package io.siprtc.chat.mqtt.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.SocketFactory;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One MQTT 5 connection (a Paho client used for a single connection and then thrown away, so
 * that Paho's own in-flight state never resends behind the outbox's back). The session lives
 * on at the broker: clean start off, session expiry set.
 */
final class MqttLink {

    private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());

    /** Receives what a link hears. */
    interface Handler {
        /**
         * A message arrived; it is acknowledged when this returns. Throwing leaves it
         * unacknowledged: the connection drops and the broker sends it again later.
         */
        void onMessage(MqttLink link, String topic, byte[] payload) throws Exception;

        /** The connection is gone (not called after {@link #close} or {@link #abort}). */
        void onLost(MqttLink link, String reason);
    }

    private final Settings settings;
    private final Handler handler;
    private final MqttAsyncClient client;
    private volatile boolean ending;
    private volatile int receiveMaximum = 65535;

    MqttLink(Settings settings, Handler handler) throws MqttException {
        this.settings = settings;
        this.handler = handler;
        this.client = new MqttAsyncClient(settings.brokerUri, settings.clientId, new MemoryPersistence());
        client.setCallback(new Callback());
    }

    /**
     * Connects, waiting at most the connect timeout.
     *
     * @return true when the broker still had this client's session
     */
    boolean connect(SocketFactory sockets, String willTopic, byte[] willPayload) throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpirySeconds);
        o.setKeepAliveInterval(settings.keepAliveSeconds);
        o.setConnectionTimeout(settings.connectTimeoutSeconds);
        o.setAutomaticReconnect(false);
        o.setUserName(settings.user);
        if (!settings.password.isEmpty()) {
            o.setPassword(settings.password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        // the broker does not send us more than we accept (room for topic and properties)
        o.setMaximumPacketSize((long) settings.maxMessageBytes + 1024);
        o.setSocketFactory(sockets);
        o.setHttpsHostnameVerificationEnabled(true);
        MqttMessage will = new MqttMessage(willPayload, 1, true, new MqttProperties());
        o.setWill(willTopic, will);
        IMqttToken t = client.connect(o);
        t.waitForCompletion(settings.connectTimeoutSeconds * 1000L + 2000);
        MqttProperties p = t.getResponseProperties();
        if (p != null && p.getReceiveMaximum() != null && p.getReceiveMaximum() > 0) {
            receiveMaximum = p.getReceiveMaximum();
        }
        return t.getSessionPresent();
    }

    /** Subscribes at QoS 1 and waits; a refused filter is an exception with the broker's reason code. */
    void subscribe(String... filters) throws MqttException {
        MqttSubscription[] subs = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subs[i] = new MqttSubscription(filters[i], 1);
        }
        IMqttToken t = client.subscribe(subs);
        t.waitForCompletion(settings.connectTimeoutSeconds * 1000L + 2000);
        int[] codes = t.getReasonCodes();
        if (codes != null) {
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] >= 0x80) {
                    throw new MqttException(codes[i]);
                }
            }
        }
    }

    /** True once the connection was lost, closed or aborted. */
    boolean isEnded() {
        return ending;
    }

    /** The broker's receive maximum: how many QoS 1 publishes may wait for their acknowledgement. */
    int receiveMaximum() {
        return receiveMaximum;
    }

    /** Publishes without waiting; {@code done} hears the acknowledgement (or the failure). */
    void publish(String topic, byte[] payload, int qos, boolean retained, MqttActionListener done) throws MqttException {
        MqttMessage m = new MqttMessage(payload, qos, retained, new MqttProperties());
        client.publish(topic, m, null, done);
    }

    /** Ends the connection in order: a last message (e.g. offline presence), DISCONNECT (so no Last Will), close. */
    void close(String lastTopic, byte[] lastPayload, long timeoutMillis) {
        ending = true;
        try {
            if (client.isConnected()) {
                if (lastTopic != null) {
                    client.publish(lastTopic, new MqttMessage(lastPayload, 1, true, new MqttProperties()))
                            .waitForCompletion(timeoutMillis);
                }
                client.disconnect(timeoutMillis).waitForCompletion(timeoutMillis);
            }
        } catch (MqttException e) {
            LOG.log(Level.FINE, "orderly disconnect failed; dropping the connection", e);
        }
        abort();
    }

    /** Drops the connection at once (no DISCONNECT) and releases Paho's threads. */
    void abort() {
        ending = true;
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1, false);
            }
        } catch (MqttException e) {
            LOG.log(Level.FINE, "forced disconnect failed", e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse r) {
            if (!ending) {
                ending = true;
                String reason = r.getException() != null ? Errors.describe(r.getException())
                        : "the broker disconnected (reason " + r.getReturnCode()
                                + (r.getReasonString() == null ? "" : ", " + r.getReasonString()) + ")";
                handler.onLost(MqttLink.this, reason);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.log(Level.FINE, "MQTT error", e);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            handler.onMessage(MqttLink.this, topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
