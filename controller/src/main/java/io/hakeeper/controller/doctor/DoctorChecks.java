package io.hakeeper.controller.doctor;

import static io.hakeeper.controller.findings.FindingCode.CLOCK_SKEW;
import static io.hakeeper.controller.findings.FindingCode.FOUR_LETTER_WORDS;
import static io.hakeeper.controller.findings.FindingCode.LATENCY;
import static io.hakeeper.controller.findings.FindingCode.NO_QUORUM;
import static io.hakeeper.controller.findings.FindingCode.SERVER_MODE;
import static io.hakeeper.controller.findings.FindingCode.SERVER_UNREACHABLE;
import static io.hakeeper.controller.findings.FindingCode.SESSION_LIMITS;
import static io.hakeeper.controller.findings.FindingCode.STANDALONE_ENSEMBLE;
import static io.hakeeper.controller.findings.FindingCode.TICK_TIME_MISMATCH;
import static io.hakeeper.controller.findings.FindingCode.VERSION_SKEW;

import io.hakeeper.common.fence.FenceBudget;
import io.hakeeper.common.zk.NodeRecord;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.findings.Finding;
import io.hakeeper.controller.findings.FindingCode;
import io.hakeeper.controller.findings.Severity;
import io.hakeeper.controller.findings.StatusFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The checks of {@code hactl doctor}, pure over what was gathered: the servers' answers, the
 * cluster snapshot (null when it could not be read) and the clock estimates. Every check yields a
 * line, passed ones included, and each problem says what to do.
 */
public final class DoctorChecks {

    /** A server's own average request latency above this eats visibly into the 250 ms renewal interval. */
    static final double SLOW_AVG_MS = 50;
    /** A round trip from here above this: renewals from the directors are probably slow too. */
    static final long SLOW_ROUND_TRIP_MS = 100;
    /** Offsets beyond this make event times and 'since' misleading. */
    static final long CLOCK_TOLERANCE_MS = 1000;

    private DoctorChecks() {
    }

    public static List<Finding> of(List<ServerHealth> servers, ClusterSnapshot snapshot, ClockEstimates.Result clocks,
                                   String hactlVersion) {
        List<Finding> out = new ArrayList<>();
        ensemble(servers, out);
        if (snapshot != null) {
            fence(servers, snapshot, out);
            clocks(clocks, out);
            versions(snapshot, hactlVersion, out);
            recordFindings(snapshot, out);
        }
        return List.copyOf(out);
    }

    // ---- ensemble ---------------------------------------------------------------------------

