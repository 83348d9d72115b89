package io.siprtc.chat.mqtt.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Users, their passwords and clients for the tests against the real broker; closes what it opened. */
final class ChatFixture implements AutoCloseable {

    static final Map<String, String> USERS = Map.of("alice", "alice-pw", "bob", "bob-pw", "carol", "carol-pw",
            "dave", "dave-pw", "mallory", "mallory-pw");

    final Mosquitto broker;
    private final Path dataDir;
    /** Client ids unique to this fixture: a broker session belongs with its client's files, as in real life. */
    private final String run = Long.toString(System.nanoTime(), 36);
    private final List<AutoCloseable> open = new ArrayList<>();

    ChatFixture(Mosquitto broker, Path dataDir) {
        this.broker = broker;
        this.dataDir = dataDir;
    }

    /** Settings for a user with the fixture's password, fast reconnects and a short resend delay. */
    Settings.Builder settings(String user) {
        return settings(user, broker.uri());
    }

    Settings.Builder settings(String user, String uri) {
        return Settings.builder(user, uri, dataDir).clientId("siprtc-" + user + "-" + run).password(USERS.get(user))
                .reconnect(50, 500).resendAfter(500).reorderWait(10_000).connectTimeout(5);
    }

    /** A started client and its recorder. */
    Client start(Settings settings) throws Exception {
        Recorder r = new Recorder();
        ChatClient c = new ChatClient(settings, r);
        open.add(c);
        c.start();
        return new Client(c, r);
    }

    Client start(String user) throws Exception {
        return start(settings(user).build());
    }

    record Client(ChatClient chat, Recorder events) {
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }
}
