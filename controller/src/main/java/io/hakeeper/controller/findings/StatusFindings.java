package io.hakeeper.controller.findings;

import static io.hakeeper.controller.findings.FindingCode.DRAINED;
import static io.hakeeper.controller.findings.FindingCode.DUPLICATE_VIP;
import static io.hakeeper.controller.findings.FindingCode.FOREIGN_ROUTER;
import static io.hakeeper.controller.findings.FindingCode.MASTER_SILENT;
import static io.hakeeper.controller.findings.FindingCode.MEMBER_DISAGREEMENT;
import static io.hakeeper.controller.findings.FindingCode.NO_AGENTS;
import static io.hakeeper.controller.findings.FindingCode.NO_CLUSTER;
import static io.hakeeper.controller.findings.FindingCode.NO_HOLDER;
import static io.hakeeper.controller.findings.FindingCode.SINGLE_ELIGIBLE_MEMBER;
import static io.hakeeper.controller.findings.FindingCode.STALE_MEMBER;
import static io.hakeeper.controller.findings.FindingCode.SWITCHOVER_PENDING;
import static io.hakeeper.controller.findings.FindingCode.UNREADABLE_RECORD;
import static io.hakeeper.controller.findings.FindingCode.UNSAFE_FENCE_BUDGET;

import io.hakeeper.common.fence.FenceBudget;
import io.hakeeper.common.zk.MemberRecord;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.cluster.ClusterSnapshot.InstanceEntry;
import io.hakeeper.controller.cluster.ClusterSnapshot.MemberEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The findings of {@code hactl status}: pure rules over a {@link ClusterSnapshot}. Critical: no
 * holder, members disagreeing on VRID or VIPs, a VIP on two nodes, an unsafe fence budget.
 * Degraded: a single (or no other) eligible member, a foreign VRRP router, a silent master,
 * unreadable records. Info: drained nodes, pending switchovers, stale member records.
 */
public final class StatusFindings {

    private StatusFindings() {
    }

    public static List<Finding> of(ClusterSnapshot s) {
        List<Finding> out = new ArrayList<>();
        if (!s.clusterExists()) {
            out.add(Finding.of(Severity.CRITICAL, NO_CLUSTER, null, null,
                    "nothing at " + s.layout().clusterRoot() + ": no agent has ever registered in cluster '"
                            + s.layout().cluster() + "'",
                    s.otherClusters().isEmpty() ? "check --zk and --root, and the agents' zookeeper { cluster } setting"
                            : "pass --cluster with one of: " + String.join(", ", s.otherClusters())));
            return out;
        }
        if (s.nodes().isEmpty()) {
            out.add(Finding.of(Severity.CRITICAL, NO_AGENTS, null, null,
                    "no agent is running: " + s.layout().nodesDir() + " is empty",
                    "start haagent on the directors (systemctl start haagent) and check their logs"));
        }
        for (InstanceEntry i : s.instances()) {
            instance(s, i, out);
        }
        duplicateVips(s, out);
        for (ClusterSnapshot.NodeEntry n : s.nodes().values()) {
            fenceBudget(n.record()).ifPresent(out::add);
        }
        for (ClusterSnapshot.Unreadable u : s.unreadable()) {
            out.add(Finding.of(Severity.DEGRADED, UNREADABLE_RECORD, null, null,
                    "unreadable record at " + u.path() + " (" + u.failure().toLowerCase() + "): " + u.reason(),
                    "an agent of another version or something else wrote it; the owning agent rewrites its own"
                            + " record on its next change, and a persistent node with garbage can be deleted"));
        }
        s.drains().forEach((node, d) -> out.add(Finding.of(Severity.INFO, DRAINED, null, node,
                node + " is drained" + (d.requestedBy().isEmpty() ? "" : " (by " + d.requestedBy() + ")")
                        + (d.reason().isEmpty() ? "" : ": " + d.reason()),
                "hactl undrain " + node + " makes it eligible again")));
        s.switchovers().forEach((inst, r) -> out.add(Finding.of(Severity.INFO, SWITCHOVER_PENDING, inst, null,
                "switchover of " + inst + (r.target().isEmpty() ? "" : " to " + r.target()) + " pending"
                        + (r.requestedBy().isEmpty() ? "" : " (requested by " + r.requestedBy() + ")"),
                "the new holder clears the request; hactl switchover " + inst + " --cancel withdraws it")));
        return List.copyOf(out);
    }

