package io.hakeeper.controller.cluster;

import io.hakeeper.common.zk.DrainRequest;
import io.hakeeper.common.zk.HolderRecord;
import io.hakeeper.common.zk.MemberRecord;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.common.zk.RealServerView;
import io.hakeeper.common.zk.SwitchoverRequest;
import io.hakeeper.common.zk.ZkLayout;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the agents published under {@code <root>/<cluster>}, read at one moment (node by
 * node, so not atomically). Unreadable records are kept aside with the reason, never guessed at.
 *
 * @param clusterExists false when nothing lives at {@code <root>/<cluster>}
 * @param otherClusters the clusters that do exist under the root, to suggest a --cluster
 * @param readAtMs this host's wall clock when the read finished
 * @param virtualServers the checkers' views under {@code realservers/}, by virtual server key
 */
public record ClusterSnapshot(ZkLayout layout, boolean clusterExists, List<String> otherClusters,
                              Map<String, NodeEntry> nodes, List<InstanceEntry> instances,
                              Map<String, DrainRequest> drains, Map<String, SwitchoverRequest> switchovers,
                              List<Unreadable> unreadable, long readAtMs, List<VirtualServerEntry> virtualServers) {

    /** A snapshot without checker views (clusters without virtual servers, tests of other rules). */
    public ClusterSnapshot(ZkLayout layout, boolean clusterExists, List<String> otherClusters,
                           Map<String, NodeEntry> nodes, List<InstanceEntry> instances,
                           Map<String, DrainRequest> drains, Map<String, SwitchoverRequest> switchovers,
                           List<Unreadable> unreadable, long readAtMs) {
        this(layout, clusterExists, otherClusters, nodes, instances, drains, switchovers, unreadable, readAtMs,
                List.of());
    }

    /**
     * {@code realservers/<key>}: each director's view of the virtual server's real servers.
     *
     * @param key the path element ({@code VirtualServerKey} encoding)
     */
    public record VirtualServerEntry(String key, List<ViewEntry> views) {
    }

    /**
     * One director's {@code realservers/<vs>/<node>} record.
     *
     * @param current written by the session that owns {@code nodes/<node>} now
     */
    public record ViewEntry(RealServerView record, long ownerSession, boolean current) {
    }

    /** A live agent: its {@code nodes/<node>} record and the session that owns it. */
    public record NodeEntry(NodeRecord record, long ownerSession, long ctimeMs) {
    }

    /**
     * One vrrp_instance.
     *
     * @param holder present while {@code holder} exists; its record is empty when unreadable
     * @param epochVersion the {@code epoch} node's version (the last fencing epoch), empty if absent
     */
    public record InstanceEntry(String name, List<MemberEntry> members, Optional<HolderEntry> holder,
                                OptionalLong epochVersion) {

        public Optional<MemberEntry> member(String node) {
            return members.stream().filter(m -> m.record().node().equals(node)).findFirst();
        }

        /** The holder's node id when its record is readable. */
        public Optional<String> holderNode() {
            return holder.flatMap(HolderEntry::record).map(HolderRecord::node);
        }
    }

    /**
     * A member record.
     *
     * @param current written by the session that owns {@code nodes/<node>} now; a record from any
     *                other session is left over from an earlier incarnation and cannot win
     */
    public record MemberEntry(MemberRecord record, long ownerSession, boolean current) {

        /** Can take the VIPs: eligible by its own account and current. */
        public boolean candidate() {
            return record.eligible() && current;
        }
    }

    public record HolderEntry(Optional<HolderRecord> record, long ownerSession, long ctimeMs) {
    }

    /** A znode whose bytes did not decode; {@code failure} is {@code DecodeResult.Failure}'s name. */
    public record Unreadable(String path, String failure, String reason) {
    }

    public Optional<InstanceEntry> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** Node ids known from node records or member records. */
    public java.util.SortedSet<String> knownNodes() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(nodes.keySet());
        instances.forEach(i -> i.members().forEach(m -> out.add(m.record().node())));
        return out;
    }
}