    static void ensemble(List<ServerHealth> servers, List<Finding> out) {
        int reachable = (int) servers.stream().filter(ServerHealth::reachable).count();
        int majority = servers.size() / 2 + 1;
        for (ServerHealth s : servers) {
            if (!s.reachable()) {
                out.add(check(Severity.DEGRADED, SERVER_UNREACHABLE, s.address() + " is unreachable: " + s.error(),
                        "start it or fix the network path; a majority of the ensemble must stay up"));
            } else if (!s.srvrAllowed()) {
                out.add(check(Severity.DEGRADED, FOUR_LETTER_WORDS, s.address() + " refuses 'srvr': doctor cannot see its"
                        + " mode or latency", "add srvr,conf to 4lw.commands.whitelist in zoo.cfg"));
            } else if ("not serving".equals(s.mode())) {
                out.add(check(Severity.DEGRADED, SERVER_MODE, s.address() + " runs but does not serve requests"
                        + " (it has no quorum)", "check its log and its connections to the other servers"));
            } else {
                out.add(check(Severity.OK, SERVER_MODE, s.address() + " " + s.mode() + " (ZooKeeper " + s.version()
                        + "), round trip " + s.roundTripMs() + " ms, request latency avg "
                        + String.format(java.util.Locale.ROOT, "%.1f", s.latencyAvgMs() == null ? 0.0 : s.latencyAvgMs())
                        + " ms, max " + s.latencyMaxMs() + " ms", ""));
                if ("read-only".equals(s.mode())) {
                    out.add(check(Severity.DEGRADED, SERVER_MODE, s.address() + " is in read-only mode: it lost the"
                            + " quorum", "restore the quorum; agents cannot claim or renew through it"));
                }
                boolean slow = (s.latencyAvgMs() != null && s.latencyAvgMs() > SLOW_AVG_MS)
                        || (s.roundTripMs() != null && s.roundTripMs() > SLOW_ROUND_TRIP_MS);
                if (slow) {
                    out.add(check(Severity.DEGRADED, LATENCY, s.address() + " is slow (round trip " + s.roundTripMs()
                                    + " ms, request latency avg " + s.latencyAvgMs() + " ms): renewals run every 250 ms"
                                    + " and a slow one lets the VIP lease lapse",
                            "look at the server's disk (fsync of the transaction log) and network"));
                }
            }
            if (s.reachable() && s.srvrAllowed() && !s.confAllowed()) {
                out.add(check(Severity.DEGRADED, FOUR_LETTER_WORDS, s.address() + " refuses 'conf': doctor cannot read"
                        + " its tickTime and session limits", "add conf to 4lw.commands.whitelist in zoo.cfg"));
            }
        }
        long serving = servers.stream().filter(s -> s.reachable() && s.mode() != null && !"not serving".equals(s.mode()))
                .count();
        boolean modesKnown = servers.stream().filter(ServerHealth::reachable).allMatch(ServerHealth::srvrAllowed);
        if (reachable < majority || (modesKnown && serving < majority && servers.size() > 1)) {
            out.add(check(Severity.CRITICAL, NO_QUORUM, "only " + reachable + " of " + servers.size()
                            + " servers in --zk are reachable (" + serving + " serving); a majority (" + majority
                            + ") is needed", "bring servers back until a majority serves; until then no agent can claim"
                            + " or renew"));
        }
        if (servers.size() == 1 && "standalone".equals(servers.get(0).mode())) {
            out.add(check(Severity.DEGRADED, STANDALONE_ENSEMBLE, "a single standalone ZooKeeper server: when it stops,"
                    + " every holder's lease lapses (on_zk_loss release) and every VIP goes down",
                    "run an ensemble of 3 or 5 servers and list them all in --zk and in the agents' connect"));
        }
        if (modesKnown && servers.size() > 1) {
            long leaders = servers.stream().filter(s -> "leader".equals(s.mode())).count();
            if (leaders > 1) {
                out.add(check(Severity.CRITICAL, SERVER_MODE, leaders + " servers say they lead: the connect string"
                        + " mixes ensembles", "list the servers of one ensemble only"));
            } else if (leaders == 0 && serving >= majority) {
                out.add(check(Severity.INFO, SERVER_MODE, "no server in --zk leads; the leader is one that --zk does not"
                        + " list", "list every server of the ensemble in --zk and in the agents' connect"));
            }
        }
    }

    // ---- fence budget against the ensemble --------------------------------------------------

