package io.hakeeper.agent.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.kernel.KernelVm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark in one VM boot ({@link IpvsBenchmark}): hakeeper and ipvsadm -R side by
 * side. Asserts that both reach the same tables; prints the figures (TCG emulation: compare them
 * with each other, not with hardware).
 */
class IpvsBenchmarkTest {

    @Test
    void thousandServicesOfTenThenTenPercentChangedHakeeperBesideIpvsadmRestore() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("hakeeper.bench"),
                "the IPVS benchmark takes ~6 min under TCG; run it with lab/bench-ipvs.sh (-Dhakeeper.bench=true)");
        KernelVm vm = KernelVm.assumeAvailable();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        KernelVm.Result run = vm.run(Duration.ofMinutes(20), Map.of(),
                List.of(java, "-XX:+UseSerialGC", "-cp", GuestClasspath.current(), IpvsBenchmark.class.getName()));
        System.out.print(run.stdout());
        System.err.print(run.stderr());
        Map<String, GuestChecks.Outcome> outcomes = GuestChecks.parse(run.stdout());
        List<String> expected = new java.util.ArrayList<>();
        for (int round = 1; round <= IpvsBenchmark.ROUNDS; round++) {
            expected.add("fromEmptySameTable_round" + round);
            expected.add("tenPercentChangeSameTable_round" + round);
        }
        expected.addAll(List.of("ipvsadmFlushAndRestoreAll", "haagentProcessFromEmpty", "haagentProcessFromEmptyC1"));
        for (String check : expected) {
            GuestChecks.Outcome o = outcomes.get(check);
            assertTrue(o != null && o.passed(), () -> check + ": " + (o == null ? run.describe() : o.detail()));
        }
        assertEquals(0, run.exitCode(), run::describe);
        Map<String, Double> figures = new LinkedHashMap<>();
        run.stdout().lines().filter(l -> l.startsWith("FIGURE ")).forEach(l -> {
            String[] f = l.split(" ", 4);
            figures.put(f[1], Double.parseDouble(f[2]));
        });
        for (int round = 1; round <= IpvsBenchmark.ROUNDS; round++) {
            String r = "_round" + round;
            System.out.printf("benchmark round %d (TCG, same VM): from empty hakeeper %.2f s vs ipvsadm -R %.2f s; "
                            + "10%% change hakeeper %.2f s (full reconcile %.2f s) vs ipvsadm -R %.2f s; drift check %.2f s%n",
                    round, figures.get("hakeeper_from_empty" + r), figures.get("ipvsadm_restore_from_empty" + r),
                    figures.get("hakeeper_change_10pct" + r), figures.get("hakeeper_reconcile_change_10pct" + r),
                    figures.get("ipvsadm_restore_change_10pct" + r), figures.get("hakeeper_drift_check" + r));
        }
        System.out.printf("best of %d rounds: from empty hakeeper %.2f s vs ipvsadm -R %.2f s; 10%% change hakeeper %.2f s "
                        + "vs ipvsadm -R %.2f s%n", IpvsBenchmark.ROUNDS, best(figures, "hakeeper_from_empty"),
                best(figures, "ipvsadm_restore_from_empty"), best(figures, "hakeeper_change_10pct"),
                best(figures, "ipvsadm_restore_change_10pct"));
        System.out.printf("haagent process from empty %.2f s (C1 only: %.2f s); ipvsadm -C and -R of the whole new table %.2f s%n",
                figures.get("haagent_process_from_empty"), figures.get("haagent_process_from_empty_c1"),
                figures.get("ipvsadm_flush_and_restore_all"));
    }

    private static double best(Map<String, Double> figures, String name) {
        double best = Double.MAX_VALUE;
        for (int round = 1; round <= IpvsBenchmark.ROUNDS; round++) {
            best = Math.min(best, figures.get(name + "_round" + round));
        }
        return best;
    }
}
