package io.hakeeper.controller.status;

import io.hakeeper.common.zk.DrainRequest;
import io.hakeeper.common.zk.HolderRecord;
import io.hakeeper.common.zk.MemberRecord;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.common.zk.SwitchoverRequest;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.cluster.ClusterSnapshot.InstanceEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.MemberEntry;
import io.hakeeper.controller.findings.Finding;
import io.hakeeper.controller.findings.Severity;
import io.hakeeper.controller.findings.StatusFindings;
import io.hakeeper.controller.text.Durations;
import io.hakeeper.common.zk.RealServerView;
import io.hakeeper.common.zk.VirtualServerKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hactl status} as data: what {@code --json} prints and what the text view renders. The
 * shape is documented in {@code hactl.schema.json} ({@code $defs/status}); fields are never
 * renamed or removed within a {@code schemaVersion}, and absent values are {@code null}.
 */
public record StatusReport(String command, int schemaVersion, String generatedAt, long generatedAtMs,
                           String zookeeper, String root, String cluster, String health, int exitCode,
                           List<Instance> instances, List<Node> nodes, List<Finding> findings,
                           List<ClusterSnapshot.Unreadable> unreadable, List<VirtualServer> virtualServers) {

    public static final int SCHEMA_VERSION = 1;

    public record Instance(String name, Integer vrid, List<String> vips, Holder holder, Long lastEpoch,
                           Switchover switchover, List<Member> members) {
    }

    /** @param node null when the holder record is unreadable */
    public record Holder(String node, boolean readable, Long epoch, Long sinceMs, String since, List<String> vips,
                         String sessionId) {
    }

    public record Member(String node, boolean holder, int vrid, List<String> vips, int basePriority,
                         int effectivePriority, boolean eligible, String reason, String state, boolean nopreempt,
                         long preemptDelayMs, boolean current, Vrrp vrrp, List<String> addressesSeen) {
    }

    public record Vrrp(String master, int masterPriority, boolean masterSilent, List<String> foreignRouters,
                       long advertsReceived, long advertsDropped) {
    }

    public record Node(String node, String host, String version, long pid, long startedAtMs, long uptimeMs,
                       String sessionId, Fence fence, boolean drained, Drain drain) {
    }

    public record Fence(int sessionTimeoutMs, int tickTimeMs, int marginMs, int leaseSec, boolean safe) {
    }

    public record Drain(String node, String requestedBy, long requestedAtMs, String reason) {
    }

    public record Switchover(String target, String requestedBy, long requestedAtMs, String reason) {
    }

    /**
     * A virtual server as the directors' checkers see it ({@code realservers/<key>/<node>}).
     *
     * @param key   the ZooKeeper path element, {@code TCP_10.0.0.1_80}
     * @param label keepalived's way of writing it, {@code 10.0.0.1:80}
     */
    public record VirtualServer(String key, String label, List<RealServer> realServers) {
    }

    /** One real server, and each director's verdict on it. */
    public record RealServer(String address, int port, List<Verdict> seenBy) {
    }

    /**
     * One director's verdict.
     *
     * @param weight  the IPVS weight that director gives it (0 while down)
     * @param current published by the director's live session (false: a record left from an earlier one)
     */
    public record Verdict(String node, boolean up, int weight, String reason, long sinceMs, String since,
                          boolean current) {
    }

    public Severity worst() {
        return Severity.worst(findings);
    }

    public static StatusReport of(ClusterSnapshot s, String zookeeper) {
        List<Finding> findings = StatusFindings.of(s);
        Severity worst = Severity.worst(findings);
        List<Instance> instances = s.instances().stream().map(i -> instance(s, i)).toList();
        List<Node> nodes = s.nodes().values().stream().map(n -> node(s, n)).toList();
        return new StatusReport("status", SCHEMA_VERSION, Durations.iso(s.readAtMs()), s.readAtMs(), zookeeper,
                s.layout().root(), s.layout().cluster(), Severity.health(worst), worst.exitCode().code(), instances,
                nodes, findings, s.unreadable(), s.virtualServers().stream().map(StatusReport::virtualServer).toList());
    }

    private static VirtualServer virtualServer(ClusterSnapshot.VirtualServerEntry v) {
        // Real servers in the order the directors list them (config order), each director's verdict beside.
        Map<String, List<Verdict>> seen = new LinkedHashMap<>();
        Map<String, RealServerView.RealServer> first = new LinkedHashMap<>();
        for (ClusterSnapshot.ViewEntry e : v.views()) {
            for (RealServerView.RealServer rs : e.record().realServers()) {
                String id = rs.address() + "|" + rs.port();
                first.putIfAbsent(id, rs);
                seen.computeIfAbsent(id, k -> new ArrayList<>()).add(new Verdict(e.record().node(), rs.up(),
                        rs.weight(), rs.reason(), rs.sinceMs(), Durations.iso(rs.sinceMs()), e.current()));
            }
        }
        List<RealServer> servers = new ArrayList<>();
        first.forEach((id, rs) -> servers.add(new RealServer(rs.address(), rs.port(), List.copyOf(seen.get(id)))));
        String label = VirtualServerKey.decode(v.key()).map(VirtualServerKey::label).orElse(v.key());
        return new VirtualServer(v.key(), label, List.copyOf(servers));
    }

    private static Instance instance(ClusterSnapshot s, InstanceEntry i) {
        String holderNode = i.holderNode().orElse(null);
        List<Member> members = new ArrayList<>();
        for (MemberEntry m : i.members()) {
            members.add(member(m, m.record().node().equals(holderNode)));
        }
        Holder holder = i.holder().map(h -> {
            HolderRecord r = h.record().orElse(null);
            return r == null ? new Holder(null, false, null, null, null, List.of(), hex(h.ownerSession()))
                    : new Holder(r.node(), true, r.epoch(), r.sinceMs(), Durations.iso(r.sinceMs()), r.vips(),
                    hex(h.ownerSession()));
        }).orElse(null);
        Integer vrid = i.members().isEmpty() ? null : i.members().get(0).record().vrid();
        List<String> vips = i.holder().flatMap(ClusterSnapshot.HolderEntry::record).map(HolderRecord::vips)
                .orElse(i.members().isEmpty() ? List.of() : i.members().get(0).record().vips());
        SwitchoverRequest sw = s.switchovers().get(i.name());
        Switchover switchover = sw == null ? null
                : new Switchover(sw.target(), sw.requestedBy(), sw.requestedAtMs(), sw.reason());
        Long lastEpoch = i.epochVersion().isPresent() ? i.epochVersion().getAsLong() : null;
        return new Instance(i.name(), vrid, vips, holder, lastEpoch, switchover, members);
    }

    private static Member member(MemberEntry m, boolean holder) {
        MemberRecord r = m.record();
        MemberRecord.VrrpView v = r.vrrp();
        Vrrp vrrp = v == null ? null : new Vrrp(v.master(), v.masterPriority(), v.masterSilent(), v.foreignRouters(),
                v.advertsReceived(), v.advertsDropped());
        return new Member(r.node(), holder, r.vrid(), r.vips(), r.basePriority(), r.effectivePriority(), r.eligible(),
                r.reason(), r.state().name(), r.nopreempt(), r.preemptDelayMs(), m.current(), vrrp, r.addressesSeen());
    }

    private static Node node(ClusterSnapshot s, ClusterSnapshot.NodeEntry n) {
        NodeRecord r = n.record();
        NodeRecord.Fence f = r.fence();
        boolean safe = StatusFindings.fenceSafe(r);
        DrainRequest d = s.drains().get(r.node());
        Drain drain = d == null ? null : new Drain(d.node(), d.requestedBy(), d.requestedAtMs(), d.reason());
        return new Node(r.node(), r.host(), r.version(), r.pid(), r.startedAtMs(),
                Math.max(0, s.readAtMs() - r.startedAtMs()), hex(n.ownerSession()),
                new Fence(f.sessionTimeoutMs(), f.tickTimeMs(), f.marginMs(), f.leaseSec(), safe),
                r.drained() || d != null, drain);
    }

    private static String hex(long session) {
        return "0x" + Long.toHexString(session);
    }
}
