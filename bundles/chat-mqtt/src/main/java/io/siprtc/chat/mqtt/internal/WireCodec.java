package io.siprtc.chat.mqtt.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.siprtc.api.chat.MessageKind;
import io.siprtc.api.chat.MessageStatus;
import io.siprtc.api.chat.Presence;

/**
 * The versioned JSON payload format. Every payload is one JSON object with {@code "v":1} and a
 * {@code "type"}: {@code message} (id, from, to, time, text, kind, [prev], [group, members]),
 * {@code receipt} (id, from, to, time, ref, status, [group]), {@code typing} (from, to, time,
 * active, [group]) or {@code presence} (from, time, status). Times are ISO-8601 UTC. Members
 * a reader does not know are ignored (so v1 can grow); a different {@code v} is refused.
 */
final class WireCodec {

    static final int VERSION = 1;
    static final int MAX_GROUP_MEMBERS = 256;

    private final int maxBytes;

    /** @param maxBytes the largest payload accepted, in bytes */
    WireCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    int maxBytes() {
        return maxBytes;
    }

    // ---- encoding ----------------------------------------------------------------------------

    byte[] encode(Wire w) {
        Map<String, Object> m;
        if (w instanceof Wire.Message x) {
            m = Json.object("v", VERSION, "type", "message", "id", x.id(), "from", x.from(), "to", x.to(),
                    "time", x.time().toString(), "text", x.text(), "kind", lower(x.kind()), "prev", x.prev(),
                    "group", x.group(), "members", x.group() == null ? null : x.members());
        } else if (w instanceof Wire.Receipt x) {
            m = Json.object("v", VERSION, "type", "receipt", "id", x.id(), "from", x.from(), "to", x.to(),
                    "time", x.time().toString(), "ref", x.ref(), "status", lower(x.status()), "group", x.group());
        } else if (w instanceof Wire.Typing x) {
            m = Json.object("v", VERSION, "type", "typing", "from", x.from(), "to", x.to(),
                    "time", x.time().toString(), "active", x.active(), "group", x.group());
        } else {
            Wire.PresenceState x = (Wire.PresenceState) w;
            m = Json.object("v", VERSION, "type", "presence", "from", x.from(), "time", x.time().toString(),
                    "status", lower(x.status()));
        }
        return Json.writeUtf8(m);
    }

    // ---- decoding ----------------------------------------------------------------------------

    /** Decodes a payload, or says exactly why it is refused. */
    Wire decode(byte[] payload) throws BadPayloadException {
        if (payload.length > maxBytes) {
            throw new BadPayloadException("oversized: " + payload.length + " bytes, at most " + maxBytes);
        }
        Map<String, Object> m;
        try {
            m = Json.parseObject(payload);
        } catch (Json.JsonException e) {
            throw new BadPayloadException("malformed JSON: " + e.getMessage());
        }
        Object v = m.get("v");
        if (!(v instanceof Long)) {
            throw new BadPayloadException("no version \"v\"");
        }
        if ((Long) v != VERSION) {
            throw new BadPayloadException("unknown version " + v + " (this reader knows " + VERSION + ")");
        }
        String type = string(m, "type");
        switch (type) {
            case "message":
                return message(m);
            case "receipt":
                return new Wire.Receipt(id(m, "id"), name(m, "from"), name(m, "to"), time(m), id(m, "ref"),
                        receiptStatus(string(m, "status")), optionalName(m, "group"));
            case "typing":
                return new Wire.Typing(name(m, "from"), name(m, "to"), time(m), bool(m, "active"),
                        optionalName(m, "group"));
            case "presence":
                return new Wire.PresenceState(name(m, "from"), time(m), presence(string(m, "status")));
            default:
                throw new BadPayloadException("unknown type \"" + Names.shorten(type) + "\"");
        }
    }

    private Wire.Message message(Map<String, Object> m) throws BadPayloadException {
        String from = name(m, "from");
        String to = name(m, "to");
        String group = optionalName(m, "group");
        List<String> members = List.of();
        if (group != null) {
            Object o = m.get("members");
            if (!(o instanceof List<?> l) || l.isEmpty() || l.size() > MAX_GROUP_MEMBERS) {
                throw new BadPayloadException("group message without 1 to " + MAX_GROUP_MEMBERS + " \"members\"");
            }
            LinkedHashSet<String> set = new LinkedHashSet<>();
            for (Object e : l) {
                if (!(e instanceof String s) || !Names.isName(s)) {
                    throw new BadPayloadException("bad group member " + Names.shorten(String.valueOf(e)));
                }
                set.add(s);
            }
            if (!set.contains(from) || !set.contains(to)) {
                throw new BadPayloadException("group members must include the sender and the recipient");
            }
            members = new ArrayList<>(set);
        }
        String text = string(m, "text");
        String prev = m.containsKey("prev") ? id(m, "prev") : null;
        return new Wire.Message(id(m, "id"), from, to, time(m), text, kind(string(m, "kind")), group, members, prev);
    }

    private static String string(Map<String, Object> m, String key) throws BadPayloadException {
        Object o = m.get(key);
        if (!(o instanceof String s)) {
            throw new BadPayloadException(o == null ? "no \"" + key + "\"" : "\"" + key + "\" is not a string");
        }
        return s;
    }

    private static boolean bool(Map<String, Object> m, String key) throws BadPayloadException {
        Object o = m.get(key);
        if (!(o instanceof Boolean b)) {
            throw new BadPayloadException("\"" + key + "\" is not true or false");
        }
        return b;
    }

    private static String name(Map<String, Object> m, String key) throws BadPayloadException {
        String s = string(m, key);
        if (!Names.isName(s)) {
            throw new BadPayloadException("\"" + key + "\" is not a valid name: " + Names.shorten(s));
        }
        return s;
    }

    private static String optionalName(Map<String, Object> m, String key) throws BadPayloadException {
        return m.containsKey(key) ? name(m, key) : null;
    }

    private static String id(Map<String, Object> m, String key) throws BadPayloadException {
        String s = string(m, key);
        if (!Names.isId(s)) {
            throw new BadPayloadException("\"" + key + "\" is not a valid id: " + Names.shorten(s));
        }
        return s;
    }

    private static Instant time(Map<String, Object> m) throws BadPayloadException {
        String s = string(m, "time");
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadPayloadException("\"time\" is not an ISO-8601 instant: " + Names.shorten(s));
        }
    }

    private static MessageKind kind(String s) throws BadPayloadException {
        for (MessageKind k : MessageKind.values()) {
            if (lower(k).equals(s)) {
                return k;
            }
        }
        throw new BadPayloadException("unknown kind \"" + Names.shorten(s) + "\"");
    }

    private static MessageStatus receiptStatus(String s) throws BadPayloadException {
        if (s.equals("delivered")) {
            return MessageStatus.DELIVERED;
        }
        if (s.equals("read")) {
            return MessageStatus.READ;
        }
        throw new BadPayloadException("unknown receipt status \"" + Names.shorten(s) + "\"");
    }

    private static Presence presence(String s) throws BadPayloadException {
        for (Presence p : Presence.values()) {
            if (lower(p).equals(s)) {
                return p;
            }
        }
        throw new BadPayloadException("unknown presence \"" + Names.shorten(s) + "\"");
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** A payload that is refused; the message says why (for the log). */
    static final class BadPayloadException extends Exception {
        private static final long serialVersionUID = 1L;

        BadPayloadException(String message) {
            super(message);
        }
    }
}