    private static void instance(ClusterSnapshot s, InstanceEntry i, List<Finding> out) {
        List<MemberEntry> candidates = i.members().stream().filter(MemberEntry::candidate).toList();
        if (i.holder().isEmpty()) {
            String why = candidates.isEmpty()
                    ? "no member can take over: " + ineligibleReasons(i)
                    : "eligible: " + nodes(candidates) + "; an election is in progress or stuck";
            out.add(Finding.of(Severity.CRITICAL, NO_HOLDER, i.name(), null,
                    i.name() + " has no holder: its VIPs are down; " + why,
                    candidates.isEmpty()
                            ? "start an agent, undrain a node (hactl undrain NODE) or fix the fault its member reports"
                            : "check hactl events and the agents' logs"));
        } else if (candidates.size() <= 1) {
            String only = candidates.isEmpty() ? "no member is eligible" : "only " + nodes(candidates) + " is eligible";
            out.add(Finding.of(Severity.DEGRADED, SINGLE_ELIGIBLE_MEMBER, i.name(), null,
                    i.name() + ": " + only + "; no failover is possible (" + ineligibleReasons(i) + ")",
                    "start, undrain or repair another member"));
        }
        Map<String, List<String>> shapes = new TreeMap<>();
        for (MemberEntry m : i.members()) {
            shapes.computeIfAbsent(shape(m.record()), k -> new ArrayList<>()).add(m.record().node());
        }
        if (shapes.size() > 1) {
            out.add(Finding.of(Severity.CRITICAL, MEMBER_DISAGREEMENT, i.name(), null,
                    "members of " + i.name() + " disagree: " + shapes.entrySet().stream()
                            .map(e -> String.join(", ", e.getValue()) + " " + e.getKey())
                            .collect(Collectors.joining("; ")) + "; a member that differs never takes over",
                    "make virtual_router_id and virtual_ipaddress of vrrp_instance " + i.name()
                            + " identical on every node and reload"));
        }
        for (MemberEntry m : i.members()) {
            MemberRecord r = m.record();
            if (!m.current()) {
                out.add(Finding.of(Severity.INFO, STALE_MEMBER, i.name(), r.node(),
                        r.node() + "'s member record in " + i.name() + " was left by an earlier agent session;"
                                + " it cannot win and goes when that session expires", ""));
            }
            if (r.vrrp() == null) {
                continue;
            }
            if (!r.vrrp().foreignRouters().isEmpty()) {
                out.add(Finding.of(Severity.DEGRADED, FOREIGN_ROUTER, i.name(), r.node(),
                        r.node() + " hears VRRP adverts for VRID " + r.vrid() + " from "
                                + String.join(", ", r.vrrp().foreignRouters())
                                + ", which is no agent of this cluster (a keepalived left running?)",
                        "stop that VRRP speaker or move it to another virtual_router_id; while it runs it may"
                                + " take the VIPs behind the fence's back"));
            }
            boolean heldByOther = i.holderNode().filter(h -> !h.equals(r.node())).isPresent();
            if (r.vrrp().masterSilent() && heldByOther && m.current()) {
                out.add(Finding.of(Severity.DEGRADED, MASTER_SILENT, i.name(), r.node(),
                        r.node() + " hears no VRRP adverts from the holder " + i.holderNode().get()
                                + " of " + i.name(),
                        "check the shared segment between them (multicast 224.0.0.18 or unicast_peer, firewall"
                                + " rules for protocol 112)"));
            }
        }
    }

