package io.hakeeper.lab;

import io.hakeeper.lab.netns.VipTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/lab bench}: injects each scenario's fault into the VIP's holder (lb01) of the running
 * lab, N times, and prints per scenario the failover time, the client-visible gap and the overlap,
 * all from rtnetlink address events in the directors' namespaces on one monotonic clock. A
 * benchmark: it prints figures and the targets' verdicts; it asserts nothing.
 */
@Command(name = "bin/lab bench", mixinStandardHelpOptions = true,
        description = "Failover figures of the running lab, from address events in each director's namespace.")
public final class LabBench implements Callable<Integer> {

    /** lb01 has the higher priority and preempts: it holds the VIP when the lab is settled. */
    static final String PRIMARY = "lb01";
    static final String STANDBY = "lb02";
    /** How long the bench watches a holder that does not let go before ending the fault. */
    static final long LINGER_MS = 3000;
    /** After a recovery the primary takes the VIP back within seconds (preempt_delay 2 s); this is a stuck one. */
    static final long RECOVERY_MS = 20_000;

    @Option(names = "--trials", defaultValue = "20", description = "trials per scenario (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--scenario", split = ",", description = "kill9, sigstop, zk-partition, graceful, health,"
            + " switchover (default: all; repeat or comma-separate)")
    List<String> scenarioIds;

    @Option(names = "--vs", description = "also run the scenarios on the same topology with: keepalived")
    String versus;

    /** Recoveries after which the primary did not take the VIP back by itself and was restarted. */
    private int restarts;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LabBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Scenario> scenarios = scenarioIds == null ? List.of(Scenario.values())
                : scenarioIds.stream().map(Scenario::byId).toList();
        if (versus != null && !versus.equals("keepalived")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--vs takes 'keepalived', not '" + versus + "'");
        }
        LabTopology topology = LabTopology.ofRepository();
        LabControl lab = new LabControl(LabTopology.repositoryRoot());
        List<Directors> systems = new ArrayList<>(List.of(new Directors.Hakeeper(lab)));
        if (versus != null) {
            systems.add(new Directors.Keepalived(lab));
        }
        List<BenchTable.Row> rows = new ArrayList<>();
        try (DirectorWatch watch = new DirectorWatch(topology)) {
            long now = System.nanoTime();
            for (String h : lab.holders()) {
                watch.seed(h, now);
            }
            for (Directors system : systems) {
                system.start();
                for (Scenario s : scenarios) {
                    String why = system.notApplicable(s);
                    List<Trial> done = new ArrayList<>();
                    if (why == null) {
                        for (int i = 1; i <= trials; i++) {
                            Trial t = trial(system, s, watch.timeline);
                            done.add(t);
                            System.out.printf(Locale.ROOT, "%s %s trial %d/%d: failover %.1f ms, client gap %.1f ms,"
                                            + " overlap %.1f ms%s%n", s.id, system.name(), i, trials, t.failoverMs(),
                                    t.gapMs(), t.overlapMs(), t.permanent() ? " (old holder never let go)" : "");
                        }
                    }
                    rows.add(new BenchTable.Row(s.id, system.name(), done, why));
                }
                system.stop();
            }
            settle(watch.timeline);
        }
        rows.sort((a, b) -> Integer.compare(Scenario.byId(a.scenario()).ordinal(), Scenario.byId(b.scenario()).ordinal()));
        System.out.println();
        System.out.println("failover: fault injected -> successor has the VIP; client gap: old holder lost it -> successor"
                + " has it; overlap: two directors had it at once (address events in each director's namespace)");
        System.out.println();
        System.out.print(BenchTable.render(rows));
        System.out.println();
        verdicts(rows, topology);
        if (restarts > 0) {
            System.out.printf("note: %d recoveries needed a restart of %s's daemon (printed above with the trial)%n",
                    restarts, PRIMARY);
        }
        return 0;
    }

    /** One fault on the settled primary: inject, watch the takeover, recover, wait for the primary again. */
    private Trial trial(Directors system, Scenario s, VipTimeline timeline) throws Exception {
        settle(timeline);
        long injected = System.nanoTime();
        system.inject(s, PRIMARY);
        timeline.await(() -> timeline.firstAddedAfter(STANDBY, injected).isPresent(), 30_000);
        // Give a holder that does not let go the time to show it (the fence makes ours drop first).
        timeline.await(() -> !timeline.holds(PRIMARY), LINGER_MS);
        long observed = System.nanoTime();
        system.recover(s, PRIMARY);
        if (!timeline.await(() -> timeline.holds(PRIMARY) && !timeline.holds(STANDBY), RECOVERY_MS)) {
            restarts++;
            System.out.printf("  %s did not take the VIP back within %d s of the recovery; restarting its %s"
                    + " (see /run/hakeeper-lab/%s/)%n", PRIMARY, RECOVERY_MS / 1000, system.name(), PRIMARY);
            system.restart(PRIMARY);
        }
        settle(timeline);
        return Trial.measure(timeline.intervals(), PRIMARY, STANDBY, injected, observed, System.nanoTime());
    }

    /** Waits until the primary alone has the VIP, then a second of steady state for the standby. */
    private static void settle(VipTimeline timeline) throws InterruptedException {
        if (!timeline.await(() -> timeline.holds(PRIMARY) && !timeline.holds(STANDBY), 60_000)) {
            throw new IllegalStateException("the lab did not settle with " + PRIMARY + " alone holding the VIP"
                    + " within 60 s; see /run/hakeeper-lab/lb0*/*.log. Timeline:\n" + timeline);
        }
        timeline.await(() -> false, 1000); // steady state: the standby is back in BACKUP
    }

    private static void verdicts(List<BenchTable.Row> rows, LabTopology topology) {
        System.out.println("targets (hakeeper):");
        for (BenchTable.Row r : rows) {
            if (!r.system().equals("hakeeper") || r.trials().isEmpty()) {
                continue;
            }
            Scenario s = Scenario.byId(r.scenario());
            long overlapping = r.trials().stream().filter(t -> t.overlapMs() > 0).count();
            System.out.printf(Locale.ROOT, "  %-12s zero overlap in every trial: %s (%d of %d overlapped)%n", s.id,
                    overlapping == 0 ? "met" : "MISSED", overlapping, r.trials().size());
            if (s.handOver()) {
                double p99 = BenchTable.pct(r.trials().stream().map(Trial::gapMs).sorted().toList(), 0.99);
                System.out.printf(Locale.ROOT, "  %-12s hand-over gap p99 <= 100 ms: %s (%.1f ms)%n", s.id,
                        p99 <= 100 ? "met" : "MISSED", p99);
            }
            if (s == Scenario.KILL9) {
                // S + T + 1 s, the fence budget with the lab's session_timeout and tickTime
                double budget = Integer.parseInt(topology.get("LAB_SESSION_MS"))
                        + Integer.parseInt(topology.get("LAB_ZK_TICK_MS")) + 1000;
                double max = r.trials().stream().mapToDouble(Trial::failoverMs).max().orElse(Double.NaN);
                System.out.printf(Locale.ROOT, "  %-12s failover within S + T + 1 s = %.0f ms: %s (max %.0f ms)%n",
                        s.id, budget, max <= budget ? "met" : "MISSED", max);
            }
        }
    }
}
