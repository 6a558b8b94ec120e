package io.hakeeper.controller.doctor;

import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.events.EventView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Clock sanity from what the records carry. Agents stamp records with their own wall clock just
 * before writing them (an event's {@code timeMs}, a holder's {@code sinceMs}, a node's
 * {@code startedAtMs}); ZooKeeper stamps each node's {@code ctime} with the leader's wall clock when
 * it commits the create. For each sample, {@code ctime - stamp} = (leader clock - node clock) +
 * write delay, and the delay is never negative, so the smallest value per node is the best
 * estimate of its offset against the leader ({@code $defs/clocks} in hactl.schema.json).
 *
 * <p>What this cannot see is listed in {@link #BLIND_SPOTS} and printed with the result.
 */
public final class ClockEstimates {

    /** Events hactl writes carry the operator host's clock, not the node's. */
    private static final Set<String> WRITTEN_BY_HACTL = Set.of("drain", "undrain");
    /** Only recent stamps: an old sample says nothing about a clock that has been corrected since. */
    static final long RECENT_MS = 24 * 3600_000L;

    public static final List<String> BLIND_SPOTS = List.of(
            "offsets smaller than the time a write takes (usually a few ms) are invisible",
            "drift since a node's last event, claim or start is invisible",
            "ZooKeeper stamps ctime with the leader's clock of that moment; the servers' clocks against each other"
                    + " and this host's clock are not compared",
            "a node that has written nothing recently has no estimate");

    public record NodeOffset(String node, long offsetMs, int samples) {
    }

    /** @param spreadMs largest minus smallest offset, or null with fewer than two nodes */
    public record Result(List<NodeOffset> nodes, Long spreadMs, List<String> blindSpots) {
    }

    private ClockEstimates() {
    }

    public static Result of(ClusterSnapshot s, List<EventView> events, long nowMs) {
        Map<String, List<Long>> samples = new HashMap<>();
        s.nodes().values().forEach(n -> {
            // Recreated under a later session, the node's ctime is no longer near its startedAt.
            if (n.record().sessionId() == n.ownerSession() && n.ctimeMs() > 0) {
                add(samples, n.record().node(), n.ctimeMs() - n.record().startedAtMs());
            }
        });
        s.instances().forEach(i -> i.holder().ifPresent(h -> h.record().ifPresent(r -> {
            if (h.ctimeMs() > 0) {
                add(samples, r.node(), h.ctimeMs() - r.sinceMs());
            }
        })));
        for (EventView e : events) {
            if (!WRITTEN_BY_HACTL.contains(e.kind()) && e.zkTimeMs() > 0 && nowMs - e.zkTimeMs() <= RECENT_MS) {
                add(samples, e.node(), e.zkTimeMs() - e.timeMs());
            }
        }
        Map<String, NodeOffset> out = new TreeMap<>();
        samples.forEach((node, list) -> out.put(node,
                new NodeOffset(node, list.stream().mapToLong(Long::longValue).min().orElseThrow(), list.size())));
        List<NodeOffset> nodes = new ArrayList<>(out.values());
        Long spread = nodes.size() < 2 ? null
                : nodes.stream().mapToLong(NodeOffset::offsetMs).max().getAsLong()
                - nodes.stream().mapToLong(NodeOffset::offsetMs).min().getAsLong();
        return new Result(List.copyOf(nodes), spread, BLIND_SPOTS);
    }

    private static void add(Map<String, List<Long>> samples, String node, long value) {
        samples.computeIfAbsent(node, k -> new ArrayList<>()).add(value);
    }
}