    static void fence(List<ServerHealth> servers, ClusterSnapshot s, List<Finding> out) {
        Set<Integer> ticks = servers.stream().map(ServerHealth::tickTimeMs).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        Integer minSession = servers.stream().map(ServerHealth::minSessionTimeoutMs).filter(Objects::nonNull)
                .max(Integer::compare).orElse(null);
        Integer maxSession = servers.stream().map(ServerHealth::maxSessionTimeoutMs).filter(Objects::nonNull)
                .min(Integer::compare).orElse(null);
        if (ticks.size() > 1) {
            out.add(check(Severity.DEGRADED, TICK_TIME_MISMATCH, "the servers disagree on tickTime: " + ticks
                    + " ms; doctor checks against the largest", "give every server the same tickTime"));
        }
        if (ticks.isEmpty()) {
            if (!s.nodes().isEmpty()) {
                out.add(check(Severity.DEGRADED, TICK_TIME_MISMATCH, "no server told its tickTime ('conf'), so the"
                        + " agents' fence budgets cannot be checked against it", "add conf to 4lw.commands.whitelist"));
            }
            return;
        }
        int tick = ((TreeSet<Integer>) ticks).last();
        for (ClusterSnapshot.NodeEntry n : s.nodes().values()) {
            NodeRecord.Fence f = n.record().fence();
            String node = n.record().node();
            FenceBudget real = FenceBudget.of(f.sessionTimeoutMs(), tick);
            int leaseMs = f.sessionTimeoutMs() - f.marginMs();
            if (leaseMs > real.leaseMs()) {
                out.add(Finding.of(Severity.CRITICAL, TICK_TIME_MISMATCH, null, node, node + " assumes tickTime "
                                + f.tickTimeMs() + " ms but the ensemble runs " + tick + " ms: its VIP lease ("
                                + leaseMs + " ms) outlasts what its session guarantees (" + real.leaseMs() + " ms) by "
                                + (leaseMs - real.leaseMs()) + " ms, so a crashed holder's VIP may overlap its successor",
                        "set tick_time " + tick + " in " + node + "'s zookeeper block and restart its agent"));
            } else {
                out.add(Finding.of(Severity.OK, TICK_TIME_MISMATCH, null, node, node + ": lease " + leaseMs
                        + " ms fits session " + f.sessionTimeoutMs() + " ms with the ensemble's tickTime " + tick
                        + " ms (margin " + real.marginMs() + " ms)", ""));
            }
            if (minSession != null && maxSession != null) {
                int regranted = Math.max(minSession, Math.min(maxSession, f.sessionTimeoutMs()));
                if (regranted < f.sessionTimeoutMs()) {
                    out.add(Finding.of(Severity.CRITICAL, SESSION_LIMITS, null, node, node + " runs with session "
                                    + f.sessionTimeoutMs() + " ms, but the servers now grant at most " + maxSession
                                    + " ms: after its next new session its lease would outlast the session",
                            "restart " + node + "'s agent so that it recomputes its budget, or raise maxSessionTimeout"));
                } else if (maxSession < real.minimumSafeSessionTimeoutMs()) {
                    out.add(Finding.of(Severity.CRITICAL, SESSION_LIMITS, null, node, "the servers grant sessions of at"
                                    + " most " + maxSession + " ms, less than the " + real.minimumSafeSessionTimeoutMs()
                                    + " ms a safe fence needs with tickTime " + tick + " ms",
                            "raise maxSessionTimeout (zoo.cfg) or lower tickTime"));
                } else {
                    out.add(Finding.of(Severity.OK, SESSION_LIMITS, null, node, node + ": session "
                            + f.sessionTimeoutMs() + " ms is within the servers' limits [" + minSession + ", "
                            + maxSession + "] ms", ""));
                }
            }
        }
    }

    // ---- clocks, versions, records ----------------------------------------------------------

    static void clocks(ClockEstimates.Result clocks, List<Finding> out) {
        boolean bad = false;
        for (ClockEstimates.NodeOffset o : clocks.nodes()) {
            if (Math.abs(o.offsetMs()) > CLOCK_TOLERANCE_MS) {
                bad = true;
                out.add(Finding.of(Severity.DEGRADED, CLOCK_SKEW, null, o.node(), o.node() + "'s clock is about "
                                + Math.abs(o.offsetMs()) + " ms " + (o.offsetMs() > 0 ? "behind" : "ahead of")
                                + " the ZooKeeper leader's (from " + o.samples() + " records): event times and"
                                + " 'since' mislead; the fence itself uses monotonic clocks and is not affected",
                        "run chrony or ntpd on " + o.node() + " and the ZooKeeper servers"));
            }
        }
        if (clocks.spreadMs() != null && clocks.spreadMs() > CLOCK_TOLERANCE_MS && !bad) {
            out.add(check(Severity.DEGRADED, CLOCK_SKEW, "the nodes' clocks differ by about " + clocks.spreadMs() + " ms",
                    "run chrony or ntpd everywhere"));
        } else if (!bad) {
            out.add(check(Severity.OK, CLOCK_SKEW, clocks.nodes().isEmpty()
                    ? "no records to estimate clocks from yet"
                    : "clocks agree within " + CLOCK_TOLERANCE_MS + " ms as far as the records show ("
                    + clocks.nodes().stream().map(o -> o.node() + " " + signed(o.offsetMs()) + " ms")
                    .collect(Collectors.joining(", ")) + ")", ""));
        }
    }

