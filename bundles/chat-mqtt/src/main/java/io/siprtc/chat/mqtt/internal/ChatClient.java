package io.siprtc.chat.mqtt.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.SocketFactory;

import io.siprtc.api.chat.ChatAccount;
import io.siprtc.api.chat.ChatException;
import io.siprtc.api.chat.ChatListener;
import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.ConnectionEvent;
import io.siprtc.api.chat.ConnectionState;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.HistoryPage;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.Presence;
import io.siprtc.api.chat.PresenceEvent;
import io.siprtc.api.chat.StatusUpdate;
import io.siprtc.api.chat.TypingEvent;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * One chat account on an MQTT 5 broker: connects and reconnects with back-off, drains the
 * outbox in order after every connect, stores and acknowledges what arrives (dropping copies it
 * already has), sends receipts, keeps presence and reports everything to a {@link ChatListener}.
 *
 * <p>Delivery is end to end: a message copy leaves the outbox only when its recipient's
 * delivery receipt arrives, and every copy still in the outbox is published again after each
 * connect (and when its recipient comes online). A broker that loses messages (a crash before
 * it saved them) therefore loses nothing; recipients drop the extra copies by message id.
 *
 * <p>Threads: the account's own thread connects; Paho's threads deliver messages and
 * acknowledgements. All state changes happen under one lock; nothing blocks while holding it
 * except the local disk writes.
 */
