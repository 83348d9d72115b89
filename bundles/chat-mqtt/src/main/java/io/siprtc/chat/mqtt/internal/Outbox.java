package io.siprtc.chat.mqtt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import io.siprtc.api.chat.Conversation;

/**
 * The local outbox: every message copy (one per recipient) from the moment it is sent until its
 * recipient's delivery receipt arrives, persisted in a journal so that it survives a restart of
 * the host. Entries keep the order they were added in; that is the order they are published in
 * after every (re)connect.
 */
final class Outbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final int COMPACT_AFTER = 4096;
    private static final long COMPACT_EMPTY_ABOVE = 64 * 1024;

    /** One message copy to one recipient. */
    record Entry(long seq, String to, String messageId, Conversation conversation, byte[] payload) {
    }

    /** What to add: the sequence number is given by the outbox. */
    record Draft(String to, String messageId, Conversation conversation, byte[] payload) {
    }

    private final Journal journal;
    private final LinkedHashMap<Long, Entry> live = new LinkedHashMap<>();
    private long nextSeq = 1;
    private int removedSinceCompaction;

    Outbox(Path file, boolean sync) throws IOException {
        journal = new Journal(file, sync);
        for (Map<String, Object> r : journal.load()) {
            Object op = r.get("op");
            Object seq = r.get("seq");
            if (!(seq instanceof Long s)) {
                continue;
            }
            nextSeq = Math.max(nextSeq, s + 1);
            if ("add".equals(op)) {
                Entry e = entry(s, r);
                if (e != null) {
                    live.put(s, e);
                } else {
                    LOG.warning(() -> file + ": skipped a damaged outbox entry " + s);
                }
            } else if ("del".equals(op)) {
                live.remove(s);
            }
        }
        compact();
    }

    private static Entry entry(long seq, Map<String, Object> r) {
        Object to = r.get("to");
        Object id = r.get("id");
        Object conv = r.get("conv");
        Object payload = r.get("payload");
        if (!(to instanceof String t) || !Names.isName(t) || !(id instanceof String i) || !(payload instanceof String p)
                || !(conv instanceof String c) || ConversationKey.parse(c) == null) {
            return null;
        }
        return new Entry(seq, t, i, ConversationKey.parse(c), p.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds copies in one write: they are on disk when this returns. */
    synchronized List<Entry> add(List<Draft> drafts) throws IOException {
        List<Entry> entries = new ArrayList<>(drafts.size());
        List<Map<String, Object>> records = new ArrayList<>(drafts.size());
        long seq = nextSeq;
        for (Draft d : drafts) {
            Entry e = new Entry(seq++, d.to(), d.messageId(), d.conversation(), d.payload());
            entries.add(e);
            records.add(Json.object("op", "add", "seq", e.seq(), "to", e.to(), "id", e.messageId(),
                    "conv", ConversationKey.of(e.conversation()),
                    "payload", new String(e.payload(), StandardCharsets.UTF_8)));
        }
        journal.append(records);
        nextSeq = seq;
        for (Entry e : entries) {
            live.put(e.seq(), e);
        }
        return entries;
    }

    /** Removes an entry (its delivery was confirmed); false when it was not there. */
    synchronized boolean remove(long seq) throws IOException {
        if (live.remove(seq) == null) {
            return false;
        }
        // lazily: a removal lost in a power cut only sends a copy again, which its recipient drops
        journal.appendLazily(Json.object("op", "del", "seq", seq));
        removedSinceCompaction++;
        if ((live.isEmpty() && journal.size() > COMPACT_EMPTY_ABOVE) || removedSinceCompaction > COMPACT_AFTER) {
            compact();
        }
        return true;
    }

    /** The entry for a message copy to a recipient, or null. */
    synchronized Entry find(String messageId, String to) {
        for (Entry e : live.values()) {
            if (e.messageId().equals(messageId) && e.to().equals(to)) {
                return e;
            }
        }
        return null;
    }

    synchronized boolean contains(long seq) {
        return live.containsKey(seq);
    }

    /** The entries in order. */
    synchronized List<Entry> entries() {
        return new ArrayList<>(live.values());
    }

    synchronized int size() {
        return live.size();
    }

    private void compact() throws IOException {
        List<Map<String, Object>> records = new ArrayList<>(live.size());
        for (Entry e : live.values()) {
            records.add(Json.object("op", "add", "seq", e.seq(), "to", e.to(), "id", e.messageId(),
                    "conv", ConversationKey.of(e.conversation()),
                    "payload", new String(e.payload(), StandardCharsets.UTF_8)));
        }
        if (records.isEmpty()) {
            // keep the sequence going across an empty file
            records.add(Json.object("op", "del", "seq", nextSeq - 1));
        }
        journal.rewrite(records);
        removedSinceCompaction = 0;
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
