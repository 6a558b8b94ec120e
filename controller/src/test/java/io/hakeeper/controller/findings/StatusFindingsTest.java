package io.hakeeper.controller.findings;

import static io.hakeeper.controller.support.Snapshots.member;
import static io.hakeeper.controller.support.Snapshots.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.zk.MemberRecord;
import io.hakeeper.controller.cluster.ClusterSnapshot;
import io.hakeeper.controller.support.Snapshots;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatusFindingsTest {

    private static final String VIP = "10.0.0.100/24";

    private static Snapshots twoNodes() {
        return new Snapshots().node(node("lb1", 4000, 2000)).node(node("lb2", 4000, 2000));
    }

    private static MemberRecord ok(String node) {
        return member(node, 51, VIP, node.equals("lb1") ? 150 : 100, true, "", null, List.of());
    }

    /** code -> severity of every finding. */
    private static Map<FindingCode, Severity> findings(ClusterSnapshot s) {
        Map<FindingCode, Severity> out = new TreeMap<>();
        StatusFindings.of(s).forEach(f -> out.merge(f.code(), f.severity(), (a, b) -> a.compareTo(b) > 0 ? a : b));
        return out;
    }

    @Test
    void twoEligibleMembersAndAHolderAreHealthy() {
        assertEquals(Map.of(), findings(twoNodes().instance("VI_1", "lb1", ok("lb1"), ok("lb2")).build()));
    }

    @Test
    void noHolderIsCriticalAndSaysWhyNobodyCanTakeOver() {
        ClusterSnapshot s = twoNodes().instance("VI_1", null,
                member("lb1", 51, VIP, 150, false, "drained", null, List.of()),
                member("lb2", 51, VIP, 100, false, "track_interface eth0 down", null, List.of())).build();
        Finding f = StatusFindings.of(s).stream().filter(x -> x.code() == FindingCode.NO_HOLDER).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, f.severity());
        assertTrue(f.message().contains("lb1: drained; lb2: track_interface eth0 down"), f.message());
    }

    @Test
    void aSingleEligibleMemberIsDegraded() {
        ClusterSnapshot s = twoNodes().instance("VI_1", "lb1", ok("lb1"),
                member("lb2", 51, VIP, 100, false, "drained", null, List.of())).build();
        assertEquals(Map.of(FindingCode.SINGLE_ELIGIBLE_MEMBER, Severity.DEGRADED), findings(s));
    }

    @Test
    void membersDisagreeingOnVridOrVipsAreCritical() {
        ClusterSnapshot s = twoNodes().instance("VI_1", "lb1", ok("lb1"),
                member("lb2", 61, VIP, 100, true, "", null, List.of())).build();
        assertEquals(Severity.CRITICAL, findings(s).get(FindingCode.MEMBER_DISAGREEMENT));
        ClusterSnapshot vips = twoNodes().instance("VI_1", "lb1", ok("lb1"),
                member("lb2", 51, "10.0.0.200/24", 100, true, "", null, List.of())).build();
        assertEquals(Severity.CRITICAL, findings(vips).get(FindingCode.MEMBER_DISAGREEMENT));
    }

    @Test
    void aVipSeenOnTwoNodesIsCriticalWhateverThePrefix() {
        ClusterSnapshot s = twoNodes().instance("VI_1", "lb1",
                member("lb1", 51, VIP, 150, true, "", null, List.of("10.0.0.100/24")),
                member("lb2", 51, VIP, 100, true, "", null, List.of("10.0.0.100/32"))).build();
        Finding f = StatusFindings.of(s).stream().filter(x -> x.code() == FindingCode.DUPLICATE_VIP).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, f.severity());
        assertTrue(f.message().contains("10.0.0.100 is configured on lb1 and lb2"), f.message());
    }

    @Test
    void aForeignRouterIsDegradedAndASilentMasterToo() {
        MemberRecord.VrrpView hears = new MemberRecord.VrrpView("10.0.0.9", 200, true, List.of("10.0.0.9"), 10, 0);
        ClusterSnapshot s = twoNodes().instance("VI_1", "lb1", ok("lb1"),
                member("lb2", 51, VIP, 100, true, "", hears, List.of())).build();
        assertEquals(Map.of(FindingCode.FOREIGN_ROUTER, Severity.DEGRADED, FindingCode.MASTER_SILENT, Severity.DEGRADED),
                findings(s));
    }

    @Test
    void aFenceBudgetThatLeavesNoSecondOfLeaseIsCritical() {
        ClusterSnapshot s = new Snapshots().node(node("lb1", 3000, 2000)).node(node("lb2", 4000, 2000))
                .instance("VI_1", "lb2", ok("lb1"), ok("lb2")).build();
        Finding f = StatusFindings.of(s).stream().filter(x -> x.code() == FindingCode.UNSAFE_FENCE_BUDGET).findFirst()
                .orElseThrow();
        assertEquals("lb1", f.node());
        assertTrue(f.action().contains("at least 3750 ms"), f.action());
    }

    @Test
    void unreadableRecordsDegradeAndStaleMembersAreOnlyNoted() {
        ClusterSnapshot s = new Snapshots().node(node("lb1", 4000, 2000)).node(node("lb2", 4000, 2000))
                .instance("VI_1", "lb1", ok("lb1"), ok("lb2"), ok("lb3"))
                .unreadable("/hakeeper/t/instances/VI_1/members/lb4").build();
        assertEquals(Map.of(FindingCode.UNREADABLE_RECORD, Severity.DEGRADED, FindingCode.STALE_MEMBER, Severity.INFO),
                findings(s));
    }

    @Test
    void worstSeverityDecidesTheExitCode() {
        assertEquals(0, Severity.OK.exitCode().code());
        assertEquals(0, Severity.INFO.exitCode().code());
        assertEquals(1, Severity.DEGRADED.exitCode().code());
        assertEquals(2, Severity.CRITICAL.exitCode().code());
    }
}