final class ChatClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChatClient.class.getName());
    private static final int MAX_PAGE = 1000;
    private static final long RETRY_FULL_WINDOW_MILLIS = 5;
    /** At most this many messages wait for their predecessors; beyond that they are shown at once. */
    private static final int MAX_HELD = 1000;

    private final Settings settings;
    private final String me;
    private final Topics topics;
    private final WireCodec codec;
    private final ChatListener events;
    private final Backoff backoff;
    private final ScheduledExecutorService thread;
    private final FileChannel lockFile;
    private final FileLock dirLock;
    private final Outbox outbox;
    private final History history;
    private final Groups groups;
    private final MqttLink.Handler handler = new Handler();

    private final Object lock = new Object();
    // guarded by lock
    private Connection current;
    private MqttLink connecting;
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private Presence ownPresence = Presence.ONLINE;
    private final Map<String, Presence> presence = new TreeMap<>();
    /** When each user last announced its presence: a new time means a new connection (or a new state). */
    private final Map<String, Instant> announced = new java.util.HashMap<>();
    private final ArrayDeque<Publish> control = new ArrayDeque<>();
    private final Map<HeldKey, Wire.Message> held = new java.util.HashMap<>();
    private boolean closed;

    /** Something to publish at QoS 1: a message copy from the outbox, or a receipt or presence (entry null). */
    private record Publish(String topic, byte[] payload, boolean retained, Outbox.Entry entry) {
    }

    /** A message waiting for its predecessor {@code prev} in a conversation. */
    private record HeldKey(Conversation conversation, String prev) {
    }

    /** The state of one connection: what it has still to publish and what waits for its acknowledgement. */
    private static final class Connection {
        final MqttLink link;
        final int window;
        final ArrayDeque<Publish> queue = new ArrayDeque<>();
        final Set<Long> queuedOrInFlight = new HashSet<>();
        int inFlight;

        Connection(MqttLink link, int window) {
            this.link = link;
            this.window = window;
        }
    }

    /**
     * Opens the account's files (creating them) below {@link Settings#accountDir()}.
     *
     * @throws IOException when the files cannot be opened, or another client has them open
     */
    ChatClient(Settings settings, ChatListener events) throws IOException {
        this.settings = settings;
        this.me = settings.user;
        this.topics = new Topics(settings.topicRoot);
        this.codec = new WireCodec(settings.maxMessageBytes);
        this.events = events;
        this.backoff = new Backoff(settings.reconnectMinMillis, settings.reconnectMaxMillis);
        Path dir = settings.accountDir();
        Files.createDirectories(dir);
        lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockFile.close();
            throw new IOException("chat account " + me + " is already open by another client (" + dir + " is locked)");
        }
        dirLock = l;
        Outbox o = null;
        History h = null;
        try {
            o = new Outbox(dir.resolve("outbox.jsonl"), settings.syncWrites);
            h = new History(dir.resolve("history"), me, settings.syncWrites);
            groups = new Groups(dir.resolve("groups.jsonl"), settings.syncWrites);
        } catch (IOException | RuntimeException e) {
            if (h != null) {
                h.close();
            }
            if (o != null) {
                o.close();
            }
            dirLock.release();
            lockFile.close();
            throw e;
        }
        outbox = o;
        history = h;
        try {
            repairHistory();
        } catch (IOException e) {
            history.close();
            outbox.close();
            groups.close();
            dirLock.release();
            lockFile.close();
            throw e;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "siprtc-chat-" + me);
            t.setDaemon(true);
            return t;
        });
    }

    /** A crash between the outbox write and the history write of a send leaves the message out of the history. */
    private void repairHistory() throws IOException {
        for (Outbox.Entry e : outbox.entries()) {
            if (!history.contains(e.conversation(), e.messageId())) {
                try {
                    if (codec.decode(e.payload()) instanceof Wire.Message w) {
                        history.add(new ChatMessage(w.id(), me, e.conversation(), me, w.time(), w.text(), w.kind(),
                                MessageStatus.QUEUED), List.of(e.to()));
                    }
                } catch (WireCodec.BadPayloadException x) {
                    LOG.warning(() -> "chat " + me + ": outbox entry " + e.seq() + " unreadable: " + x.getMessage());
                }
            }
        }
    }

    String user() {
        return me;
    }

    /** Starts connecting in the background. */
    void start() {
        LOG.fine(() -> "chat " + me + ": starting, " + settings);
        schedule(this::connect, 0);
    }

    // ---- connection ------------------------------------------------------------------------

    private void connect() {
        MqttLink link;
        SocketFactory sockets;
        synchronized (lock) {
            if (closed || current != null) {
                return;
            }
            setState(ConnectionState.CONNECTING, settings.brokerUri);
            try {
                sockets = Tls.socketFactory(settings);
                link = new MqttLink(settings, handler);
            } catch (GeneralSecurityException | IOException | MqttException | IllegalArgumentException e) {
                fail("unusable settings: " + e.getMessage());
                return;
            }
            connecting = link;
        }
        boolean sessionPresent;
        boolean subscribing = false;
        try {
            sessionPresent = link.connect(sockets, topics.presence(me), presencePayload(Presence.OFFLINE));
            subscribing = true;
            link.subscribe(topics.inboxFilter(me), topics.presenceFilter());
        } catch (MqttException | RuntimeException e) {
            link.abort();
            synchronized (lock) {
                connecting = null;
                if (closed) {
                    return;
                }
                if (subscribing && e instanceof MqttException m && m.getReasonCode() >= 0x80 && m.getReasonCode() < 0x100) {
                    fail("the broker refused the subscriptions " + topics.inboxFilter(me) + " and "
                            + topics.presenceFilter() + " (MQTT reason 0x" + Integer.toHexString(m.getReasonCode())
                            + "): check its ACL and topic.root");
                    return;
                }
                if (!subscribing && e instanceof MqttException m && Errors.isRefusal(m)) {
                    fail(Errors.describe(e));
                    return;
                }
                retryLater(Errors.describe(e));
            }
            return;
        }
        synchronized (lock) {
            connecting = null;
            if (closed || link.isEnded()) {
                link.abort();
                if (!closed) {
                    retryLater("the connection dropped at once");
                }
                return;
            }
            Connection c = new Connection(link, Math.max(1, Math.min(settings.maxInflight, link.receiveMaximum())));
            current = c;
            backoff.reset();
            control.addFirst(presencePublish());
            for (Outbox.Entry e : outbox.entries()) {
                enqueue(c, e);
            }
            setState(ConnectionState.CONNECTED, settings.brokerUri + (sessionPresent ? "" : " (new session)")
                    + (outbox.size() == 0 ? "" : ", sending " + outbox.size() + " from the outbox"));
            pump();
        }
    }

    /** Lock held. */
    private void retryLater(String reason) {
        long d = backoff.nextDelayMillis();
        setState(ConnectionState.DISCONNECTED, reason + "; next attempt in " + d + " ms");
        LOG.info(() -> "chat " + me + ": " + reason + "; next attempt in " + d + " ms");
        schedule(this::connect, d);
    }

    /** Lock held. */
    private void fail(String reason) {
        setState(ConnectionState.FAILED, reason);
        LOG.warning(() -> "chat " + me + ": " + reason + "; no further attempts until the configuration changes");
    }

    private void lost(MqttLink link, String reason) {
        synchronized (lock) {
            if (closed || current == null || current.link != link) {
                return;
            }
            current = null;
            retryLater("connection lost: " + reason);
        }
        schedule(link::abort, 0);
    }

    /** Schedules a task on the account's thread; ignored after close. */
    private void schedule(Runnable task, long delayMillis) {
        try {
            thread.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "chat " + me + ": internal error", e);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Lock held. */
    private void setState(ConnectionState s, String detail) {
        state = s;
        LOG.fine(() -> "chat " + me + ": " + s + " " + detail);
        events.onConnection(new ConnectionEvent(me, s, detail, Instant.now()));
    }

    // ---- publishing -----------------------------------------------------------------------

    /** Lock held: queues an outbox entry on a connection unless it is already queued or in flight there. */
    private void enqueue(Connection c, Outbox.Entry e) {
        if (c.queuedOrInFlight.add(e.seq())) {
            c.queue.add(new Publish(topics.messages(e.to(), me), e.payload(), false, e));
        }
    }

    /** Lock held: publishes receipts and presence first, then outbox entries, while the window has room. */
    private void pump() {
        Connection c = current;
        if (c == null) {
            return;
        }
        while (c.inFlight < c.window) {
            boolean fromControl = !control.isEmpty();
            Publish p = fromControl ? control.poll() : c.queue.poll();
            if (p == null) {
                return;
            }
            if (p.entry() != null && !outbox.contains(p.entry().seq())) {
                c.queuedOrInFlight.remove(p.entry().seq()); // delivered meanwhile
                continue;
            }
            c.inFlight++;
            try {
                c.link.publish(p.topic(), p.payload(), 1, p.retained(), new Ack(c, p));
            } catch (MqttException e) {
                c.inFlight--;
                putBack(c, p);
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    schedule(this::pumpLater, RETRY_FULL_WINDOW_MILLIS);
                } else {
                    LOG.fine(() -> "chat " + me + ": publish failed: " + Errors.describe(e));
                }
                return;
            }
        }
    }

    private void pumpLater() {
        synchronized (lock) {
            pump();
        }
    }

    private void putBack(Connection c, Publish p) {
        if (p.entry() == null) {
            control.addFirst(p);
        } else {
            c.queue.addFirst(p);
        }
    }

    /** Hears the broker's acknowledgement of one publish. */
    private final class Ack implements MqttActionListener {
        private final Connection c;
        private final Publish p;

        Ack(Connection c, Publish p) {
            this.c = c;
            this.p = p;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            int code = codes == null || codes.length == 0 ? 0 : codes[0];
            synchronized (lock) {
                c.inFlight--;
                if (p.entry() != null) {
                    c.queuedOrInFlight.remove(p.entry().seq());
                }
                if (code >= 0x80) {
                    // kept in the outbox: the next connection tries again
                    LOG.warning(() -> "chat " + me + ": the broker refused a publish to " + p.topic() + " (MQTT reason 0x"
                            + Integer.toHexString(code) + ")");
                } else if (p.entry() != null && !closed) {
                    sent(p.entry());
                }
                if (current == c) {
                    pump();
                }
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            synchronized (lock) {
                c.inFlight--;
                if (p.entry() != null) {
                    c.queuedOrInFlight.remove(p.entry().seq());
                }
                if (current != c) {
                    return; // that connection is gone; its outbox entries go out again on the next one
                }
                if (e instanceof MqttException m && m.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    if (p.entry() == null) {
                        control.addFirst(p);
                    } else {
                        enqueue(c, p.entry());
                    }
                    schedule(ChatClient.this::pumpLater, RETRY_FULL_WINDOW_MILLIS);
                } else {
                    LOG.fine(() -> "chat " + me + ": publish failed: " + Errors.describe(e));
                }
            }
        }
    }

    /** Lock held: the broker has a copy. */
    private void sent(Outbox.Entry e) {
        try {
            ChatMessage m = history.advance(e.conversation(), e.messageId(), MessageStatus.SENT);
            if (m != null) {
                events.onStatus(new StatusUpdate(me, e.conversation(), e.messageId(), MessageStatus.SENT, "", now()));
            }
        } catch (IOException x) {
            LOG.log(Level.WARNING, "chat " + me + ": history write failed", x);
        }
    }

    private Publish presencePublish() {
        return new Publish(topics.presence(me), presencePayload(ownPresence), true, null);
    }

    private byte[] presencePayload(Presence p) {
        return codec.encode(new Wire.PresenceState(me, now(), p));
    }

    /** Lock held: queues a receipt (not persisted: a lost receipt is sent again when the copy comes again). */
    private void queueReceipt(String to, String ref, MessageStatus status, String group) {
        byte[] payload = codec.encode(new Wire.Receipt(UUID.randomUUID().toString(), me, to, now(), ref, status, group));
        control.add(new Publish(topics.messages(to, me), payload, false, null));
    }

    // ---- receiving -------------------------------------------------------------------------

    private final class Handler implements MqttLink.Handler {
        @Override
        public void onMessage(MqttLink link, String topic, byte[] payload) throws IOException {
            receive(topic, payload);
        }

        @Override
        public void onLost(MqttLink link, String reason) {
            lost(link, reason);
        }
    }

    /** Paho's thread: stores before returning, so the broker's copy is acknowledged only once it is on disk. */
    private void receive(String topic, byte[] payload) throws IOException {
        Topics.Parsed t = topics.parse(topic);
        if (t == null || (t.to() != null && !t.to().equals(me))) {
            LOG.warning(() -> "chat " + me + ": skipped a message on a topic that is not this account's: "
                    + Names.shorten(topic));
            return;
        }
        Wire w;
        try {
            w = codec.decode(payload);
        } catch (WireCodec.BadPayloadException e) {
            LOG.warning(() -> "chat " + me + ": skipped a payload on " + topic + ": " + e.getMessage());
            return;
        }
        if (!w.from().equals(t.from())) {
            LOG.warning(() -> "chat " + me + ": skipped a payload on " + topic + ": its sender '" + w.from()
                    + "' is not the topic's '" + t.from() + "'");
            return;
        }
        if (t.kind() == Topics.Parsed.Kind.PRESENCE && w instanceof Wire.PresenceState p) {
            presenceArrived(p);
        } else if (t.kind() == Topics.Parsed.Kind.TYPING && w instanceof Wire.Typing x && x.to().equals(me)) {
            Conversation c = x.group() == null ? Conversation.direct(x.from()) : Conversation.group(x.group());
            events.onTyping(new TypingEvent(me, c, x.from(), x.active()));
        } else if (t.kind() == Topics.Parsed.Kind.MESSAGES && w instanceof Wire.Message m && m.to().equals(me)) {
            messageArrived(m);
        } else if (t.kind() == Topics.Parsed.Kind.MESSAGES && w instanceof Wire.Receipt r && r.to().equals(me)) {
            receiptArrived(r);
        } else {
            LOG.warning(() -> "chat " + me + ": skipped a payload on " + topic + ": a "
                    + w.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " does not belong there");
        }
    }

    private void messageArrived(Wire.Message m) throws IOException {
        Conversation c = m.group() == null ? Conversation.direct(m.from()) : Conversation.group(m.group());
        synchronized (lock) {
            if (closed) {
                throw new IOException("chat account " + me + " is closing"); // not acknowledged: comes again
            }
            ChatMessage known = history.get(c, m.id());
            if (known != null) {
                // a copy we have: confirm again, the sender may have missed our receipt
                queueReceipt(m.from(), m.id(), known.status() == MessageStatus.READ ? MessageStatus.READ
                        : MessageStatus.DELIVERED, m.group());
                pump();
                return;
            }
            if (m.prev() != null && !history.contains(c, m.prev()) && held.size() < MAX_HELD) {
                hold(c, m);
                return;
            }
            accept(c, m);
            releaseAfter(c, m.id());
        }
    }

    /**
     * Lock held: a message whose predecessor has not arrived (the broker lost it, it comes again)
     * waits, without a receipt, until it does or the reorder wait is over. Held only in memory:
     * the sender keeps it in its outbox until our receipt, so a restart here loses nothing.
     */
    private void hold(Conversation c, Wire.Message m) {
        HeldKey key = new HeldKey(c, m.prev());
        if (held.putIfAbsent(key, m) != null) {
            return; // a copy of it already waits
        }
        LOG.fine(() -> "chat " + me + ": holding " + m.id() + " from " + m.from() + " until " + m.prev() + " arrives");
        schedule(() -> holdExpired(key, m), settings.reorderWaitMillis);
    }

    private void holdExpired(HeldKey key, Wire.Message m) {
        synchronized (lock) {
            if (closed || !held.remove(key, m)) {
                return;
            }
            LOG.warning(() -> "chat " + me + ": message " + m.prev() + " from " + m.from() + " did not come within "
                    + settings.reorderWaitMillis + " ms; showing the ones after it anyway");
            try {
                if (!history.contains(key.conversation(), m.id())) {
                    accept(key.conversation(), m);
                }
                releaseAfter(key.conversation(), m.id());
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "chat " + me + ": cannot store an incoming message; the sender sends it again", e);
            }
        }
    }

    /** Lock held: accepts the held messages that follow {@code id}, in their order. */
    private void releaseAfter(Conversation c, String id) throws IOException {
        Wire.Message next;
        String last = id;
        while ((next = held.remove(new HeldKey(c, last))) != null) {
            if (!history.contains(c, next.id())) {
                accept(c, next);
            }
            last = next.id();
        }
    }

    /** Lock held: stores a new message, tells the listeners and confirms it to its sender. */
    private void accept(Conversation c, Wire.Message m) throws IOException {
        if (m.group() != null) {
            groups.put(m.group(), new LinkedHashSet<>(m.members()));
        }
        ChatMessage cm = new ChatMessage(m.id(), me, c, m.from(), m.time(), m.text(), m.kind(), MessageStatus.RECEIVED);
        try {
            history.add(cm);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "chat " + me + ": cannot store an incoming message; it stays at the broker", e);
            throw e;
        }
        // the listeners hear of the message before its sender hears it was delivered: the bus
        // keeps that order, so a host never sees a receipt for a message it has not been shown
        events.onMessage(cm);
        queueReceipt(m.from(), m.id(), MessageStatus.DELIVERED, m.group());
        pump();
    }

    private void receiptArrived(Wire.Receipt r) throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Conversation c = r.group() == null ? Conversation.direct(r.from()) : Conversation.group(r.group());
            Outbox.Entry e = outbox.find(r.ref(), r.from());
            if (e != null) {
                c = e.conversation();
                outbox.remove(e.seq());
            }
            ChatMessage m = history.advance(c, r.ref(), r.status());
            if (m != null) {
                events.onStatus(new StatusUpdate(me, c, r.ref(), m.status(), r.from(), r.time()));
            } else if (history.get(c, r.ref()) == null) {
                Conversation cc = c;
                LOG.fine(() -> "chat " + me + ": receipt from " + r.from() + " for an unknown message " + r.ref()
                        + " in " + cc);
            }
        }
    }

    private void presenceArrived(Wire.PresenceState p) {
        if (p.from().equals(me)) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            Presence old = presence.put(p.from(), p.status());
            Instant before = announced.put(p.from(), p.time());
            if (old != p.status()) {
                events.onPresence(new PresenceEvent(me, p.from(), p.status(), p.time()));
            }
            if (p.status() != Presence.OFFLINE && !p.time().equals(before)) {
                // the peer (re)connected, perhaps to a broker that lost its session and our copies
                // with it: what it has not confirmed after a while goes again
                String user = p.from();
                schedule(() -> resendTo(user), settings.resendAfterMillis);
            }
        }
    }

    /** Copies to a peer that came online and still have no receipt go out again (the broker may have lost them). */
    private void resendTo(String user) {
        synchronized (lock) {
            Connection c = current;
            if (c == null) {
                return;
            }
            for (Outbox.Entry e : outbox.entries()) {
                if (e.to().equals(user)) {
                    enqueue(c, e);
                }
            }
            pump();
        }
    }

    // ---- the account's operations ---------------------------------------------------------

    ChatMessage send(Conversation c, String text, MessageKind kind) throws ChatException {
        if (c == null || text == null || kind == null) {
            throw new ChatException("a conversation, a text and a kind are needed");
        }
        if (text.isEmpty()) {
            throw new ChatException("the message is empty");
        }
        checkText(text);
        List<String> recipients = new ArrayList<>();
        String group = null;
        List<String> members = List.of();
        if (c.type() == Conversation.Type.DIRECT) {
            name("peer", c.id());
            if (c.id().equals(me)) {
                throw new ChatException("cannot send a message to yourself (" + me + ")");
            }
            recipients.add(c.id());
        } else {
            Set<String> ms = groups.members(c.id());
            if (ms.isEmpty()) {
                throw new ChatException("unknown group '" + Names.shorten(c.id()) + "' of " + me + ": define it first");
            }
            group = c.id();
            members = new ArrayList<>(ms);
            for (String u : ms) {
                if (!u.equals(me)) {
                    recipients.add(u);
                }
            }
        }
        String id = UUID.randomUUID().toString();
        Instant t = now();
        List<Outbox.Draft> drafts = new ArrayList<>(recipients.size());
        for (String r : recipients) {
            byte[] payload = codec.encode(new Wire.Message(id, me, r, t, text, kind, group, members,
                    history.lastOutgoingTo(c, r)));
            if (payload.length > codec.maxBytes()) {
                throw new ChatException("the message is too long: " + payload.length + " bytes encoded, at most "
                        + codec.maxBytes());
            }
            drafts.add(new Outbox.Draft(r, id, c, payload));
        }
        synchronized (lock) {
            if (closed) {
                throw new ChatException("chat account " + me + " is closed");
            }
            ChatMessage msg = new ChatMessage(id, me, c, me, t, text, kind, MessageStatus.QUEUED);
            List<Outbox.Entry> entries;
            try {
                entries = outbox.add(drafts);
                history.add(msg, recipients);
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "chat " + me + ": cannot store a message", e);
                throw new ChatException("cannot store the message: " + e.getMessage(), e);
            }
            if (current != null) {
                for (Outbox.Entry e : entries) {
                    enqueue(current, e);
                }
                pump();
            }
            return msg;
        }
    }

    private static void checkText(String text) throws ChatException {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw new ChatException("the text has a broken character (a lone UTF-16 surrogate) at " + i);
            }
        }
    }

    private static String name(String what, String s) throws ChatException {
        try {
            return Names.requireName(what, s);
        } catch (IllegalArgumentException e) {
            throw new ChatException(e.getMessage());
        }
    }

    Conversation group(String groupId, Set<String> members) throws ChatException {
        name("group id", groupId);
        if (members == null) {
            throw new ChatException("no members");
        }
        Set<String> set = new LinkedHashSet<>();
        set.add(me);
        for (String m : members) {
            set.add(name("member", m));
        }
        if (set.size() < 2) {
            throw new ChatException("a group needs at least one member besides " + me);
        }
        if (set.size() > WireCodec.MAX_GROUP_MEMBERS) {
            throw new ChatException("a group has at most " + WireCodec.MAX_GROUP_MEMBERS + " members");
        }
        try {
            groups.put(groupId, set);
        } catch (IOException e) {
            throw new ChatException("cannot store the group: " + e.getMessage(), e);
        }
        return Conversation.group(groupId);
    }

    Set<String> members(Conversation c) throws ChatException {
        if (c == null || c.type() != Conversation.Type.GROUP) {
            throw new ChatException("not a group conversation: " + c);
        }
        return groups.members(c.id());
    }

    List<Conversation> conversations() {
        return history.conversations();
    }

    HistoryPage history(Conversation c, String beforeId, int limit) throws ChatException {
        if (c == null) {
            throw new ChatException("no conversation");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ChatException("a page holds 1 to " + MAX_PAGE + " messages, not " + limit);
        }
        try {
            return history.page(c, beforeId, limit);
        } catch (IllegalArgumentException e) {
            throw new ChatException(e.getMessage());
        }
    }

    void markRead(Conversation c, String upToId) throws ChatException {
        if (c == null) {
            throw new ChatException("no conversation");
        }
        synchronized (lock) {
            List<ChatMessage> unread;
            try {
                unread = history.unread(c, upToId);
            } catch (IllegalArgumentException e) {
                throw new ChatException(e.getMessage());
            }
            String group = c.type() == Conversation.Type.GROUP ? c.id() : null;
            try {
                for (ChatMessage m : unread) {
                    history.advance(c, m.id(), MessageStatus.READ);
                    queueReceipt(m.from(), m.id(), MessageStatus.READ, group);
                }
            } catch (IOException e) {
                throw new ChatException("cannot store the read marks: " + e.getMessage(), e);
            }
            pump();
        }
    }

    void typing(Conversation c, boolean active) throws ChatException {
        if (c == null) {
            throw new ChatException("no conversation");
        }
        List<String> to = new ArrayList<>();
        String group = null;
        if (c.type() == Conversation.Type.DIRECT) {
            to.add(name("peer", c.id()));
        } else {
            group = c.id();
            for (String u : groups.members(c.id())) {
                if (!u.equals(me)) {
                    to.add(u);
                }
            }
        }
        synchronized (lock) {
            Connection conn = current;
            if (conn == null) {
                return; // best effort: nobody sees typing while we are offline
            }
            for (String u : to) {
                try {
                    conn.link.publish(topics.typing(u, me), codec.encode(new Wire.Typing(me, u, now(), active, group)),
                            0, false, null);
                } catch (MqttException e) {
                    LOG.fine(() -> "chat " + me + ": typing indicator not sent: " + Errors.describe(e));
                }
            }
        }
    }

    void setPresence(Presence p) throws ChatException {
        if (p == null) {
            throw new ChatException("no presence");
        }
        synchronized (lock) {
            ownPresence = p;
            if (current != null) {
                control.add(presencePublish());
                pump();
            }
        }
    }

    Map<String, Presence> presence() {
        synchronized (lock) {
            return new TreeMap<>(presence);
        }
    }

    ChatAccount info() {
        synchronized (lock) {
            return new ChatAccount(me, state, ownPresence, outbox.size());
        }
    }

    @Override
    public void close() {
        MqttLink link;
        MqttLink pending;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            link = current == null ? null : current.link;
            pending = connecting;
            current = null;
            connecting = null;
            control.clear();
        }
        if (pending != null) {
            pending.abort();
        }
        if (link != null) {
            link.close(topics.presence(me), presencePayload(Presence.OFFLINE), 2000);
        }
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(3, TimeUnit.SECONDS)) {
                LOG.warning(() -> "chat " + me + ": its thread did not stop within 3 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            setState(ConnectionState.DISCONNECTED, "closed");
            history.close();
            try {
                outbox.close();
                groups.close();
                dirLock.release();
                lockFile.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "chat " + me + ": closing files failed", e);
            }
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
