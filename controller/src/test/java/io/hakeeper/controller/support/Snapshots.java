package io.hakeeper.controller.support;

import io.hakeeper.common.fence.FenceBudget;
import io.hakeeper.common.zk.HolderRecord;
import io.hakeeper.common.zk.MemberRecord;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.common.zk.ZkLayout;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.cluster.ClusterSnapshot.HolderEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.InstanceEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.MemberEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.NodeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Builds cluster snapshots for the pure rules: agents' records as they publish them. */
public final class Snapshots {

    public static final ZkLayout LAYOUT = new ZkLayout("/hakeeper", "t");

    private final Map<String, NodeEntry> nodes = new TreeMap<>();
    private final List<InstanceEntry> instances = new ArrayList<>();
    private final List<ClusterSnapshot.Unreadable> unreadable = new ArrayList<>();

    public static NodeRecord node(String node, int sessionMs, int tickMs) {
        FenceBudget b = FenceBudget.of(sessionMs, tickMs);
        return new NodeRecord(node, "host-" + node, "1.0", 100, 1_000L, session(node),
                NodeRecord.Fence.of(b), false);
    }

    public static long session(String node) {
        return 0x1000L + node.hashCode();
    }

    public static MemberRecord member(String node, int vrid, String vip, int priority, boolean eligible, String reason,
                                      MemberRecord.VrrpView vrrp, List<String> seen) {
        return new MemberRecord(node, vrid, List.of(vip), priority, priority, eligible, reason, false, 0,
                eligible ? MemberRecord.State.BACKUP : MemberRecord.State.FAULT, vrrp, seen, 0);
    }

    public Snapshots node(NodeRecord r) {
        nodes.put(r.node(), new NodeEntry(r, r.sessionId(), 2_000L));
        return this;
    }

    public Snapshots instance(String name, String holder, MemberRecord... members) {
        List<MemberEntry> m = new ArrayList<>();
        for (MemberRecord r : members) {
            long owner = session(r.node());
            m.add(new MemberEntry(r, owner, nodes.containsKey(r.node()) && nodes.get(r.node()).ownerSession() == owner));
        }
        Optional<HolderEntry> h = holder == null ? Optional.empty() : Optional.of(new HolderEntry(
                Optional.of(new HolderRecord(holder, 3, 5_000L, members[0].vips())), session(holder), 5_010L));
        instances.add(new InstanceEntry(name, m, h, OptionalLong.of(3)));
        return this;
    }

    public Snapshots unreadable(String path) {
        unreadable.add(new ClusterSnapshot.Unreadable(path, "NOT_JSON", "garbage"));
        return this;
    }

    public ClusterSnapshot build() {
        return new ClusterSnapshot(LAYOUT, true, List.of(), nodes, instances, Map.of(), Map.of(), unreadable, 10_000L);
    }
}
