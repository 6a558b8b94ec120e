package io.hakeeper.controller.control;

import io.hakeeper.common.zk.HolderRecord;
import io.hakeeper.common.zk.SwitchoverRequest;
import io.hakeeper.controller.ExitCode;
import io.hakeeper.controller.HaCtlException;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.cluster.ClusterSnapshot.InstanceEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.MemberEntry;
import io.hakeeper.controller.cluster.ClusterWatch;
import io.hakeeper.controller.zk.ZkSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code hactl switchover}: validates against the live view, writes
 * {@code control/switchover/<inst>}, and with --wait returns once ZooKeeper shows the new holder.
 * The agents do the rest through the fast path (ControlWatcher, InstanceFence): with a target,
 * every other node steps aside until the target claims; without one, the node that held steps
 * aside; the new holder deletes the request.
 */
public final class SwitchoverRequester {

    private final ZkSession zk;

    public SwitchoverRequester(ZkSession zk) {
        this.zk = zk;
    }

    public SwitchoverResult cancel(String instance, ClusterSnapshot view) throws HaCtlException {
        InstanceEntry inst = requireInstance(view, instance);
        if (!view.switchovers().containsKey(inst.name())) {
            throw HaCtlException.usage("no switchover of " + instance + " is pending");
        }
        zk.write("withdrawing the switchover request of " + instance,
                () -> {
                    new ControlWrites(zk.client(), zk.layout()).delete(zk.layout().switchover(instance));
                    return null;
                });
        return new SwitchoverResult("switchover", SwitchoverResult.SCHEMA_VERSION, instance,
                inst.holderNode().orElse(null), view.switchovers().get(instance).target().isEmpty() ? null
                : view.switchovers().get(instance).target(), "cancelled", Requester.current(),
                System.currentTimeMillis(), null, null, null);
    }

    public SwitchoverResult request(String instance, String target, String reason, boolean wait, ClusterSnapshot view,
                                    Duration timeout) throws HaCtlException {
        InstanceEntry inst = requireInstance(view, instance);
        Optional<String> holder = inst.holderNode();
        validate(view, inst, target, holder);
        String by = Requester.current();
        if (target != null && holder.filter(target::equals).isPresent()) {
            return new SwitchoverResult("switchover", SwitchoverResult.SCHEMA_VERSION, instance, holder.get(), target,
                    "already-holder", by, System.currentTimeMillis(), holder.get(), holderEpoch(inst), 0L);
        }
        long oldEpoch = Optional.ofNullable(holderEpoch(inst)).orElse(0L);
        SwitchoverRequest request = new SwitchoverRequest(instance, target, by, System.currentTimeMillis(),
                reason == null ? "" : reason);
        if (!wait) {
            write(instance, request);
            return result(instance, holder, target, "requested", request, null, null, null);
        }
        try (ClusterWatch watch = new ClusterWatch(zk.client(), zk.layout()).start()) {
            zk.read("watching " + instance, () -> watch.awaitChange(timeout)); // filled before we ask
            long start = System.nanoTime();
            write(instance, request);
            Optional<HolderRecord> next = zk.read("waiting for the new holder of " + instance,
                    () -> watch.awaitUntil(s -> newHolder(s, instance, holder.orElse(null), target, oldEpoch), timeout));
            if (next.isEmpty()) {
                throw new HaCtlException(ExitCode.TIMED_OUT, instance + ": no new holder within " + timeout.toMillis()
                        + " ms; the request stays in place (hactl switchover " + instance + " --cancel withdraws it);"
                        + " hactl status and hactl events tell what the agents do");
            }
            long took = (System.nanoTime() - start) / 1_000_000L;
            return result(instance, holder, target, "completed", request, next.get().node(), next.get().epoch(), took);
        }
    }

    private void write(String instance, SwitchoverRequest request) throws HaCtlException {
        zk.write("writing the switchover request of " + instance, () -> {
            new ControlWrites(zk.client(), zk.layout()).create(zk.layout().switchover(instance), request);
            return null;
        });
    }

