package io.hakeeper.agent.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hakeeper.agent.kernel.KernelVm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * hakeeper's IPVS programming on a real kernel: one VM boot (lab/qemu, Debian's stock kernel with
 * IPVS) runs {@link IpvsKernelScenario}, and each test here asserts one of its checks. The VM's
 * dummy interface takes 192.168.0.1/16, so the keepalived fixture's real servers (192.168.156.x)
 * are routable as they are. Skipped, with the reason, when the harness is unavailable (not root,
 * no kernel).
 */
class IpvsKernelTest {

    private static KernelVm.Result run;
    private static Map<String, GuestChecks.Outcome> outcomes;

    @BeforeAll
    static void bootOnce() throws Exception {
        KernelVm vm = KernelVm.assumeAvailable();
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and the serial collector: under TCG the JIT's own work dominates a short run.
        run = vm.run(Duration.ofMinutes(10), Map.of("HAKEEPER_QEMU_NET4", "192.168.0.1/16"),
                List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", GuestClasspath.current(),
                        IpvsKernelScenario.class.getName(), root.toString()));
        System.out.println("IpvsKernelScenario in the VM: exit " + run.exitCode() + " after " + run.elapsed().toSeconds() + " s");
        System.out.print(run.stdout());
        System.err.print(run.stderr());
        outcomes = GuestChecks.parse(run.stdout());
    }

    private static void assertPassed(String check) {
        GuestChecks.Outcome o = outcomes.get(check);
        if (o == null) {
            fail("the scenario did not run check " + check + ":\n" + run.describe());
        }
        assertTrue(o.passed(), () -> check + " failed in the VM:\n" + o.detail());
    }

    @Test
    void theScenarioRanToTheEnd() {
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(14, outcomes.size(), run::describe);
    }

    @Test
    void lvsFixtureMatchesIpvsadm() {
        assertPassed("lvsFixtureMatchesIpvsadm");
    }

    @Test
    void haagentProcessAppliesTheFixtureAndExitsZero() {
        assertPassed("haagentProcessAppliesTheFixtureAndExitsZero");
    }

    @Test
    void natDrTunOverTcpUdpSctpMatchIpvsadm() {
        assertPassed("natDrTunOverTcpUdpSctpMatchIpvsadm");
    }

    @Test
    void ipv6AndFwmarkMatchIpvsadm() {
        assertPassed("ipv6AndFwmarkMatchIpvsadm");
    }

    @Test
    void sorryServerAndGroupMatchIpvsadm() {
        assertPassed("sorryServerAndGroupMatchIpvsadm");
    }

    @Test
    void everySchedulerMatchesIpvsadm() {
        assertPassed("everySchedulerMatchesIpvsadm");
    }

    @Test
    void everyWireFeatureRoundTripsAndMatchesIpvsadm() {
        assertPassed("everyWireFeatureRoundTripsAndMatchesIpvsadm");
    }

    @Test
    void driftIsRepairedAndForeignServicesSurvive() {
        assertPassed("driftIsRepairedAndForeignServicesSurvive");
    }

    @Test
    void refusalMidwayReportsWhatWasAndWasNotApplied() {
        assertPassed("refusalMidwayReportsWhatWasAndWasNotApplied");
    }

    @Test
    void unknownSchedulerNamesItsModule() {
        assertPassed("unknownSchedulerNamesItsModule");
    }

    @Test
    void liveConnectionCountersMatchIpvsadm() {
        assertPassed("liveConnectionCountersMatchIpvsadm");
    }

    @Test
    void trafficStatsMatchIpvsadm() {
        assertPassed("trafficStatsMatchIpvsadm");
    }

    @Test
    void verdictsDriveTheTableWithSorryServerAndQuorum() {
        assertPassed("verdictsDriveTheTableWithSorryServerAndQuorum");
    }

    @Test
    void withoutCapNetAdminTheCommandsSaySo() {
        assertPassed("withoutCapNetAdminTheCommandsSaySo");
    }
}
