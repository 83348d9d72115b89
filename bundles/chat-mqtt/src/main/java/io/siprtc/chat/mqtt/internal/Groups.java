package io.siprtc.chat.mqtt.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The group conversations an account knows, with their members (the account included), persisted. */
final class Groups implements AutoCloseable {

    private final Journal journal;
    private final Map<String, Set<String>> groups = new HashMap<>();

    Groups(Path file, boolean sync) throws IOException {
        journal = new Journal(file, sync);
        for (Map<String, Object> r : journal.load()) {
            if (r.get("id") instanceof String id && Names.isName(id) && r.get("members") instanceof List<?> l) {
                Set<String> members = new LinkedHashSet<>();
                for (Object o : l) {
                    if (o instanceof String s && Names.isName(s)) {
                        members.add(s);
                    }
                }
                groups.put(id, Collections.unmodifiableSet(members));
            }
        }
    }

    /** The members, or an empty set for an unknown group. */
    synchronized Set<String> members(String groupId) {
        return groups.getOrDefault(groupId, Set.of());
    }

    /** Sets the members; writes only when they changed. */
    synchronized void put(String groupId, Set<String> members) throws IOException {
        Set<String> copy = Collections.unmodifiableSet(new LinkedHashSet<>(members));
        if (copy.equals(groups.get(groupId))) {
            return;
        }
        journal.append(List.of(Json.object("id", groupId, "members", new ArrayList<>(copy))));
        groups.put(groupId, copy);
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
