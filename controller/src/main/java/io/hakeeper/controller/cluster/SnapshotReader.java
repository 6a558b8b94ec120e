package io.hakeeper.controller.cluster;

import io.hakeeper.common.zk.DecodeResult;
import io.hakeeper.common.zk.DrainRequest;
import io.hakeeper.common.zk.HolderRecord;
import io.hakeeper.common.zk.MemberRecord;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.common.zk.RealServerView;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.SwitchoverRequest;
import io.hakeeper.common.zk.ZkLayout;
import io.hakeeper.common.zk.ZkRecord;
import io.hakeeper.controller.cluster.ClusterSnapshot.HolderEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.InstanceEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.MemberEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.NodeEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.Unreadable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Reads the layout of DESIGN.md ("ZooKeeper layout") into a {@link ClusterSnapshot}. Garbage in
 * any node is decoded with {@link RecordCodec} (which never throws) and listed as unreadable.
 * Latch nodes are never read: their content is Curator's.
 */
public final class SnapshotReader {

    private final TreeSource tree;
    private final ZkLayout layout;
    private final LongSupplier wallClock;
    private final RecordCodec codec = new RecordCodec();

    public SnapshotReader(TreeSource tree, ZkLayout layout, LongSupplier wallClock) {
        this.tree = tree;
        this.layout = layout;
        this.wallClock = wallClock;
    }

    public ClusterSnapshot read() throws Exception {
        List<Unreadable> unreadable = new ArrayList<>();
        if (tree.node(layout.clusterRoot()).isEmpty()) {
            List<String> others = layout.root().equals("/") ? List.of() : tree.children(layout.root());
            return new ClusterSnapshot(layout, false, others.stream().sorted().toList(), Map.of(), List.of(),
                    Map.of(), Map.of(), List.of(), wallClock.getAsLong());
        }
        Map<String, NodeEntry> nodes = new TreeMap<>();
        for (String child : tree.children(layout.nodesDir())) {
            Optional<ZNode> z = tree.node(layout.nodesDir() + "/" + child);
            if (z.isPresent()) {
                decode(z.get(), NodeRecord.class, unreadable)
                        .ifPresent(r -> nodes.put(r.node(), new NodeEntry(r, z.get().owner(), z.get().ctimeMs())));
            }
        }
        List<InstanceEntry> instances = new ArrayList<>();
        for (String name : tree.children(layout.instancesDir()).stream().sorted().toList()) {
            instances.add(instance(name, nodes, unreadable));
        }
        Map<String, DrainRequest> drains = new TreeMap<>();
        for (String child : tree.children(layout.drainDir())) {
            Optional<ZNode> z = tree.node(layout.drainDir() + "/" + child);
            z.flatMap(n -> decode(n, DrainRequest.class, unreadable)).ifPresent(r -> drains.put(child, r));
        }
        Map<String, SwitchoverRequest> switchovers = new TreeMap<>();
        for (String child : tree.children(layout.switchoverDir())) {
            Optional<ZNode> z = tree.node(layout.switchoverDir() + "/" + child);
            z.flatMap(n -> decode(n, SwitchoverRequest.class, unreadable)).ifPresent(r -> switchovers.put(child, r));
        }
        List<ClusterSnapshot.VirtualServerEntry> virtualServers = new ArrayList<>();
        for (String key : tree.children(layout.realServersDir()).stream().sorted().toList()) {
            virtualServers.add(virtualServer(key, nodes, unreadable));
        }
        unreadable.sort(Comparator.comparing(Unreadable::path));
        return new ClusterSnapshot(layout, true, List.of(), nodes, instances, drains, switchovers,
                List.copyOf(unreadable), wallClock.getAsLong(), List.copyOf(virtualServers));
    }

    private InstanceEntry instance(String name, Map<String, NodeEntry> nodes, List<Unreadable> unreadable)
            throws Exception {
        String membersDir = layout.instancesDir() + "/" + name + "/members";
        List<MemberEntry> members = new ArrayList<>();
        for (String child : tree.children(membersDir)) {
            Optional<ZNode> z = tree.node(membersDir + "/" + child);
            if (z.isEmpty()) {
                continue;
            }
            Optional<MemberRecord> r = decode(z.get(), MemberRecord.class, unreadable);
            if (r.isPresent()) {
                NodeEntry live = nodes.get(r.get().node());
                boolean current = z.get().owner() != 0 && live != null && live.ownerSession() == z.get().owner();
                members.add(new MemberEntry(r.get(), z.get().owner(), current));
            }
        }
        members.sort(Comparator.comparing(m -> m.record().node()));
        String base = layout.instancesDir() + "/" + name;
        Optional<HolderEntry> holder = tree.node(base + "/holder")
                .map(z -> new HolderEntry(decode(z, HolderRecord.class, unreadable), z.owner(), z.ctimeMs()));
        OptionalLong epoch = tree.node(base + "/epoch")
                .map(z -> z.stat() == null ? OptionalLong.empty() : OptionalLong.of(z.stat().getVersion()))
                .orElse(OptionalLong.empty());
        return new InstanceEntry(name, List.copyOf(members), holder, epoch);
    }

    private ClusterSnapshot.VirtualServerEntry virtualServer(String key, Map<String, NodeEntry> nodes,
                                                             List<Unreadable> unreadable) throws Exception {
        String dir = layout.realServersDir() + "/" + key;
        List<ClusterSnapshot.ViewEntry> views = new ArrayList<>();
        for (String child : tree.children(dir).stream().sorted().toList()) {
            Optional<ZNode> z = tree.node(dir + "/" + child);
            if (z.isEmpty()) {
                continue;
            }
            decode(z.get(), RealServerView.class, unreadable).ifPresent(r -> {
                NodeEntry live = nodes.get(r.node());
                boolean current = z.get().owner() != 0 && live != null && live.ownerSession() == z.get().owner();
                views.add(new ClusterSnapshot.ViewEntry(r, z.get().owner(), current));
            });
        }
        return new ClusterSnapshot.VirtualServerEntry(key, List.copyOf(views));
    }

    private <T extends ZkRecord> Optional<T> decode(ZNode z, Class<T> type, List<Unreadable> unreadable) {
        DecodeResult<T> r = codec.decode(z.data(), type);
        if (r instanceof DecodeResult.Failed<T> f) {
            unreadable.add(new Unreadable(z.path(), f.failure().name(), f.reason()));
        }
        return r.toOptional();
    }
}
