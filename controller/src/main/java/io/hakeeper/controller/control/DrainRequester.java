package io.hakeeper.controller.control;

import io.hakeeper.common.zk.DrainRequest;
import io.hakeeper.common.zk.EventRecord;
import io.hakeeper.controller.ExitCode;
import io.hakeeper.controller.HaCtlException;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.cluster.ClusterSnapshot.InstanceEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.MemberEntry;
import io.hakeeper.controller.cluster.ClusterWatch;
import io.hakeeper.controller.zk.ZkSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hactl drain NODE} / {@code undrain NODE}: writes or deletes {@code control/drain/<node>},
 * which makes the node ineligible in every instance (its VIPs move through the fast path) or
 * eligible again, and records the operator's action in {@code events/}. With --wait it returns once
 * ZooKeeper shows the node holding nothing (drain) or eligible again (undrain).
 */
public final class DrainRequester {

    private final ZkSession zk;

    public DrainRequester(ZkSession zk) {
        this.zk = zk;
    }

    public DrainResult drain(String node, String reason, boolean force, boolean wait, ClusterSnapshot view,
                             Duration timeout) throws HaCtlException {
        requireKnown(view, node);
        List<String> orphaned = new ArrayList<>();
        Map<String, Long> heldAt = new LinkedHashMap<>();
        for (InstanceEntry i : view.instances()) {
            boolean candidate = i.member(node).filter(MemberEntry::candidate).isPresent();
            boolean othersCan = i.members().stream().anyMatch(m -> m.candidate() && !m.record().node().equals(node));
            if (candidate && !othersCan) {
                orphaned.add(i.name());
            }
            if (i.holderNode().filter(node::equals).isPresent()) {
                heldAt.put(i.name(), null);
            }
        }
        if (!orphaned.isEmpty() && !force) {
            throw HaCtlException.usage("draining " + node + " leaves " + String.join(", ", orphaned)
                    + " without an eligible member: " + (orphaned.size() == 1 ? "its" : "their")
                    + " VIPs would go down. Undrain or start another node first, or pass --force to drain anyway");
        }
        String by = Requester.current();
        long now = System.currentTimeMillis();
        if (view.drains().containsKey(node)) {
            return new DrainResult("drain", DrainResult.SCHEMA_VERSION, node, "already", by, now, List.of(), null);
        }
        DrainRequest request = new DrainRequest(node, by, now, reason == null ? "" : reason);
        if (!wait) {
            writeDrain(request);
            return new DrainResult("drain", DrainResult.SCHEMA_VERSION, node, "requested", by, now, List.of(), null);
        }
        try (ClusterWatch watch = new ClusterWatch(zk.client(), zk.layout()).start()) {
            zk.read("watching the cluster", () -> watch.awaitChange(timeout));
            long start = System.nanoTime();
            writeDrain(request);
            Map<String, DrainResult.Move> moves = new LinkedHashMap<>();
            Optional<Boolean> done = zk.read("waiting for " + node + " to give up its instances",
                    () -> watch.awaitUntil(s -> {
                        recordMoves(s, node, heldAt.keySet(), moves, start);
                        return drained(s, node) && settled(s, node, heldAt.keySet(), moves)
                                ? Optional.of(true) : Optional.empty();
                    }, timeout));
            if (done.isEmpty()) {
                throw new HaCtlException(ExitCode.TIMED_OUT, node + " still holds or is still eligible somewhere after "
                        + timeout.toMillis() + " ms; the drain request stays in place (hactl status tells more)");
            }
            long took = (System.nanoTime() - start) / 1_000_000L;
            for (String inst : heldAt.keySet()) {
                moves.putIfAbsent(inst, new DrainResult.Move(inst, node, null, null));
            }
            return new DrainResult("drain", DrainResult.SCHEMA_VERSION, node, "completed", by, now,
                    List.copyOf(moves.values()), took);
        }
    }

