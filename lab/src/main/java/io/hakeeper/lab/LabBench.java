package io.hakeeper.lab;

import io.hakeeper.lab.netns.VipTimeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/lab bench}: injects each scenario's fault into the VIP's holder (lb01) of the running
 * lab, N times, and prints per scenario the failover time, the VIP-less gap, the overlap and the
 * client's failed requests, all from the kernel's address notifications of the directors'
 * namespaces on one socket and one monotonic clock. A benchmark: it prints figures and the
 * targets' verdicts; its exit status is 1 when any hakeeper trial had two holders at once.
 */
@Command(name = "bin/lab bench", mixinStandardHelpOptions = true,
        description = "Failover figures of the running lab, from the kernel's address notifications of each director's"
                + " namespace.")
public final class LabBench implements Callable<Integer> {

    /** lb01 has the higher priority and preempts: it holds the VIP when the lab is settled. */
    static final String PRIMARY = "lb01";
    static final String STANDBY = "lb02";
    /** How long the bench watches a holder that does not let go before ending the fault. */
    static final long LINGER_MS = 3000;
    /** How long a takeover may take before the bench calls it missing. */
    static final long TAKEOVER_MS = 30_000;
    /** After a recovery the primary takes the VIP back within seconds (preempt_delay 2 s); this is a stuck one. */
    static final long RECOVERY_MS = 30_000;
    /** How long faults that should move nothing are watched. */
    static final long CLOCK_FAULT_MS = 10_000;
    static final long NETEM_MS = 30_000;
    /** How long a recovered lab may take to have the primary alone holding again. */
    static final long SETTLE_MS = 60_000;

    @Option(names = "--trials", defaultValue = "20", description = "trials per scenario (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--scenario", split = ",", description = "one or more of: ${COMPLETION-CANDIDATES}"
            + " (default: all; repeat or comma-separate)", converter = ScenarioConverter.class)
    List<Scenario> chosen;

    @Option(names = "--campaign", paramLabel = "N", description = "every scenario N times, round robin, then one table"
            + " (N = 25 gives more than 200 trials)")
    Integer campaign;

    @Option(names = "--vs", description = "also run the scenarios on the same topology with: keepalived")
    String versus;

    @Option(names = "--vs-trials", paramLabel = "K", description = "trials per scenario for the --vs system"
            + " (default: as many as hakeeper's)")
    Integer versusTrials;

    private final LabTopology topology;
    private final LabControl lab;
    private final long sessionMs;
    /** Recoveries after which the primary did not take the VIP back by itself and was restarted. */
    private final List<String> restarts = new ArrayList<>();
    private final List<String> trouble = new ArrayList<>();
    private final HandOverSteps steps = new HandOverSteps();

    LabBench() throws Exception {
        topology = LabTopology.ofRepository();
        lab = new LabControl(LabTopology.repositoryRoot());
        sessionMs = Long.parseLong(topology.get("LAB_SESSION_MS"));
    }