    static void versions(ClusterSnapshot s, String hactlVersion, List<Finding> out) {
        Map<String, List<String>> byVersion = new TreeMap<>();
        s.nodes().values().forEach(n -> byVersion.computeIfAbsent(n.record().version().isEmpty() ? "unknown"
                : n.record().version(), k -> new ArrayList<>()).add(n.record().node()));
        if (byVersion.size() > 1) {
            out.add(check(Severity.DEGRADED, VERSION_SKEW, "agents run different versions: " + byVersion.entrySet()
                            .stream().map(e -> e.getKey() + " on " + String.join(", ", e.getValue()))
                            .collect(Collectors.joining("; ")),
                    "finish the rolling upgrade: every agent on one version"));
        } else if (byVersion.size() == 1) {
            String v = byVersion.keySet().iterator().next();
            out.add(check(Severity.OK, VERSION_SKEW, "every agent runs " + v, ""));
            if (!v.equals(hactlVersion)) {
                out.add(check(Severity.INFO, VERSION_SKEW, "hactl is " + hactlVersion + ", the agents " + v,
                        "use the hactl of the agents' release"));
            }
        }
    }

    /** The record-level findings that belong to a health check: duplicates, foreign routers, unsafe budgets. */
    static void recordFindings(ClusterSnapshot s, List<Finding> out) {
        List<Finding> found = StatusFindings.of(s);
        for (FindingCode code : List.of(FindingCode.DUPLICATE_VIP, FindingCode.FOREIGN_ROUTER,
                FindingCode.UNSAFE_FENCE_BUDGET)) {
            List<Finding> hits = found.stream().filter(f -> f.code() == code).toList();
            out.addAll(hits);
            if (hits.isEmpty() && code != FindingCode.UNSAFE_FENCE_BUDGET && !visible(s, code)) {
                out.add(check(Severity.INFO, code, code == FindingCode.DUPLICATE_VIP
                        ? "no agent publishes the addresses it finds on its interfaces (addressesSeen), so a VIP on"
                        + " two nodes cannot be seen from ZooKeeper"
                        : "no agent publishes what it hears on the wire (vrrp view), so a foreign VRRP router cannot"
                        + " be seen from ZooKeeper", "upgrade the agents to a version that publishes it"));
            } else if (hits.isEmpty()) {
                out.add(check(Severity.OK, code, switch (code) {
                    case DUPLICATE_VIP -> "no VIP is reported on two nodes' interfaces";
                    case FOREIGN_ROUTER -> "no member hears a foreign VRRP router";
                    default -> "every agent's own fence budget is safe";
                }, ""));
            }
        }
    }

    /** Whether any agent publishes the facts a check needs: a holder's seen addresses, or a vrrp view. */
    private static boolean visible(ClusterSnapshot s, FindingCode code) {
        return s.instances().stream().flatMap(i -> i.members().stream()).anyMatch(m ->
                code == FindingCode.DUPLICATE_VIP ? !m.record().addressesSeen().isEmpty() : m.record().vrrp() != null);
    }

    private static String signed(long v) {
        return v >= 0 ? "+" + v : Long.toString(v);
    }

    private static Finding check(Severity severity, FindingCode code, String message, String action) {
        return Finding.of(severity, code, null, null, message, action);
    }
}