    private static Optional<HolderRecord> newHolder(ClusterSnapshot s, String instance, String oldHolder, String target,
                                                    long oldEpoch) {
        return s.instance(instance).flatMap(i -> i.holder()).flatMap(ClusterSnapshot.HolderEntry::record)
                .filter(h -> h.epoch() > oldEpoch)
                .filter(h -> target != null ? h.node().equals(target) : !h.node().equals(oldHolder));
    }

    private static SwitchoverResult result(String instance, Optional<String> holder, String target, String outcome,
                                           SwitchoverRequest r, String newHolder, Long epoch, Long took) {
        return new SwitchoverResult("switchover", SwitchoverResult.SCHEMA_VERSION, instance, holder.orElse(null),
                target, outcome, r.requestedBy(), r.requestedAtMs(), newHolder, epoch, took);
    }

    private static Long holderEpoch(InstanceEntry i) {
        return i.holder().flatMap(ClusterSnapshot.HolderEntry::record).map(HolderRecord::epoch).orElse(null);
    }

    static InstanceEntry requireInstance(ClusterSnapshot view, String instance) throws HaCtlException {
        Optional<InstanceEntry> i = view.instance(instance);
        if (i.isEmpty()) {
            throw HaCtlException.usage("unknown instance '" + instance + "' in cluster " + view.layout().cluster()
                    + "; instances: " + names(view.instances().stream().map(InstanceEntry::name).toList()));
        }
        return i.get();
    }

    private static void validate(ClusterSnapshot view, InstanceEntry inst, String target, Optional<String> holder)
            throws HaCtlException {
        if (view.switchovers().containsKey(inst.name())) {
            var p = view.switchovers().get(inst.name());
            throw HaCtlException.usage("a switchover of " + inst.name() + (p.target().isEmpty() ? "" : " to " + p.target())
                    + " is already pending (requested by " + p.requestedBy() + "); wait for it, or withdraw it with"
                    + " hactl switchover " + inst.name() + " --cancel");
        }
        List<MemberEntry> others = inst.members().stream().filter(MemberEntry::candidate)
                .filter(m -> holder.map(h -> !h.equals(m.record().node())).orElse(true)).toList();
        if (target == null) {
            if (holder.isEmpty()) {
                throw HaCtlException.usage(inst.name() + " has no holder to switch over from; hactl status tells why");
            }
            if (others.isEmpty()) {
                throw HaCtlException.usage("no other eligible member of " + inst.name() + " could take over from "
                        + holder.get() + " (" + notEligible(inst) + ")");
            }
            return;
        }
        Optional<MemberEntry> member = inst.member(target);
        if (member.isEmpty()) {
            if (!view.knownNodes().contains(target)) {
                throw HaCtlException.usage("unknown node '" + target + "'; nodes: " + names(List.copyOf(view.knownNodes())));
            }
            throw HaCtlException.usage(target + " is no member of " + inst.name() + "; members: "
                    + names(inst.members().stream().map(m -> m.record().node()).toList()));
        }
        if (holder.filter(target::equals).isPresent()) {
            return;
        }
        MemberEntry m = member.get();
        if (!m.current()) {
            throw HaCtlException.usage(target + " cannot take over " + inst.name() + ": its member record is left from"
                    + " an earlier agent session (is its agent running?)");
        }
        if (!m.record().eligible()) {
            throw HaCtlException.usage(target + " cannot take over " + inst.name() + ": it is not eligible ("
                    + (m.record().reason().isEmpty() ? "no reason given" : m.record().reason()) + ")"
                    + (m.record().reason().contains("drained") ? "; hactl undrain " + target + " first" : ""));
        }
    }

    private static String notEligible(InstanceEntry inst) {
        String reasons = inst.members().stream().filter(m -> !m.candidate())
                .map(m -> m.record().node() + ": " + (m.current() ? m.record().reason() : "stale record"))
                .collect(Collectors.joining("; "));
        return reasons.isEmpty() ? "it is the only member" : reasons;
    }

    static String names(List<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
