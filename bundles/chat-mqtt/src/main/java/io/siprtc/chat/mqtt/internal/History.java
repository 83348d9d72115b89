package io.siprtc.chat.mqtt.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import io.siprtc.api.chat.ChatMessage;
import io.siprtc.api.chat.Conversation;
import io.siprtc.api.chat.HistoryPage;
import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;

/**
 * One account's message history, a journal file per conversation ({@code d-bob.jsonl},
 * {@code g-team.jsonl}) kept in memory for paging. A message is added once (its id is the key
 * that removes duplicates); its status only moves forward.
 */
final class History implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(History.class.getName());
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final String account;
    private final boolean sync;
    private final Map<Conversation, Log> logs = new HashMap<>();

    /** One conversation's messages in arrival order. */
    private static final class Log {
        final Journal journal;
        final List<ChatMessage> messages = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        /** For outgoing messages: to whom the copies went. */
        final Map<String, List<String>> recipients = new HashMap<>();
        long lastActivity;

        Log(Journal journal) {
            this.journal = journal;
        }
    }

    History(Path dir, String account, boolean sync) throws IOException {
        this.dir = dir;
        this.account = account;
        this.sync = sync;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Conversation c = ConversationKey.parse(name.substring(0, name.length() - SUFFIX.length()));
                if (c == null) {
                    LOG.warning(() -> "history: ignored a file that is not a conversation: " + f);
                    continue;
                }
                load(c, f);
            }
        }
    }

    private void load(Conversation c, Path f) throws IOException {
        Log log = new Log(new Journal(f, sync));
        for (Map<String, Object> r : log.journal.load()) {
            Object op = r.get("op");
            if ("add".equals(op)) {
                ChatMessage m = message(c, r);
                if (m == null) {
                    LOG.warning(() -> f + ": skipped a damaged message record");
                } else if (!log.index.containsKey(m.id())) {
                    log.index.put(m.id(), log.messages.size());
                    log.messages.add(m);
                    if (r.get("to") instanceof List<?> to) {
                        log.recipients.put(m.id(), to.stream().map(String::valueOf).toList());
                    }
                }
                if (r.get("at") instanceof Long at) {
                    log.lastActivity = Math.max(log.lastActivity, at);
                }
            } else if ("st".equals(op) && r.get("id") instanceof String id && r.get("status") instanceof String s) {
                Integer i = log.index.get(id);
                MessageStatus st = status(s);
                if (i != null && st != null && rank(st) > rank(log.messages.get(i).status())) {
                    log.messages.set(i, log.messages.get(i).withStatus(st));
                }
            }
        }
        logs.put(c, log);
    }

    private ChatMessage message(Conversation c, Map<String, Object> r) {
        try {
            if (r.get("id") instanceof String id && r.get("from") instanceof String from
                    && r.get("time") instanceof String time && r.get("text") instanceof String text
                    && r.get("kind") instanceof String kind && r.get("status") instanceof String status
                    && status(status) != null) {
                return new ChatMessage(id, account, c, from, Instant.parse(time), text,
                        MessageKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), status(status));
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // damaged
        }
        return null;
    }

    private static MessageStatus status(String s) {
        for (MessageStatus st : MessageStatus.values()) {
            if (WireCodec.lower(st).equals(s)) {
                return st;
            }
        }
        return null;
    }

    /** How far a status is: outgoing QUEUED, SENT, DELIVERED, READ; incoming RECEIVED, READ. */
    static int rank(MessageStatus s) {
        switch (s) {
            case QUEUED: return 0;
            case SENT: return 1;
            case RECEIVED: return 1;
            case DELIVERED: return 2;
            default: return 3;
        }
    }

    private Log log(Conversation c, boolean create) throws IOException {
        Log log = logs.get(c);
        if (log == null && create) {
            log = new Log(new Journal(dir.resolve(ConversationKey.of(c) + SUFFIX), sync));
            logs.put(c, log);
        }
        return log;
    }

    synchronized boolean contains(Conversation c, String id) {
        Log log = logs.get(c);
        return log != null && log.index.containsKey(id);
    }

    synchronized ChatMessage get(Conversation c, String id) {
        Log log = logs.get(c);
        Integer i = log == null ? null : log.index.get(id);
        return i == null ? null : log.messages.get(i);
    }

    /** Adds an incoming message durably; false (and nothing written) when its id is already there. */
    synchronized boolean add(ChatMessage m) throws IOException {
        return add(m, List.of());
    }

    /**
     * Adds a message durably; false (and nothing written) when its id is already there.
     *
     * @param recipients for an outgoing message, the users its copies go to
     */
    synchronized boolean add(ChatMessage m, List<String> recipients) throws IOException {
        Log log = log(m.conversation(), true);
        if (log.index.containsKey(m.id())) {
            return false;
        }
        long now = Math.max(System.currentTimeMillis(), lastActivity() + 1);
        log.journal.append(List.of(Json.object("op", "add", "id", m.id(), "from", m.from(),
                "time", m.time().toString(), "text", m.text(), "kind", WireCodec.lower(m.kind()),
                "status", WireCodec.lower(m.status()), "at", now, "to", recipients.isEmpty() ? null : recipients)));
        log.index.put(m.id(), log.messages.size());
        log.messages.add(m);
        if (!recipients.isEmpty()) {
            log.recipients.put(m.id(), List.copyOf(recipients));
        }
        log.lastActivity = now;
        return true;
    }

    /** The id of the newest outgoing message of a conversation that went to {@code user}, or null. */
    synchronized String lastOutgoingTo(Conversation c, String user) {
        Log log = logs.get(c);
        if (log == null) {
            return null;
        }
        for (int i = log.messages.size() - 1; i >= 0; i--) {
            ChatMessage m = log.messages.get(i);
            if (m.outgoing()) {
                List<String> to = log.recipients.get(m.id());
                if (to == null ? c.type() == Conversation.Type.DIRECT : to.contains(user)) {
                    return m.id();
                }
            }
        }
        return null;
    }

    private long lastActivity() {
        long max = 0;
        for (Log l : logs.values()) {
            max = Math.max(max, l.lastActivity);
        }
        return max;
    }

    /**
     * Moves a message's status forward (written lazily: a status lost in a power cut comes
     * again with the next receipt or stays a step behind).
     *
     * @return the updated message, or null when unknown or not further along
     */
    synchronized ChatMessage advance(Conversation c, String id, MessageStatus status) throws IOException {
        Log log = logs.get(c);
        Integer i = log == null ? null : log.index.get(id);
        if (i == null) {
            return null;
        }
        ChatMessage m = log.messages.get(i);
        if (rank(status) <= rank(m.status()) || (m.outgoing() && status == MessageStatus.RECEIVED)) {
            return null;
        }
        ChatMessage updated = m.withStatus(status);
        log.journal.appendLazily(Json.object("op", "st", "id", id, "status", WireCodec.lower(status)));
        log.messages.set(i, updated);
        return updated;
    }

    /** Messages older than {@code beforeId} (null: the newest), oldest first. */
    synchronized HistoryPage page(Conversation c, String beforeId, int limit) {
        Log log = logs.get(c);
        if (log == null) {
            if (beforeId != null) {
                throw new IllegalArgumentException("no message " + Names.shorten(beforeId) + " in " + c);
            }
            return new HistoryPage(List.of(), false);
        }
        int end = log.messages.size();
        if (beforeId != null) {
            Integer i = log.index.get(beforeId);
            if (i == null) {
                throw new IllegalArgumentException("no message " + Names.shorten(beforeId) + " in " + c);
            }
            end = i;
        }
        int start = Math.max(0, end - limit);
        return new HistoryPage(new ArrayList<>(log.messages.subList(start, end)), start > 0);
    }

    /** Incoming messages not read yet, up to and including {@code upToId} (null: all). */
    synchronized List<ChatMessage> unread(Conversation c, String upToId) {
        Log log = logs.get(c);
        List<ChatMessage> out = new ArrayList<>();
        if (log == null) {
            if (upToId != null) {
                throw new IllegalArgumentException("no message " + Names.shorten(upToId) + " in " + c);
            }
            return out;
        }
        int end = log.messages.size() - 1;
        if (upToId != null) {
            Integer i = log.index.get(upToId);
            if (i == null) {
                throw new IllegalArgumentException("no message " + Names.shorten(upToId) + " in " + c);
            }
            end = i;
        }
        for (int i = 0; i <= end; i++) {
            ChatMessage m = log.messages.get(i);
            if (!m.outgoing() && m.status() == MessageStatus.RECEIVED) {
                out.add(m);
            }
        }
        return out;
    }

    /** The conversations, most recent activity first. */
    synchronized List<Conversation> conversations() {
        List<Map.Entry<Conversation, Log>> list = new ArrayList<>(logs.entrySet());
        list.sort(Comparator.<Map.Entry<Conversation, Log>>comparingLong(e -> e.getValue().lastActivity).reversed()
                .thenComparing(e -> ConversationKey.of(e.getKey())));
        List<Conversation> out = new ArrayList<>(list.size());
        for (Map.Entry<Conversation, Log> e : list) {
            out.add(e.getKey());
        }
        return out;
    }

    @Override
    public synchronized void close() {
        for (Log log : logs.values()) {
            try {
                log.journal.close();
            } catch (IOException e) {
                LOG.fine(() -> "history: close failed: " + e);
            }
        }
        logs.clear();
    }
}
