package io.siprtc.chat.mqtt.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real mosquitto per test class (see {@link Mosquitto}), fresh client data per test. */
abstract class BrokerTestBase {

    static final Duration T = Duration.ofSeconds(15);

    @TempDir
    static Path brokerDir;
    static Mosquitto broker;

    @TempDir
    Path data;
    ChatFixture f;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.start(brokerDir, ChatFixture.USERS);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void fixture() throws Exception {
        if (!broker.isRunning()) {
            broker.restart();
        }
        f = new ChatFixture(broker, data);
    }

    @AfterEach
    void closeClients() throws Exception {
        f.close();
    }

    /** Sleeps a little to give something that must NOT happen the time to happen. */
    static void quietPeriod() throws InterruptedException {
        Thread.sleep(500);
    }
}
