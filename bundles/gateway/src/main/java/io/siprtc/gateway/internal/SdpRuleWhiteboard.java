package io.siprtc.gateway.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import io.siprtc.sdp.convert.ConversionContext;
import io.siprtc.sdp.convert.SdpProfile;
import io.siprtc.sdp.convert.SdpRule;
import io.siprtc.sdp.convert.SdpRuleProperties;

/**
 * The {@link SdpRule} services bound now, ordered by {@code service.ranking} (highest first),
 * then {@code service.id} (lowest first), with the profiles and flow their properties
 * ({@link SdpRuleProperties}) name. Each conversion takes a fresh snapshot: a rule registered or
 * removed at runtime counts from the next description on. Thread-safe.
 */
final class SdpRuleWhiteboard {

    private static final Comparator<Entry> ORDER = Comparator.comparingInt((Entry e) -> -e.ranking)
            .thenComparingLong(e -> e.serviceId);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void add(SdpRule rule, Map<String, ?> properties) {
        Entry e = new Entry(rule, properties);
        synchronized (entries) {
            entries.removeIf(x -> x.rule == rule);
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.add(e);
            sorted.sort(ORDER);
            entries.clear();
            entries.addAll(sorted);
        }
    }

    void remove(SdpRule rule) {
        synchronized (entries) {
            entries.removeIf(x -> x.rule == rule);
        }
    }

    /** The rules that apply to a description of this context, in order. */
    List<SdpRule> rulesFor(ConversionContext ctx) {
        List<SdpRule> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (e.appliesTo(ctx)) {
                out.add(e.rule);
            }
        }
        return out;
    }

    int size() {
        return entries.size();
    }

    private static final class Entry {
        final SdpRule rule;
        final int ranking;
        final long serviceId;
        final Set<String> profiles;
        final boolean allProfiles;
        final String flow;

        Entry(SdpRule rule, Map<String, ?> p) {
            this.rule = rule;
            Object r = p.get("service.ranking");
            this.ranking = r instanceof Integer ? (Integer) r : 0;
            Object id = p.get("service.id");
            this.serviceId = id instanceof Number ? ((Number) id).longValue() : Long.MAX_VALUE;
            this.profiles = strings(p.get(SdpRuleProperties.PROFILES));
            this.allProfiles = blank(p.get(SdpRuleProperties.PROFILES));
            Object f = p.get(SdpRuleProperties.FLOW);
            this.flow = f == null ? "to-peer" : f.toString().trim().toLowerCase(Locale.ROOT);
        }

        boolean appliesTo(ConversionContext ctx) {
            boolean flowOk = "both".equals(flow) || (ctx.isToPeer() ? "to-peer".equals(flow) : "from-peer".equals(flow));
            return flowOk && (allProfiles || profiles.contains(ctx.profile().id()));
        }

        /** Absent, an empty string, or an empty array or collection: no restriction. */
        private static boolean blank(Object v) {
            return v == null || (v instanceof String s && s.isBlank()) || (v instanceof String[] a && a.length == 0)
                    || (v instanceof Collection<?> c && c.isEmpty());
        }

        private static Set<String> strings(Object v) {
            Set<String> out = new TreeSet<>();
            if (v instanceof String s) {
                add(out, s);
            } else if (v instanceof String[] a) {
                for (String s : a) {
                    add(out, s);
                }
            } else if (v instanceof Collection<?> c) {
                for (Object o : c) {
                    add(out, String.valueOf(o));
                }
            }
            return out;
        }

        private static void add(Set<String> out, String s) {
            for (String part : s.split(",")) {
                SdpProfile.of(part).ifPresent(p -> out.add(p.id()));
            }
        }
    }
}
