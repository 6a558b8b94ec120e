package io.hakeeper.controller.doctor;

import static io.hakeeper.controller.support.Snapshots.member;
import static io.hakeeper.controller.support.Snapshots.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.findings.Finding;
import io.hakeeper.controller.findings.FindingCode;
import io.hakeeper.controller.findings.Severity;
import io.hakeeper.controller.support.Snapshots;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DoctorChecksTest {

    private static ServerHealth server(String address, String mode, int tick, int min, int max) {
        return new ServerHealth(address, true, null, mode, "3.9.3", 1L, 0.2, 3L, "0x1", 10L, tick, min, max, true, true);
    }

    private static ServerHealth down(String address) {
        return new ServerHealth(address, false, "Connection refused", null, null, null, null, null, null, null, null,
                null, null, false, false);
    }

    private static final ClockEstimates.Result NO_CLOCKS = new ClockEstimates.Result(List.of(), null, List.of());

    private static ClusterSnapshot cluster(int lb2Tick) {
        return new Snapshots().node(node("lb1", 4000, 2000)).node(node("lb2", 4000, lb2Tick))
                .instance("VI_1", "lb1", member("lb1", 51, "10.0.0.1/24", 150, true, "", null, List.of("10.0.0.1/24")),
                        member("lb2", 51, "10.0.0.1/24", 100, true, "", null, List.of())).build();
    }

    private static Set<FindingCode> at(List<Finding> checks, Severity severity) {
        Set<FindingCode> out = new TreeSet<>();
        checks.stream().filter(f -> f.severity() == severity).forEach(f -> out.add(f.code()));
        return out;
    }

    @Test
    void aHealthyThreeServerEnsembleWithMatchingBudgetsPasses() {
        List<ServerHealth> servers = List.of(server("a:2181", "follower", 2000, 4000, 40000),
                server("b:2181", "leader", 2000, 4000, 40000), server("c:2181", "follower", 2000, 4000, 40000));
        List<Finding> checks = DoctorChecks.of(servers, cluster(2000), NO_CLOCKS, "1.0");
        assertEquals(Set.of(), at(checks, Severity.CRITICAL));
        assertEquals(Set.of(), at(checks, Severity.DEGRADED));
    }

    @Test
    void anAgentAssumingAShorterTickThanTheEnsembleIsCritical() {
        List<Finding> checks = DoctorChecks.of(List.of(server("a:2181", "standalone", 2000, 4000, 40000)),
                cluster(500), NO_CLOCKS, "1.0");
        Finding f = checks.stream().filter(c -> c.severity() == Severity.CRITICAL).findFirst().orElseThrow();
        assertEquals(FindingCode.TICK_TIME_MISMATCH, f.code());
        assertEquals("lb2", f.node());
        assertTrue(f.message().contains("outlasts what its session guarantees (1250 ms) by 750 ms"), f.message());
    }

    @Test
    void sessionLimitsBelowTheAgentsSessionAreCritical() {
        List<Finding> checks = DoctorChecks.of(List.of(server("a:2181", "standalone", 2000, 4000, 3000)),
                cluster(2000), NO_CLOCKS, "1.0");
        assertEquals(Set.of(FindingCode.SESSION_LIMITS), at(checks, Severity.CRITICAL));
    }

    @Test
    void losingTheMajorityIsCriticalAndOneServerDownDegraded() {
        List<Finding> one = DoctorChecks.of(List.of(server("a:2181", "leader", 2000, 4000, 40000),
                server("b:2181", "follower", 2000, 4000, 40000), down("c:2181")), cluster(2000), NO_CLOCKS, "1.0");
        assertEquals(Set.of(FindingCode.SERVER_UNREACHABLE), at(one, Severity.DEGRADED));
        assertEquals(Set.of(), at(one, Severity.CRITICAL));
        List<Finding> two = DoctorChecks.of(List.of(server("a:2181", "leader", 2000, 4000, 40000), down("b:2181"),
                down("c:2181")), cluster(2000), NO_CLOCKS, "1.0");
        assertEquals(Set.of(FindingCode.NO_QUORUM), at(two, Severity.CRITICAL));
    }

    @Test
    void skewedClocksAndMixedVersionsDegrade() {
        ClockEstimates.Result clocks = new ClockEstimates.Result(List.of(new ClockEstimates.NodeOffset("lb1", 5, 3),
                new ClockEstimates.NodeOffset("lb2", 4200, 2)), 4195L, List.of());
        ClusterSnapshot mixed = new Snapshots().node(node("lb1", 4000, 2000))
                .node(new io.hakeeper.common.zk.NodeRecord("lb2", "h", "2.0", 1, 1, Snapshots.session("lb2"),
                        node("lb2", 4000, 2000).fence(), false)).build();
        List<Finding> checks = DoctorChecks.of(List.of(server("a:2181", "leader", 2000, 4000, 40000),
                server("b:2181", "follower", 2000, 4000, 40000), server("c:2181", "follower", 2000, 4000, 40000)),
                mixed, clocks, "1.0");
        assertEquals(Set.of(FindingCode.CLOCK_SKEW, FindingCode.VERSION_SKEW), at(checks, Severity.DEGRADED));
        assertTrue(checks.stream().anyMatch(f -> f.message().contains("lb2's clock is about 4200 ms behind")));
    }
}
