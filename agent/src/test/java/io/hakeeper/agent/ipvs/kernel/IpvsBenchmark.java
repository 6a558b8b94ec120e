package io.hakeeper.agent.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.ipvs.DesiredState;
import io.hakeeper.agent.ipvs.IpvsApplier;
import io.hakeeper.agent.ipvs.IpvsApplyReport;
import io.hakeeper.agent.ipvs.IpvsNetlink;
import io.hakeeper.agent.ipvs.IpvsOp;
import io.hakeeper.agent.ipvs.IpvsServiceKey;
import io.hakeeper.agent.ipvs.IpvsTable;
import io.hakeeper.agent.ipvs.IpvsTableFormat;
import io.hakeeper.agent.ipvs.Reconciler;
import io.hakeeper.agent.ipvs.RealServerHealth;
import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.HostFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The issue's benchmark, run inside the VM in one boot so both tools meet the same emulated CPU:
 * 1,000 virtual services x 10 real servers from an empty table, then a change to 10 % of the
 * services, by hakeeper ({@link IpvsApplier}: dump, diff, send, confirming dump) and by
 * {@code ipvsadm -R} restoring the same rules ({@link IpvsTableFormat#rules}) or the same minimal
 * change ({@link IpvsadmCommands}). Both must leave identical tables ({@code ipvsadm -Sn}).
 * Prints {@code FIGURE name seconds} lines for {@link IpvsBenchmarkTest}.
 */
public final class IpvsBenchmark {

    static final int SERVICES = 1000;
    static final int REAL_SERVERS = 10;
    static final int ROUNDS = 3;

    private final GuestChecks checks = new GuestChecks(System.out);

    public static void main(String[] args) throws Exception {
        new IpvsBenchmark().run();
    }

    /**
     * 1,000 virtual servers (NAT, wlc; every other one persistent) of 10 real servers each, in the
     * VM's 10.200.0.0/16. {@code changed}: every 10th service changed, four ways in turn (scheduler;
     * all weights; two real servers replaced; virtual port moved, which is a delete and a create).
     */
    public static String config(boolean changed) {
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < SERVICES; i++) {
            int kind = changed && i % 10 == 0 ? (i / 10) % 4 : -1;
            c.append("virtual_server 10.1.").append(i / 250).append('.').append(i % 250 + 1).append(' ')
                    .append(kind == 3 ? 8080 : 80).append(" {\n")
                    .append("    lb_algo ").append(kind == 0 ? "rr" : "wlc").append('\n')
                    .append("    lb_kind NAT\n    protocol TCP\n");
            if (i % 2 == 0) {
                c.append("    persistence_timeout 300\n");
            }
            for (int j = 0; j < REAL_SERVERS; j++) {
                int host = kind == 2 && j < 2 ? 100 + j : j + 1;
                c.append("    real_server 10.200.").append(i % 250).append('.').append(host).append(" 8080 {\n")
                        .append("        weight ").append(kind == 1 ? 5 : 1).append("\n    }\n");
            }
            c.append("}\n");
        }
        return c.toString();
    }

    private static DesiredState.Result desired(Path conf) {
        ConfigLoader.Result r = ConfigLoader.load(conf, ConfigLoader.Mode.CHECK, HostFacts.trusting());
        assertTrue(r.ok(), () -> r.errors().toString());
        return DesiredState.build(r.config(), RealServerHealth.allHealthy());
    }

    private void figure(String name, long nanos, String note) {
        System.out.printf(Locale.ROOT, "FIGURE %s %.3f %s%n", name, nanos / 1e9, note);
        System.out.flush();
    }

    private static long timeIpvsadmRestore(Path rules) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("ipvsadm", "-R").redirectInput(rules.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getInputStream().readAllBytes();
        int exit = p.waitFor();
        long took = System.nanoTime() - t0;
        assertEquals(0, exit, "ipvsadm -R < " + rules);
        return took;
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("ipvs-bench");
        Path fullConf = Files.writeString(dir.resolve("full.conf"), config(false));
        Path nextConf = Files.writeString(dir.resolve("next.conf"), config(true));
        DesiredState.Result full = desired(fullConf);
        DesiredState.Result next = desired(nextConf);
        Set<IpvsServiceKey> owned = new TreeSet<>(full.owned());
        owned.addAll(next.owned());
        List<IpvsOp> changeOps = Reconciler.diff(next.table(), full.table(), owned);
        TreeMap<String, Integer> kinds = new TreeMap<>();
        changeOps.forEach(op -> kinds.merge(op.getClass().getSimpleName(), 1, Integer::sum));
        checks.info("table: " + full.table().keys().size() + " services, " + full.table().destinationCount()
                + " destinations; change: " + changeOps.size() + " ops " + kinds);
        Path fullRules = Files.writeString(dir.resolve("full.rules"), IpvsTableFormat.rules(full.table()));
        Path nextRules = Files.writeString(dir.resolve("next.rules"), IpvsTableFormat.rules(next.table()));
        StringBuilder change = new StringBuilder();
        changeOps.forEach(op -> change.append(IpvsadmCommands.of(op)).append('\n'));
        Path changeRules = Files.writeString(dir.resolve("change.rules"), change);

        try (IpvsNetlink kernel = IpvsNetlink.open(java.time.Duration.ofSeconds(30))) {
            IpvsApplier applier = new IpvsApplier(kernel);
            String[] listings = new String[2];
            // Round 1 is this JVM's first contact with the code (what a freshly started agent
            // pays); later rounds the same work again (what a running agent pays). The host's
            // other load reaches the emulated CPU, so the tools alternate within each round.
            for (int round = 1; round <= ROUNDS; round++) {
                String r = "_round" + round;
                checks.run("fromEmptySameTable" + r, () -> {
                    kernel.flush();
                    long t0 = System.nanoTime();
                    IpvsApplyReport rep = applier.reconcile(full.table(), full.owned());
                    long took = System.nanoTime() - t0;
                    assertTrue(rep.complete(), () -> head(rep));
                    assertEquals(SERVICES + SERVICES * REAL_SERVERS, rep.applied().size());
                    figure("hakeeper_from_empty" + r, took, "reconcile: read (empty), diff, "
                            + rep.applied().size() + " changes, read back");
                    figure("hakeeper_from_empty_sending" + r, rep.sending().toNanos(), "of which sending");
                    listings[0] = Ipvsadm.run("-Sn");
                    kernel.flush();
                    figure("ipvsadm_restore_from_empty" + r, timeIpvsadmRestore(fullRules), "ipvsadm -R of "
                            + Files.readAllLines(fullRules).size() + " lines");
                    assertEquals(listings[0], Ipvsadm.run("-Sn"));
                });
                checks.run("tenPercentChangeSameTable" + r, () -> {
                    // The kernel holds ipvsadm's copy of the full table, identical to ours.
                    long t0 = System.nanoTime();
                    List<IpvsOp> ops = Reconciler.diff(next.table(), full.table(), owned);
                    IpvsApplyReport rep = applier.apply(ops, next.table(), owned);
                    long took = System.nanoTime() - t0;
                    assertTrue(rep.complete(), () -> head(rep));
                    assertEquals(changeOps, rep.applied());
                    figure("hakeeper_change_10pct" + r, took, "from the last confirmed table: diff, "
                            + rep.applied().size() + " changes, read back the " + rep.after().orElseThrow().keys().size()
                            + " changed services");
                    listings[1] = Ipvsadm.run("-Sn");

                    kernel.flush();
                    timeIpvsadmRestore(fullRules);
                    figure("ipvsadm_restore_change_10pct" + r, timeIpvsadmRestore(changeRules), "ipvsadm -R of the same "
                            + changeOps.size() + " changes (-E/-e/-a/-d/-A/-D lines)");
                    assertEquals(listings[1], Ipvsadm.run("-Sn"));

                    kernel.flush();
                    timeIpvsadmRestore(fullRules);
                    long f0 = System.nanoTime();
                    IpvsApplyReport full2 = applier.reconcile(next.table(), owned);
                    figure("hakeeper_reconcile_change_10pct" + r, System.nanoTime() - f0,
                            "reconcile: read all " + SERVICES + " services, diff, " + full2.applied().size()
                                    + " changes, read back");
                    assertTrue(full2.complete(), () -> head(full2));
                    assertEquals(listings[1], Ipvsadm.run("-Sn"));

                    long i0 = System.nanoTime();
                    IpvsApplyReport idle = applier.reconcile(next.table(), owned);
                    figure("hakeeper_drift_check" + r, System.nanoTime() - i0, "reconcile with nothing to change: read all "
                            + SERVICES + " services and " + SERVICES * REAL_SERVERS + " destinations, diff");
                    assertEquals(0, idle.planned());
                });
            }
            checks.run("ipvsadmFlushAndRestoreAll", () -> {
                long f0 = System.nanoTime();
                Ipvsadm.run("-C");
                long took = System.nanoTime() - f0 + timeIpvsadmRestore(nextRules);
                figure("ipvsadm_flush_and_restore_all", took, "ipvsadm -C, then -R of the whole new table (drops every connection)");
                assertEquals(listings[1], Ipvsadm.run("-Sn"));
            });
            for (String flags : List.of("", "-XX:TieredStopAtLevel=1")) {
                String name = flags.isEmpty() ? "haagent_process_from_empty" : "haagent_process_from_empty_c1";
                checks.run("haagentProcessFromEmpty" + (flags.isEmpty() ? "" : "C1"), () -> {
                    kernel.flush();
                    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                    if (!flags.isEmpty()) {
                        cmd.add(flags);
                    }
                    cmd.addAll(List.of("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                            "io.hakeeper.agent.HaAgent", "ipvs", "apply", "--config", fullConf.toString()));
                    long t0 = System.nanoTime();
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                    byte[] out = p.getInputStream().readAllBytes();
                    int exit = p.waitFor();
                    long took = System.nanoTime() - t0;
                    assertEquals(0, exit, () -> new String(out).lines().limit(20).toList().toString());
                    figure(name, took, "java " + flags + " ... haagent ipvs apply: JVM start, parse " + SERVICES
                            + " virtual_server blocks, apply, read back");
                    assertEquals(listings[0], Ipvsadm.run("-Sn"));
                });
            }
        }
    }

    private static String head(IpvsApplyReport r) {
        return String.join("\n", r.lines().subList(0, Math.min(20, r.lines().size())));
    }
}