    public DrainResult undrain(String node, boolean wait, ClusterSnapshot view, Duration timeout) throws HaCtlException {
        String by = Requester.current();
        long now = System.currentTimeMillis();
        if (!view.drains().containsKey(node)) {
            requireKnown(view, node);
            return new DrainResult("undrain", DrainResult.SCHEMA_VERSION, node, "already", by, now, List.of(), null);
        }
        if (!wait) {
            deleteDrain(node, by);
            return new DrainResult("undrain", DrainResult.SCHEMA_VERSION, node, "requested", by, now, List.of(), null);
        }
        try (ClusterWatch watch = new ClusterWatch(zk.client(), zk.layout()).start()) {
            zk.read("watching the cluster", () -> watch.awaitChange(timeout));
            long start = System.nanoTime();
            deleteDrain(node, by);
            Optional<Boolean> done = zk.read("waiting for " + node + " to be eligible again",
                    () -> watch.awaitUntil(s -> undrained(s, node) ? Optional.of(true) : Optional.empty(), timeout));
            if (done.isEmpty()) {
                throw new HaCtlException(ExitCode.TIMED_OUT, node + " still reports 'drained' after "
                        + timeout.toMillis() + " ms; is its agent running?");
            }
            return new DrainResult("undrain", DrainResult.SCHEMA_VERSION, node, "completed", by, now, List.of(),
                    (System.nanoTime() - start) / 1_000_000L);
        }
    }

    private void writeDrain(DrainRequest request) throws HaCtlException {
        zk.write("writing the drain request of " + request.node(), () -> {
            ControlWrites w = new ControlWrites(zk.client(), zk.layout());
            w.create(zk.layout().drain(request.node()), request);
            w.event(new EventRecord(request.requestedAtMs(), EventRecord.Kind.DRAIN, "", request.node(), 0,
                    "requested by " + request.requestedBy() + (request.reason().isEmpty() ? "" : ": " + request.reason())));
            return null;
        });
    }

    private void deleteDrain(String node, String by) throws HaCtlException {
        zk.write("deleting the drain request of " + node, () -> {
            ControlWrites w = new ControlWrites(zk.client(), zk.layout());
            w.delete(zk.layout().drain(node));
            w.event(new EventRecord(System.currentTimeMillis(), EventRecord.Kind.UNDRAIN, "", node, 0,
                    "requested by " + by));
            return null;
        });
    }

    /** Holds nothing, and every current member record of the node says it is not eligible. */
    static boolean drained(ClusterSnapshot s, String node) {
        for (InstanceEntry i : s.instances()) {
            if (i.holderNode().filter(node::equals).isPresent()) {
                return false;
            }
            if (i.member(node).filter(MemberEntry::candidate).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every instance the node held has a new holder, or nobody is left who could take it (then it
     * stays without one, which --force allowed).
     */
    static boolean settled(ClusterSnapshot s, String node, java.util.Set<String> held, Map<String, DrainResult.Move> moves) {
        for (String inst : held) {
            if (moves.containsKey(inst)) {
                continue;
            }
            boolean someoneCan = s.instance(inst).stream().flatMap(i -> i.members().stream())
                    .anyMatch(m -> m.candidate() && !m.record().node().equals(node));
            if (someoneCan) {
                return false;
            }
        }
        return true;
    }

    /** No current member record of the node gives 'drained' as a reason any more. */
    static boolean undrained(ClusterSnapshot s, String node) {
        return s.instances().stream().flatMap(i -> i.member(node).stream())
                .filter(MemberEntry::current)
                .noneMatch(m -> !m.record().eligible() && m.record().reason().contains("drained"));
    }

    private static void recordMoves(ClusterSnapshot s, String node, java.util.Set<String> held,
                                    Map<String, DrainResult.Move> moves, long start) {
        for (String inst : held) {
            if (moves.containsKey(inst)) {
                continue;
            }
            s.instance(inst).flatMap(InstanceEntry::holderNode).filter(h -> !h.equals(node)).ifPresent(h ->
                    moves.put(inst, new DrainResult.Move(inst, node, h, (System.nanoTime() - start) / 1_000_000L)));
        }
    }

    private static void requireKnown(ClusterSnapshot view, String node) throws HaCtlException {
        if (!view.knownNodes().contains(node)) {
            throw HaCtlException.usage("unknown node '" + node + "' in cluster " + view.layout().cluster()
                    + "; nodes: " + SwitchoverRequester.names(List.copyOf(view.knownNodes())));
        }
    }
}