    static final class ScenarioConverter implements CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            return Scenario.byId(value);
        }
    }

    public static void main(String[] args) throws Exception {
        System.exit(new CommandLine(new LabBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (versus != null && !versus.equals("keepalived")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--vs takes 'keepalived', not '" + versus + "'");
        }
        List<Scenario> scenarios = campaign != null || chosen == null ? List.of(Scenario.values()) : chosen;
        int n = campaign != null ? campaign : trials;
        boolean ensemble = scenarios.stream().anyMatch(s -> s.needs == Scenario.Needs.ENSEMBLE);
        System.out.println("how: " + DirectorWatch.HOW + "; the client sends an HTTP GET to the VIP every "
                + ClientProbe.INTERVAL_MS + " ms (" + ClientProbe.TIMEOUT_MS + " ms budget each).");
        System.out.println("failover: fault injected -> successor has the VIP; VIP-less gap: longest time no director"
                + " had it, fault to end of recovery; overlap: two directors had it at once.");
        Map<String, List<Trial>> results = new LinkedHashMap<>();
        for (boolean ipv6 : new boolean[] {false, true}) {
            List<Scenario> phase = scenarios.stream().filter(s -> s.ipv6() == ipv6).toList();
            if (phase.isEmpty()) {
                continue;
            }
            LabMode mode = lab.ensureMode(topology, ensemble, ipv6);
            System.out.printf("%n== %s VIP %s, ZooKeeper %s%n", ipv6 ? "IPv6" : "IPv4", mode.vip(), mode.zkConnect());
            List<Directors> systems = new ArrayList<>(List.of(new Directors.Hakeeper(lab)));
            if (versus != null) {
                systems.add(new Directors.Keepalived(lab));
            }
            try (DirectorWatch watch = new DirectorWatch(topology, mode.vip());
                 ClientProbe client = new ClientProbe(topology, mode)) {
                long now = System.nanoTime();
                for (String h : lab.holders()) {
                    watch.seed(h, now);
                }
                for (Directors system : systems) {
                    system.start();
                    int rounds = system instanceof Directors.Hakeeper || versusTrials == null ? n : versusTrials;
                    for (int i = 1; i <= rounds; i++) {
                        for (Scenario s : phase) {
                            if (system.notApplicable(s) != null) {
                                continue;
                            }
                            Trial t = trial(system, s, watch.timeline, client);
                            results.computeIfAbsent(key(s, system), k -> new ArrayList<>()).add(t);
                            System.out.printf(Locale.ROOT, "%s %s trial %d/%d: failover %s, VIP-less %s, overlap %s,"
                                            + " client %d of %d failed%s%n", s.id, system.name(), i, rounds,
                                    BenchTable.ms(t.failoverMs()), BenchTable.ms(t.vipLessMs()),
                                    BenchTable.ms(t.overlapMs()), t.failedRequests(), t.requests(),
                                    t.permanent() ? " (old holder never let go)" : "");
                        }
                        saveProgress(scenarios, results);
                    }
                    system.stop();
                }
                settle(watch.timeline);
                if (watch.trouble() != null) {
                    trouble.add(watch.trouble());
                }
            }
        }
        List<BenchTable.Row> rows = rows(scenarios, results);
        System.out.println();
        System.out.print(BenchTable.render(rows));
        System.out.println();
        System.out.print(steps.render());
        return verdicts(rows);
    }

    private List<BenchTable.Row> rows(List<Scenario> scenarios, Map<String, List<Trial>> results) {
        List<BenchTable.Row> rows = new ArrayList<>();
        List<Directors> all = versus == null ? List.of(new Directors.Hakeeper(lab))
                : List.of(new Directors.Hakeeper(lab), new Directors.Keepalived(lab));
        for (Directors system : all) {
            for (Scenario s : scenarios) {
                String why = system.notApplicable(s);
                rows.add(new BenchTable.Row(s.id, system.name(), results.getOrDefault(key(s, system), List.of()), why));
            }
        }
        return rows;
    }

    /** The table so far, after every round, so that a run cut short still leaves its figures. */
    private void saveProgress(List<Scenario> scenarios, Map<String, List<Trial>> results) {
        java.nio.file.Path file = topology.runDir().resolve("bench-progress.md");
        try {
            java.nio.file.Files.writeString(file, BenchTable.render(rows(scenarios, results)) + "\n" + steps.render()
                    + (trouble.isEmpty() ? "" : "\ntrouble: " + trouble + "\n"));
        } catch (java.io.IOException e) {
            System.out.println("  cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String key(Scenario s, Directors system) {
        return s.id + "/" + system.name();
    }

    /** One fault on the settled primary: inject, watch, recover, wait for the primary again. */
    private Trial trial(Directors system, Scenario s, VipTimeline timeline, ClientProbe client) throws Exception {
        settle(timeline);
        long start = System.nanoTime();
        long wallStart = System.currentTimeMillis();
        long injected = start;
        String from = PRIMARY;
        String to = STANDBY;
        String zkKilled = null;
        switch (s) {
            case SWITCH_BACK -> {
                system.inject(s, PRIMARY);
                timeline.await(() -> timeline.holds(STANDBY) && !timeline.holds(PRIMARY), TAKEOVER_MS);
                from = STANDBY;
                to = PRIMARY;
                injected = System.nanoTime();
                lab.lab("switchover", "--to", PRIMARY);
                awaitTakeover(timeline, STANDBY, PRIMARY, injected);
            }
            case ZK_LEADER_HANDOVER -> {
                zkKilled = lab.zkLeader();
                String leader = zkKilled;
                CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
                    try {
                        system.inject(s, PRIMARY);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                if (timeline.await(() -> timeline.firstRemovedAfter(PRIMARY, start).isPresent(), TAKEOVER_MS)) {
                    lab.zkKillNow(topology, leader);
                }
                awaitTakeover(timeline, PRIMARY, STANDBY, injected);
                request.join();
            }
            default -> {
                zkKilled = inject(system, s);
                observe(s, timeline, injected);
            }
        }
        long observed = System.nanoTime();
        recover(system, s, zkKilled);
        if (!timeline.await(() -> timeline.holds(PRIMARY) && !timeline.holds(STANDBY), RECOVERY_MS)) {
            restarts.add(s.id + " (" + system.name() + ")");
            System.out.printf("  %s did not take the VIP back within %d s of the recovery; restarting its %s"
                    + " (see %s/%s/)%n", PRIMARY, RECOVERY_MS / 1000, system.name(), topology.runDir(), PRIMARY);
            system.restart(PRIMARY);
        }
        if (!timeline.await(() -> timeline.holds(PRIMARY) && !timeline.holds(STANDBY), SETTLE_MS)) {
            // Record it (the run ends non-zero) and go on with a fresh pair, so one stuck trial does
            // not cost the campaign's remaining hours.
            String what = s.id + " (" + system.name() + "): the lab did not settle with " + PRIMARY + " alone holding"
                    + " the VIP within " + SETTLE_MS / 1000 + " s of restarting it; restarted both";
            trouble.add(what);
            System.out.println("  " + what + ". Timeline:\n" + timeline);
            system.restart(STANDBY);
            system.restart(PRIMARY);
        }
        settle(timeline);
        long settled = System.nanoTime();
        List<ClientProbe.Request> requests = client.between(start, settled);
        int failed = (int) requests.stream().filter(r -> !r.ok()).count();
        Trial t = Trial.measure(timeline.intervals(), from, to, new Trial.Window(start, injected, observed, settled),
                failed, requests.size());
        if (s.handOver() && system instanceof Directors.Hakeeper) {
            steps.add(s, topology.runDir(), from, to, timeline, injected, wallStart + (injected - start) / 1_000_000L);
        }
        return t;
    }

    /** The bench's own faults (network, clock, ZooKeeper) or else the daemon's; returns the ZooKeeper server killed. */
    private String inject(Directors system, Scenario s) throws Exception {
        switch (s) {
            case NETEM -> lab.lab("netem", PRIMARY, "on");
            case ONE_WAY -> lab.lab("oneway", PRIMARY, "on");
            case CLOCK_FORWARD -> lab.lab("clock", PRIMARY, "+3600");
            case CLOCK_BACK -> lab.lab("clock", PRIMARY, "-3600");
            case ZK_LEADER -> {
                String leader = lab.zkLeader();
                lab.zkKillNow(topology, leader);
                return leader;
            }
            default -> system.inject(s, PRIMARY);
        }
        return null;
    }

    private void recover(Directors system, Scenario s, String zkKilled) throws Exception {
        switch (s) {
            case NETEM -> lab.lab("netem", PRIMARY, "off");
            case ONE_WAY -> lab.lab("oneway", PRIMARY, "off");
            case CLOCK_FORWARD, CLOCK_BACK -> lab.lab("clock", PRIMARY, "0");
            case ZK_LEADER -> lab.lab("zk", "start", zkKilled);
            case ZK_LEADER_HANDOVER -> {
                lab.lab("zk", "start", zkKilled);
                system.recover(s, PRIMARY);
            }
            default -> system.recover(s, PRIMARY);
        }
    }

    /** Watches the fault for as long as its kind needs. */
    private void observe(Scenario s, VipTimeline timeline, long injected) throws InterruptedException {
        switch (s.outcome) {
            case TAKEOVER, HAND_OVER -> {
                awaitTakeover(timeline, PRIMARY, STANDBY, injected);
                if (s == Scenario.SIGSTOP) {
                    // stopped for 3 x the session timeout, whatever happened meanwhile
                    long left = injected + 3 * sessionMs * 1_000_000L - System.nanoTime();
                    timeline.await(() -> false, Math.max(0, left / 1_000_000L));
                }
            }
            case STAYS -> timeline.await(() -> false, s == Scenario.ZK_LEADER ? 2 * sessionMs : CLOCK_FAULT_MS);
            case EITHER -> timeline.await(() -> false, NETEM_MS);
        }
    }

    private static void awaitTakeover(VipTimeline timeline, String from, String to, long since)
            throws InterruptedException {
        timeline.await(() -> timeline.firstAddedAfter(to, since).isPresent(), TAKEOVER_MS);
        // Give a holder that does not let go the time to show it (the fence makes ours drop first).
        timeline.await(() -> !timeline.holds(from), LINGER_MS);
    }

    /** Waits until the primary alone has the VIP, then a second of steady state for the standby. */
    private void settle(VipTimeline timeline) throws InterruptedException {
        if (!timeline.await(() -> timeline.holds(PRIMARY) && !timeline.holds(STANDBY), 60_000)) {
            throw new IllegalStateException("the lab did not settle with " + PRIMARY + " alone holding the VIP"
                    + " within 60 s; see " + topology.runDir() + "/lb0*/*.log. Timeline:\n" + timeline);
        }
        timeline.await(() -> false, 1000); // steady state: the standby is back in BACKUP
    }

    private int verdicts(List<BenchTable.Row> rows) {
        System.out.println("targets (hakeeper):");
        int overlapped = 0;
        int total = 0;
        for (BenchTable.Row r : rows) {
            if (!r.system().equals("hakeeper") || r.trials().isEmpty()) {
                continue;
            }
            Scenario s = Scenario.byId(r.scenario());
            long overlapping = r.trials().stream().filter(t -> t.overlapMs() > 0).count();
            overlapped += (int) overlapping;
            total += r.trials().size();
            System.out.printf(Locale.ROOT, "  %-18s zero overlap in every trial: %s (%d of %d overlapped)%n", s.id,
                    overlapping == 0 ? "met" : "MISSED", overlapping, r.trials().size());
            if (s == Scenario.GRACEFUL) {
                double p99 = BenchTable.pct(r.trials().stream().map(Trial::gapMs).sorted().toList(), 0.99);
                System.out.printf(Locale.ROOT, "  %-18s hand-over gap p99 <= 100 ms: %s (%.1f ms)%n", s.id,
                        p99 <= 100 ? "met" : "MISSED", p99);
            }
            if (s == Scenario.KILL9 || s == Scenario.KILL9_IPV6) {
                // S + T + 1 s, the fence budget with the lab's session_timeout and tickTime
                double budget = sessionMs + Integer.parseInt(topology.get("LAB_ZK_TICK_MS")) + 1000;
                double max = r.trials().stream().mapToDouble(Trial::failoverMs).max().orElse(Double.NaN);
                System.out.printf(Locale.ROOT, "  %-18s failover within S + T + 1 s = %.0f ms: %s (max %.0f ms)%n",
                        s.id, budget, max <= budget ? "met" : "MISSED", max);
            }
            if (s.outcome == Scenario.Outcome.STAYS) {
                long moved = r.trials().stream().filter(t -> !Double.isNaN(t.failoverMs())).count();
                System.out.printf(Locale.ROOT, "  %-18s the holder kept the VIP: %s (%d of %d moved)%n", s.id,
                        moved == 0 ? "met" : "MISSED", moved, r.trials().size());
            }
        }
        System.out.printf("%d hakeeper trials, %d with overlap%n", total, overlapped);
        if (!restarts.isEmpty()) {
            System.out.printf("note: %d recoveries needed a restart of %s's daemon: %s%n", restarts.size(), PRIMARY,
                    String.join(", ", restarts));
        }
        for (String t : trouble) {
            System.out.println("TIMELINE INCOMPLETE: " + t);
        }
        return overlapped > 0 || !trouble.isEmpty() ? 1 : 0;
    }
}
