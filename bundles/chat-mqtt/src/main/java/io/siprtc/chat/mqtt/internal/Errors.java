package io.siprtc.chat.mqtt.internal;

import java.net.ConnectException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import org.eclipse.paho.mqttv5.common.MqttException;

/** Turns MQTT failures into one line a person can act on, and tells which ones retrying cannot fix. */
final class Errors {

    /** CONNACK reason codes that mean "this account is refused". */
    private static final int BAD_USER_OR_PASSWORD = 0x86;
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int BANNED = 0x8A;
    private static final int BAD_AUTH_METHOD = 0x8C;
    private static final int CLIENT_ID_NOT_VALID = 0x85;

    private Errors() {
    }

    /** True when the broker refused the account itself: retrying with the same settings is pointless. */
    static boolean isRefusal(MqttException e) {
        int c = e.getReasonCode();
        return c == BAD_USER_OR_PASSWORD || c == NOT_AUTHORIZED || c == BANNED || c == BAD_AUTH_METHOD
                || c == CLIENT_ID_NOT_VALID;
    }

    static String describe(Throwable t) {
        if (t instanceof MqttException e) {
            switch (e.getReasonCode()) {
                case BAD_USER_OR_PASSWORD:
                    return "the broker refused the user name or password (MQTT reason 0x86)";
                case NOT_AUTHORIZED:
                    // mosquitto answers a wrong password with this one too
                    return "the broker refused the login: wrong user name or password, or the user may not connect "
                            + "(not authorized, MQTT reason 0x87)";
                case BANNED:
                    return "the broker has banned this client (MQTT reason 0x8A)";
                case CLIENT_ID_NOT_VALID:
                    return "the broker refused the client id (MQTT reason 0x85)";
                default:
                    break;
            }
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException) {
                return "cannot reach the broker: " + cause.getMessage();
            }
            if (cause instanceof UnknownHostException) {
                return "unknown broker host " + cause.getMessage();
            }
            if (cause instanceof SSLException) {
                return "TLS failed: " + cause.getMessage();
            }
            if (cause != null && cause != e) {
                return e.getMessage() + ": " + cause;
            }
            return e.getMessage() + " (" + e.getReasonCode() + ")";
        }
        return String.valueOf(t);
    }
}