    /** VIPs that two or more nodes report on their interfaces (MemberRecord.addressesSeen). */
    private static void duplicateVips(ClusterSnapshot s, List<Finding> out) {
        Map<String, SortedSet<String>> seen = new TreeMap<>();
        Map<String, String> instanceOf = new TreeMap<>();
        for (InstanceEntry i : s.instances()) {
            for (MemberEntry m : i.members()) {
                for (String a : m.record().addressesSeen()) {
                    String address = address(a);
                    seen.computeIfAbsent(address, k -> new TreeSet<>()).add(m.record().node());
                    instanceOf.putIfAbsent(address, i.name());
                }
            }
        }
        seen.forEach((address, nodes) -> {
            if (nodes.size() > 1) {
                String inst = instanceOf.get(address);
                String holder = s.instance(inst).flatMap(InstanceEntry::holderNode).orElse("none");
                out.add(Finding.of(Severity.CRITICAL, DUPLICATE_VIP, inst, null,
                        "VIP " + address + " is configured on " + String.join(" and ", nodes)
                                + " at once (holder of " + inst + ": " + holder + ")",
                        "on every node but the holder, find what added it (a keepalived, a script, a leftover) and"
                                + " remove it: ip addr del " + address + "/PREFIX dev IFACE"));
            }
        });
    }

    /** The published budget must allow a lease of at least 1 s with the margin its own inputs give. */
    static java.util.Optional<Finding> fenceBudget(NodeRecord n) {
        NodeRecord.Fence f = n.fence();
        FenceBudget recomputed = FenceBudget.of(f.sessionTimeoutMs(), f.tickTimeMs());
        int publishedLeaseMs = f.sessionTimeoutMs() - f.marginMs();
        if (!fenceSafe(n)) {
            return java.util.Optional.of(Finding.of(Severity.CRITICAL, UNSAFE_FENCE_BUDGET, null, n.node(),
                    n.node() + "'s fence budget is unsafe: session " + f.sessionTimeoutMs() + " ms, tick "
                            + f.tickTimeMs() + " ms, margin " + f.marginMs() + " ms (needs at least "
                            + recomputed.marginMs() + "), lease " + publishedLeaseMs + " ms (needs at least "
                            + FenceBudget.MIN_LEASE_MS + ")",
                    "raise zookeeper session_timeout on " + n.node() + " to at least "
                            + recomputed.minimumSafeSessionTimeoutMs() + " ms (and maxSessionTimeout on the servers),"
                            + " then restart the agent"));
        }
        return java.util.Optional.empty();
    }

    /**
     * The node's own budget holds up: recomputed from its session timeout and tick time it leaves a
     * lease of at least 1 s, and the margin it published is not smaller than that recomputation.
     */
    public static boolean fenceSafe(NodeRecord n) {
        NodeRecord.Fence f = n.fence();
        FenceBudget recomputed = FenceBudget.of(f.sessionTimeoutMs(), f.tickTimeMs());
        return recomputed.safe() && f.marginMs() >= recomputed.marginMs()
                && f.sessionTimeoutMs() - f.marginMs() >= FenceBudget.MIN_LEASE_MS;
    }

    private static String shape(MemberRecord r) {
        return "vrid " + r.vrid() + " vips " + new TreeSet<>(r.vips());
    }

    private static String nodes(List<MemberEntry> members) {
        return members.stream().map(m -> m.record().node()).collect(Collectors.joining(", "));
    }

    private static String ineligibleReasons(InstanceEntry i) {
        List<String> parts = new ArrayList<>();
        for (MemberEntry m : i.members()) {
            if (!m.candidate()) {
                parts.add(m.record().node() + ": " + (!m.current() ? "stale record"
                        : m.record().reason().isEmpty() ? "not eligible" : m.record().reason()));
            }
        }
        if (i.members().isEmpty()) {
            return "no member is running";
        }
        return parts.isEmpty() ? "every member is eligible" : String.join("; ", parts);
    }

    /** {@code 10.0.0.1/24} and {@code 10.0.0.1} name the same address. */
    static String address(String cidrOrAddress) {
        int slash = cidrOrAddress.indexOf('/');
        return slash < 0 ? cidrOrAddress : cidrOrAddress.substring(0, slash);
    }
}
